import { captureCount, captureReferences } from './glob-captures.js';
import type { BrGuardConfig } from './types.js';
import type { SchemaProblem } from './validate-schema.js';

/**
 * What the schema cannot say about `architecture`: every problem at once, each at its key, so a
 * bad boundary is exit 2 naming the line rather than a rule that silently matches nothing.
 */
export function architectureProblems(config: BrGuardConfig): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  config.architecture.boundaries.forEach((entry, index) => {
    const at = ['architecture', 'boundaries', index];
    if (entry.to === undefined && entry.allow === undefined) {
      problems.push({ path: at, message: 'needs "to" (what it forbids) or "allow" (what it permits), or both' });
      return;
    }
    const captures = captureCount(entry.from);
    const check = (glob: string, path: Array<string | number>): void => {
      const beyond = captureReferences(glob).find((n) => n < 1 || n > captures);
      if (beyond === undefined) return;
      const has = captures === 0 ? 'has no capture' : `has ${captures} (${captures === 1 ? '$1' : `$1 to $${captures}`})`;
      problems.push({
        path: [...at, ...path],
        message: `"${glob}" uses $${beyond}, but from "${entry.from}" ${has}: each wildcard of from (*, **, ?, an extglob) is one capture`,
      });
    };
    if (entry.to !== undefined) check(entry.to, ['to']);
    entry.allow?.forEach((glob, i) => check(glob, ['allow', i]));
  });
  return problems;
}
