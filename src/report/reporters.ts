import type { SystemsReport } from '../domain/system-result.js';

/** The machine-readable formats a combined report is offered in (text is the CLI's own summary). */
export type ReportFormat = 'json' | 'sarif' | 'markdown';

export type Reporter = (report: SystemsReport) => string;

// One reporter per format, serving every system; each module loads only when its format is asked for.
const reporters: Record<ReportFormat, () => Promise<Reporter>> = {
  json: async () => (report) => JSON.stringify(report, null, 2),
  sarif: async () => {
    const { systemsSarif } = await import('./systems-sarif.js');
    return (report) => JSON.stringify(systemsSarif(report), null, 2);
  },
  markdown: async () => (await import('./systems-markdown.js')).systemsMarkdown,
};

/** The reporter for `format`. */
export function loadReporter(format: ReportFormat): Promise<Reporter> {
  return reporters[format]();
}
