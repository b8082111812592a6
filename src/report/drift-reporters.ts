import type { DriftResult } from '../drift/types.js';
import { jsonReporter, type ReporterMap } from './reporter-map.js';

/** `drift check`'s reporters by format. */
export const driftReporters: ReporterMap<DriftResult> = {
  text: async () => (await import('./drift-text.js')).driftText,
  json: jsonReporter,
  sarif: async () => {
    const [{ toSarif }, { driftFindings }] = await Promise.all([import('./sarif.js'), import('./drift-findings.js')]);
    return (result) => JSON.stringify(toSarif([{ tool: 'br-guard drift', findings: driftFindings(result) }]), null, 2);
  },
  markdown: async () => (await import('./drift-markdown.js')).driftMarkdown,
};
