import type { QualityResult } from '../quality/types.js';
import { jsonReporter, type ReporterMap } from './reporter-map.js';

/** `quality check`'s reporters by format; SARIF has a run per check that ran. */
export const qualityReporters: ReporterMap<QualityResult> = {
  text: async () => (await import('./quality-text.js')).qualityText,
  json: jsonReporter,
  sarif: async () => {
    const { qualitySarif } = await import('./quality-sarif.js');
    return (result) => JSON.stringify(qualitySarif(result), null, 2);
  },
  markdown: async () => (await import('./quality-markdown.js')).qualityMarkdown,
};
