import { escapeRegExp, lineOf, normalizeNpmName, type Dependency } from './dependency.js';

const sections: Array<[key: string, dev: boolean]> = [
  ['dependencies', false],
  ['optionalDependencies', false],
  ['peerDependencies', false],
  ['devDependencies', true],
];

/** Dependencies of a package.json; an unparsable one declares none (npm reports it, not us). */
export function parsePackageJson(file: string, text: string): Dependency[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  if (!json || typeof json !== 'object') return [];
  const found = new Map<string, Dependency>();
  for (const [key, dev] of sections) {
    const section = (json as Record<string, unknown>)[key];
    if (!section || typeof section !== 'object') continue;
    for (const raw of Object.keys(section)) {
      const name = normalizeNpmName(raw);
      const existing = found.get(name);
      // Declared both as a runtime and a dev dependency: it ships, so it is not "dev".
      if (existing) existing.dev &&= dev;
      else found.set(name, { ecosystem: 'npm', name, file, line: lineOf(text, new RegExp(`"${escapeRegExp(raw)}"\\s*:`)), dev });
    }
  }
  return [...found.values()];
}
