import { runProcess } from '../../adapters/process-runner.js';
import type { Oxlint } from './native-tools.js';
import { oxlintRule } from './oxlint-output.js';

/** `fix` kinds of `oxlint --rules --format json` whose fix `oxlint --fix` applies (safe fixes, not suggestions). */
const appliedByFix = new Set(['fixable_fix', 'conditional_fix', 'fixable_safe_fix_or_suggestion', 'conditional_safe_fix_or_suggestion']);

/**
 * The rules (as br-guard names them) whose findings `oxlint --fix` can repair, from oxlint's own
 * rule list (its JSON report does not say per diagnostic). A `conditional` fix is counted: oxlint
 * fixes most of its cases, and `--fix` tells by what is left.
 */
export function fixableRules(listing: string): Set<string> {
  const rules = JSON.parse(listing) as { scope: string; value: string; fix: string }[];
  return new Set(rules.filter((rule) => appliedByFix.has(rule.fix)).map((rule) => oxlintRule(`${rule.scope}(${rule.value})`)));
}

const lists = new Map<string, Promise<Set<string>>>();

/** The fixable rules of this oxlint, listed once per process (one short oxlint run). */
export function oxlintFixableRules(oxlint: Oxlint, cwd: string): Promise<Set<string>> {
  let list = lists.get(oxlint.bin);
  if (!list) {
    list = runProcess(process.execPath, [oxlint.bin, '--rules', '--format', 'json'], { cwd, timeoutMs: 30_000 }).then((result) =>
      result.code === 0 ? fixableRules(result.stdout) : new Set<string>(),
    );
    lists.set(oxlint.bin, list);
  }
  return list;
}
