import type { GapReport } from '../gaps/types.js';
import { jsonReporter, type ReporterMap } from './reporter-map.js';

/** `gaps`'s reporters by format; SARIF shows each gap as a finding whose fix is its prompt. */
export const gapsReporters: ReporterMap<GapReport> = {
  text: async () => (await import('./gaps-text.js')).gapsToText,
  json: jsonReporter,
  sarif: async () => {
    const [{ toSarif }, { gapFindings }] = await Promise.all([import('./sarif.js'), import('./gap-findings.js')]);
    return (report) => JSON.stringify(toSarif([{ tool: 'br-guard gaps', findings: gapFindings(report) }]), null, 2);
  },
  markdown: async () => (await import('./gaps-markdown.js')).gapsToMarkdown,
};
