import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { AnalysisUnavailableError, scriptAnalysis } from './script-analysis-service.js';

/** br-guard's JS/TS security rules (see js-security-rules.ts) over every script file, in the analysis worker. */
export const securityChecker: Checker = {
  name: 'security',
  engine: 'br-guard',
  dimension: 'security',
  appliesTo: (path) => /\.[cm]?[jt]sx?$/.test(path) && !path.endsWith('.d.ts'),
  cacheKey: async (context) => configKey(context.root, []),
  prepare: (root) => scriptAnalysis(root).prepare(),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const analysis = scriptAnalysis(context.root);
    const analysed = await Promise.all(
      context.files.map(async (file) => {
        const text = await file.read();
        try {
          return { path: file.path, text, hits: await analysis.security(file.path, text) };
        } catch (error) {
          if (error instanceof AnalysisUnavailableError) throw error;
          return null; // Syntax errors are reported by ESLint and tsc.
        }
      }),
    );
    const findings: Finding[] = [];
    for (const entry of analysed) {
      if (!entry) continue;
      const { path, text, hits } = entry;
      for (const hit of hits) {
        findings.push(
          qualityFinding({
            check: 'security',
            rule: hit.rule,
            severity: hit.severity,
            file: path,
            line: hit.line,
            column: hit.column,
            message: hit.message,
            key: lineKey(text, hit.line),
          }),
        );
      }
    }
    return { findings };
  },
};
