import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Spec } from '../domain/spec.js';
import { InputError } from '../domain/errors.js';
import { pathExists, readUserTextFile } from '../adapters/file-system.js';
import { parseSpecLazily } from './parse-spec-lazily.js';

/** Where to look for the spec (CONTRACT: --spec, config `spec`, PROJECT_SPEC.md, .buildrunner/). */
export interface SpecLocation {
  /** Repo root (absolute). */
  root: string;
  /** Where the command runs; `--spec` is relative to it. */
  cwd: string;
  /** `--spec FILE`, if given. */
  override: string | undefined;
  /** Config key `spec` (relative to the repo root), if set. */
  configured: string | null;
}

/** Specs are prose; anything past this is a mistake (a log, a dump) and is refused before reading. */
export const MAX_SPEC_BYTES = 10 * 1024 * 1024;

export interface LoadedSpecFile {
  spec: Spec;
  /** The spec's text as read (for the manifest's specHash). */
  text: string;
  /** Absolute path. */
  path: string;
}

/** Finds, reads and parses the spec. Throws `InputError` (exit 2) naming where it looked. */
export async function loadSpec(location: SpecLocation): Promise<Spec> {
  return (await loadSpecFile(location)).spec;
}

/** Like `loadSpec`, also returning the text and absolute path. */
export async function loadSpecFile(location: SpecLocation): Promise<LoadedSpecFile> {
  const path = await locateSpec(location);
  const display = displayPath(location.root, path);
  const text = await readUserTextFile(path, { displayPath: display, maxBytes: MAX_SPEC_BYTES });
  return { spec: await parseSpecLazily(text, display), text, path };
}

/** The absolute path of the spec to read. */
export async function locateSpec(location: SpecLocation): Promise<string> {
  const { root, cwd, override, configured } = location;
  if (override !== undefined) {
    const path = resolve(cwd, override);
    if (!(await pathExists(path))) throw new InputError('spec not found (given with --spec)', { file: displayPath(root, path) });
    return path;
  }
  if (configured) {
    const path = isAbsolute(configured) ? configured : join(root, configured);
    if (!(await pathExists(path))) throw new InputError('spec not found (set by config key `spec`)', { file: displayPath(root, path) });
    return path;
  }
  const candidates = ['PROJECT_SPEC.md', '.buildrunner/PROJECT_SPEC.md'];
  for (const candidate of candidates) {
    const path = join(root, candidate);
    if (await pathExists(path)) return path;
  }
  throw new InputError(`no spec found: looked for ${candidates.join(' and ')} in ${root} (pass --spec FILE or set \`spec\` in the config)`);
}

/** A path relative to the repo root with `/`, or as given when it lies outside the repo. */
export function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}
