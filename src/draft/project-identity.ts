import { parse as parseToml } from 'smol-toml';

/** The project's name and one-line description, from its manifests, else its README, else its folder. */
export interface ProjectIdentity {
  name: string;
  description: string;
  /** Which file the name came from, for the draft's comment. */
  source: string | null;
}

export function projectIdentity(
  packageJson: string | null,
  pyproject: string | null,
  readme: string | null,
  folderName: string,
): ProjectIdentity {
  const npm = objectOf(packageJson, (text) => JSON.parse(text));
  const toml = objectOf(pyproject, (text) => parseToml(text));
  const project = objectAt(toml, 'project') ?? objectAt(objectAt(toml, 'tool'), 'poetry');
  const fromNpm = stringAt(npm, 'name');
  const fromPy = stringAt(project, 'name');
  const heading = readme ? readmeTitle(readme) : null;
  const name = fromNpm ?? fromPy ?? heading ?? folderName;
  const source = fromNpm ? 'package.json' : fromPy ? 'pyproject.toml' : heading ? 'README' : null;
  const description = stringAt(npm, 'description') ?? stringAt(project, 'description') ?? '';
  return { name, description: description.trim(), source };
}

/** The first paragraph of prose in a README: no headings, badges, images, HTML or code. */
export function readmeParagraph(text: string): string | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let fenced = false;
  const paragraph: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (/^(?:```|~~~)/.test(line)) {
      fenced = !fenced;
      if (paragraph.length > 0) break;
      continue;
    }
    if (fenced) continue;
    if (isProse(line)) {
      paragraph.push(line);
      continue;
    }
    if (paragraph.length > 0) break;
  }
  // A last sentence that introduces a list ("It is localized to:") has lost what it introduced.
  const joined = paragraph
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/(?<=[.!?])\s+[^.!?]*:$/, '')
    .trim();
  return joined.length > 0 ? joined : null;
}

function isProse(line: string): boolean {
  if (line === '' || /^(?:#|<|>|\||-{3,}|={3,}|\*{3,}|\[!\[|!\[|\[[^\]]*\]:)/.test(line)) return false;
  // A line of only links or badges (`[Docs](…) · [Chat](…)`) says nothing about the project.
  const withoutLinks = line.replace(/!?\[[^\]]*\]\([^)]*\)/g, '').replace(/[\s|·•-]/g, '');
  return withoutLinks.length > 0 && !/^[-*+]\s/.test(line);
}

function readmeTitle(text: string): string | null {
  const match = /^#\s+(.+)$/m.exec(text);
  const title = match?.[1]
    ?.replace(/<[^>]*>|!?\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return title ? title : null;
}

type Json = Record<string, unknown>;

function objectOf(text: string | null, parse: (text: string) => unknown): Json | null {
  if (!text) return null;
  try {
    const value = parse(text);
    return value && typeof value === 'object' ? (value as Json) : null;
  } catch {
    return null;
  }
}

function objectAt(value: Json | null, key: string): Json | null {
  const inner = value?.[key];
  return inner && typeof inner === 'object' ? (inner as Json) : null;
}

function stringAt(value: Json | null, key: string): string | null {
  const inner = value?.[key];
  return typeof inner === 'string' && inner.trim() !== '' ? inner.trim() : null;
}
