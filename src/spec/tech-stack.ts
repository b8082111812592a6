/**
 * Turns tech-stack list items into package/tool names: versions, parentheticals and descriptions
 * go ("Python 3.11+" → python, "GitPython (for git operations)" → GitPython, "Black - formatter"
 * → Black). Languages and runtimes are lowercased because they are compared with tool names, not
 * shown to people; package names keep their case.
 */

const RUNTIMES = new Map<string, string>(
  Object.entries({
    python: 'python',
    python3: 'python',
    node: 'node',
    'node.js': 'node',
    nodejs: 'node',
    typescript: 'typescript',
    javascript: 'javascript',
    go: 'go',
    golang: 'go',
    rust: 'rust',
    java: 'java',
    ruby: 'ruby',
    php: 'php',
    deno: 'deno',
    bun: 'bun',
  }),
);

const VERSION = /^(?:v?\d[\w.+*-]*|[<>=^~!]=?.*|\d+\.x|latest|lts|stable|or|and|\+|version)$/i;

/** Names from one list item; "Backend: FastAPI, SQLAlchemy" gives two. */
export function techNames(text: string): string[] {
  let body = text
    .replace(/`/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .trim();
  const labelled = /^[A-Za-z][\w /&-]{0,30}:\s*(.+)$/.exec(body);
  if (labelled) body = labelled[1]!;
  return body
    .split(/[,;]/)
    .map((part) => techName(part))
    .filter((name): name is string => name !== null);
}

function techName(part: string): string | null {
  const head = part.split(/\s+[-–—]\s+|:\s/)[0]!.trim();
  const words: string[] = [];
  for (const word of head.split(/\s+/)) {
    if (word === '') continue;
    if (VERSION.test(word)) break;
    words.push(word);
  }
  let name = words.join(' ').replace(/[.,;:]+$/, '');
  // `pkg@1.2.3` and `pkg==1.2` carry their version inline; a scoped `@types/node` keeps its `@`.
  name = name
    .replace(/(.)@[^/]*$/, '$1')
    .replace(/[<>=~^!]=?.*$/, '')
    .trim();
  if (name === '') return null;
  return RUNTIMES.get(name.toLowerCase()) ?? name;
}
