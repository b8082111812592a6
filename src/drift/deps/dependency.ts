/** A dependency declared in a manifest. `name` is normalised for its ecosystem. */
export interface Dependency {
  ecosystem: 'npm' | 'pypi';
  name: string;
  /** The manifest that declares it, and the line. */
  file: string;
  line: number;
  dev: boolean;
}

/** npm names are compared exactly (scopes kept), only trimmed and lower-cased as npm requires. */
export function normalizeNpmName(name: string): string {
  return name.trim().toLowerCase();
}

/** PEP 503: case-insensitive, and runs of `-`, `_`, `.` are the same character. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

export function normalizeDependencyName(ecosystem: Dependency['ecosystem'], name: string): string {
  return ecosystem === 'npm' ? normalizeNpmName(name) : normalizePypiName(name);
}

/** The name part of a PEP 508 requirement (`Django[argon2]>=4; python_version>"3"` → `Django`). */
export function requirementName(spec: string): string | null {
  return /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(spec)?.[1] ?? null;
}

/** 1-based line of the first match of `re` in `text`, or 1. */
export function lineOf(text: string, re: RegExp): number {
  const match = re.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
