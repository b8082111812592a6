import type { SystemsReport } from '../domain/system-result.js';
import { jsonReporter, type ReporterMap } from './reporter-map.js';

/** The combined report's reporters by format (`br-guard check`), each serving every system. */
export const systemsReporters: ReporterMap<SystemsReport> = {
  text: async () => (await import('./systems-text.js')).systemsText,
  json: jsonReporter,
  sarif: async () => {
    const { systemsSarif } = await import('./systems-sarif.js');
    return (report) => JSON.stringify(systemsSarif(report), null, 2);
  },
  markdown: async () => {
    const { systemsMarkdown } = await import('./systems-markdown.js');
    return (report) => systemsMarkdown(report);
  },
};
