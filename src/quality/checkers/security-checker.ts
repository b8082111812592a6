import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';

/** br-guard's JS/TS security rules (see js-security-rules.ts) over every script file. */
export const securityChecker: Checker = {
  name: 'security',
  dimension: 'security',
  appliesTo: (path) => /\.[cm]?[jt]sx?$/.test(path) && !path.endsWith('.d.ts'),
  cacheKey: async (context) => configKey(context.root, []),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const { findJsSecurityIssues } = await import('./js-security-rules.js');
    const findings: Finding[] = [];
    for (const file of context.files) {
      const text = await file.read();
      let hits;
      try {
        hits = await findJsSecurityIssues(file.path, text);
      } catch {
        continue; // Syntax errors are reported by ESLint and tsc.
      }
      for (const hit of hits) {
        findings.push(
          qualityFinding({
            check: 'security',
            rule: hit.rule,
            severity: hit.severity,
            file: file.path,
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
