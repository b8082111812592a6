/**
 * The lines a change adds to the spec, from git's unified diff of the spec file. A new file
 * that one of these lines names was documented by the same change.
 */
export async function addedSpecLines(unifiedDiff: string): Promise<string[]> {
  if (!unifiedDiff.trim()) return [];
  // Loaded only when the spec is part of the change.
  const { parsePatch } = await import('diff');
  const added: string[] = [];
  for (const patch of parsePatch(unifiedDiff)) {
    for (const hunk of patch.hunks) {
      for (const line of hunk.lines) if (line.startsWith('+')) added.push(line.slice(1));
    }
  }
  return added;
}

/** Whether one of the lines names `path` as a whole token (not as part of a longer path). */
export function linesName(lines: readonly string[], path: string): boolean {
  return lines.some((line) => {
    for (let at = line.indexOf(path); at !== -1; at = line.indexOf(path, at + 1)) {
      const before = line[at - 1];
      const after = line[at + path.length];
      if (
        (before === undefined || /[\s`'"(\[]/.test(before) || (before === '/' && line[at - 2] === '.')) &&
        (after === undefined || /[\s`'"),;:\]]/.test(after))
      ) {
        return true;
      }
    }
    return false;
  });
}
