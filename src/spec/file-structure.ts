/**
 * Reads a file tree as people draw it in a code block: indentation (or `├──`/`└──`/`│`) gives
 * the nesting, a name ending in `/` (or one with deeper lines under it) is a folder, comments after
 * `#` or `<-` are dropped. Returns the files, as paths relative to the tree's root; a folder drawn
 * with nothing under it stays as `folder/`, meaning "whatever lives in this folder".
 */
export function parseFileTree(block: string): string[] {
  const entries = block
    .split('\n')
    .map((raw) => {
      const drawn = raw.replace(/[│├└─┬┼]|\|--|`--|\+--|\\--/g, (m) => ' '.repeat(m.length));
      const indent = drawn.length - drawn.trimStart().length;
      return { indent, name: cleanEntry(drawn) };
    })
    .filter((entry) => entry.name !== '');
  const files: string[] = [];
  const stack: Array<{ indent: number; path: string }> = [];
  entries.forEach((entry, index) => {
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= entry.indent) stack.pop();
    const parent = stack.length > 0 ? stack[stack.length - 1]!.path : '';
    const path = joinPath(parent, entry.name);
    const next = entries[index + 1];
    const hasChildren = next !== undefined && next.indent > entry.indent;
    if (hasChildren) stack.push({ indent: entry.indent, path: path.replace(/\/+$/, '') });
    else files.push(path);
  });
  return files;
}

function cleanEntry(line: string): string {
  const withoutComment = line.replace(/\s+(#|<-|←|\/\/).*$/, '').trim();
  return withoutComment.split(/\s{2,}/)[0]!.trim();
}

function joinPath(parent: string, name: string): string {
  const clean = name.replace(/^\.\/+/, '');
  return parent === '' || clean.startsWith('/') ? clean.replace(/^\/+/, '') : `${parent}/${clean}`;
}

const BARE_PATH = /^[A-Za-z0-9_/-][A-Za-z0-9_./-]*$/;

/**
 * The path in a `Files:` list item: backticked or leading, with any description after a dash,
 * colon or parenthesis dropped ("`core/x.py` - main entry (new)" → core/x.py). Null when the
 * item does not name a path.
 */
export function filePathOf(text: string): string | null {
  // A bare path (the usual item) is its own answer; the general rules below would return it as is.
  if (BARE_PATH.test(text)) return text;
  const first = text
    .trim()
    .split(/\s+[-–—]\s+|\s+\(|:\s|\s+#\s|,\s/)[0]!
    .trim()
    .replace(/^[`'"]+|[`'"]+$/g, '')
    .replace(/^\.\//, '');
  if (first === '' || /\s/.test(first)) return null;
  return first;
}
