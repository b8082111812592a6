/* The allowlists of a project's `.gitleaks.toml` and how they let a finding go. */

/** One `[allowlist]` / `[[allowlists]]` / `[[rules.allowlists]]` table. */
export interface Allowlist {
  regexes: RegExp[];
  paths: RegExp[];
  commits: string[];
  stopwords: string[];
  target: 'secret' | 'match' | 'line';
  condition: 'OR' | 'AND';
  /** Rule ids it is limited to (empty: every rule). */
  targetRules: string[];
}

/** True when an allowlist lets this finding go. */
export function allowedBy(
  list: Allowlist,
  finding: { rule: string; secret: string; line: string; path: string; commit?: string },
): boolean {
  if (list.targetRules.length && !list.targetRules.includes(finding.rule)) return false;
  const target = list.target === 'line' || list.target === 'match' ? finding.line : finding.secret;
  const checks: boolean[] = [];
  if (list.regexes.length) checks.push(list.regexes.some((regex) => test(regex, target)));
  if (list.paths.length) checks.push(list.paths.some((regex) => test(regex, finding.path)));
  if (list.stopwords.length) checks.push(list.stopwords.some((word) => finding.secret.toLowerCase().includes(word)));
  if (list.commits.length) checks.push(Boolean(finding.commit && list.commits.some((commit) => finding.commit?.startsWith(commit))));
  if (!checks.length) return false;
  return list.condition === 'AND' ? checks.every(Boolean) : checks.some(Boolean);
}

/** True when a global allowlist drops the whole file by its path (OR lists, or AND lists of paths only). */
export function pathAllowed(config: { allowlists: readonly Allowlist[] }, path: string, commit?: string): boolean {
  return config.allowlists.some(
    (list) =>
      !list.targetRules.length &&
      list.paths.some((regex) => test(regex, path)) &&
      (list.condition === 'OR' ||
        (!list.regexes.length &&
          !list.stopwords.length &&
          (!list.commits.length || Boolean(commit && list.commits.some((c) => commit.startsWith(c)))))),
  );
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  return regex.test(text);
}
