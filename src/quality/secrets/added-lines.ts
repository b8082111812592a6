/** The lines one commit added to one file, with their line numbers in the new version. */
export interface AddedLines {
  commit: string;
  file: string;
  lines: Array<{ number: number; text: string }>;
}

/**
 * Parses `git log -p --unified=0 --format=%x00commit %H` output into the lines each commit
 * added per file. Removed and context lines are dropped; binary files have no `+` lines; symlinks
 * and submodules are left out.
 */
export function parseAddedLines(out: string): AddedLines[] {
  const result: AddedLines[] = [];
  let commit = '';
  let current: AddedLines | null = null;
  let next = 0;
  let inHunk = false;
  let link = false;
  for (const line of out.split('\n')) {
    if (line.startsWith('\u0000commit ')) {
      commit = line.slice(8).trim();
      current = null;
      inHunk = false;
    } else if (line.startsWith('diff --git ')) {
      current = null;
      inHunk = false;
      link = false;
    } else if (!inHunk && /^(?:new file mode|new mode|index [0-9a-f]+\.\.[0-9a-f]+) 1[26]0000$/.test(line)) {
      // A symlink's "content" is its target's name and a submodule's a commit id: not text to scan.
      link = true;
    } else if (!inHunk && line.startsWith('+++ ')) {
      const path = line.slice(4);
      if (path === '/dev/null' || link) continue;
      current = { commit, file: unquote(path).replace(/^b\//, ''), lines: [] };
      result.push(current);
    } else if (line.startsWith('@@ ')) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      next = Number(match?.[1] ?? 0);
      inHunk = true;
    } else if (inHunk && current && line.startsWith('+')) {
      current.lines.push({ number: next, text: line.slice(1) });
      next++;
    } else if (inHunk && line.startsWith(' ')) {
      next++;
    }
  }
  return result.filter((entry) => entry.lines.length);
}

/** Git quotes unusual paths (`"b/caf\303\251.txt"`): undo the C-style quoting. */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char));
      continue;
    }
    const escaped = body[++i] ?? '';
    if (/[0-7]/.test(escaped)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92 } as Record<string, number>)[escaped] ?? escaped.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
