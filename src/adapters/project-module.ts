import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const cache = new Map<string, Promise<unknown>>();

/**
 * Imports a tool (eslint, prettier, typescript) the way the project itself would: the version
 * installed in the project at `root` first, so its plugins and configs match; br-guard's own
 * copy when the project has none. Returns the module and where it came from.
 */
export function importProjectModule<T>(root: string, name: string): Promise<{ module: T; fromProject: boolean }> {
  const key = `${root}\0${name}`;
  let entry = cache.get(key) as Promise<{ module: T; fromProject: boolean }> | undefined;
  if (!entry) {
    entry = load<T>(root, name);
    cache.set(key, entry);
  }
  return entry;
}

async function load<T>(root: string, name: string): Promise<{ module: T; fromProject: boolean }> {
  const file = resolveFrom(join(root, 'package.json'), name);
  if (file) return { module: (await import(pathToFileURL(file).href)) as T, fromProject: true };
  return { module: (await import(name)) as T, fromProject: false };
}

/** The ESM entry of `name` as seen from `fromFile`, or null when it is not installed there. */
export function resolveFrom(fromFile: string, name: string): string | null {
  let main: string;
  try {
    main = createRequire(fromFile).resolve(name);
  } catch {
    return null;
  }
  const dir = packageDir(main, name);
  if (!dir) return main;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: unknown };
  const exported = pickEntry(
    typeof manifest.exports === 'object' && manifest.exports && '.' in manifest.exports
      ? (manifest.exports as Record<string, unknown>)['.']
      : manifest.exports,
  );
  return exported ? join(dir, exported) : main;
}

function packageDir(file: string, name: string): string | null {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === name) return dir;
    } catch {
      // Not a package root; keep walking up.
    }
  }
  return null;
}

/** Follows conditional exports with Node's ESM conditions (node, import, default). */
function pickEntry(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return null;
  for (const condition of ['node', 'import', 'default']) {
    if (condition in entry) {
      const picked = pickEntry((entry as Record<string, unknown>)[condition]);
      if (picked) return picked;
    }
  }
  return null;
}
