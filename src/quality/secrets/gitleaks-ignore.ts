import type { ProjectFileReader } from '../../adapters/project-files.js';

export const GITLEAKS_IGNORE = '.gitleaksignore';

/** One fingerprint line of `.gitleaksignore`: `file:rule:line` or `commit:file:rule:line`. */
export interface IgnoreEntry {
  /** Its line in `.gitleaksignore`, for the stale note. */
  at: number;
  commit: string | null;
  file: string;
  rule: string;
  line: number;
}

/** Parses the fingerprints; comments, blank and malformed lines are skipped (gitleaks does the same). */
export function parseGitleaksIgnore(text: string): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(':');
    const number = Number(parts.pop());
    const rule = parts.pop();
    if (!Number.isInteger(number) || !rule || !parts.length) return;
    const commit = parts.length > 1 && /^[0-9a-f]{7,40}$/i.test(parts[0] ?? '') ? (parts.shift() ?? null) : null;
    entries.push({ at: index + 1, commit, file: parts.join(':'), rule, line: number });
  });
  return entries;
}

/** The fingerprints of `.gitleaksignore`, read from where the judged content comes from (none when absent). */
export async function readGitleaksIgnore(read: ProjectFileReader): Promise<IgnoreEntry[]> {
  const text = await read(GITLEAKS_IGNORE);
  return text === null ? [] : parseGitleaksIgnore(text);
}

/** The fingerprint gitleaks gives a finding, which `.gitleaksignore` lines name. */
export function gitleaksFingerprint(file: string, rule: string, line: number, commit?: string): string {
  return commit ? `${commit}:${file}:${rule}:${line}` : `${file}:${rule}:${line}`;
}

/** True when an entry names this finding (a commit entry also matches its commit's short forms). */
export function ignoreMatches(entry: IgnoreEntry, finding: { file: string; rule: string; line: number; commit?: string }): boolean {
  if (entry.file !== finding.file || entry.rule !== finding.rule || entry.line !== finding.line) return false;
  if (!entry.commit) return true;
  return Boolean(finding.commit && finding.commit.startsWith(entry.commit));
}
