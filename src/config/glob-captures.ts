import picomatch from 'picomatch';

/**
 * Globs with captures, for `architecture.boundaries`: every wildcard of a `from` glob (`*`, `**`,
 * `?`, an extglob) is a capture group, numbered from the left like dependency-cruiser's `$1` in
 * `to.path`, and `$1`, `$2`, … in a target glob are replaced by what the importer's path matched.
 */

/** The regular expression of a glob with a capture group per wildcard. */
export function captureRegex(glob: string): RegExp {
  return picomatch.makeRe(glob, { capture: true, dot: true });
}

/** How many captures a glob has. */
export function captureCount(glob: string): number {
  // An alternative that matches the empty string gives the group count of any regex.
  return (new RegExp(`${captureRegex(glob).source}|`).exec('')?.length ?? 1) - 1;
}

/** The `$N` references of a target glob, by number. */
export function captureReferences(glob: string): number[] {
  return [...glob.matchAll(/\$(\d+)/g)].map((match) => Number(match[1]));
}

/**
 * A target glob with `$N` replaced by capture N. Glob characters in a capture are escaped, so a
 * folder named `[id]` stands for itself.
 */
export function substituteCaptures(glob: string, captures: readonly string[]): string {
  return glob.replace(/\$(\d+)/g, (reference, n: string) => {
    const value = captures[Number(n) - 1];
    return value === undefined ? reference : value.replace(/[\\*?[\]{}()!+@|^$]/g, '\\$&');
  });
}
