/** Lines a change touched, per repo path, from a `-U0` unified diff. */
export type TouchedLines = Map<string, Set<number>>;

const hunkHeader = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff -U0` output. With zero context every `+` line of a hunk is a touched line of
 * the new file, so the hunk header alone says which: `+start,count` (count 0: a pure deletion).
 */
export function parseTouchedLines(diff: string): TouchedLines {
  const touched: TouchedLines = new Map();
  let current: Set<number> | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const path = parseDiffPath(line.slice(4));
      current = path ? (touched.get(path) ?? new Set()) : null;
      if (path && current) touched.set(path, current);
      continue;
    }
    const hunk = current ? hunkHeader.exec(line) : null;
    if (!hunk || !current) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    for (let i = 0; i < count; i++) current.add(start + i);
  }
  return touched;
}

/** `b/src/x.ts` → `src/x.ts`; `/dev/null` → null; C-quoted names are unquoted. */
function parseDiffPath(raw: string): string | null {
  const value = raw.replace(/\t$/, '');
  if (value === '/dev/null') return null;
  const unquoted = value.startsWith('"') ? unquote(value) : value;
  return unquoted.replace(/^[a-z]\//, '');
}

function unquote(quoted: string): string {
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(
        ({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0),
      );
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
