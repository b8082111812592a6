import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** oxfmt's JS API: it formats in memory (`format(fileName, source, options)`). */
export interface Oxfmt {
  format: (
    fileName: string,
    sourceText: string,
    options?: Record<string, unknown>,
  ) => Promise<{ code: string; errors: { severity: string; message: string; labels: { start: number }[] }[] }>;
}

/** oxlint as a program: `node <bin> ...args` (its CLI is a JS wrapper around the native binding). */
export interface Oxlint {
  bin: string;
  version: string;
}

/**
 * Thrown when a native engine cannot be used here: the optional package was not installed (npm
 * skips optional dependencies it has no build for) or its binary does not load on this platform.
 */
export class NativeUnavailableError extends Error {
  constructor(tool: string, cause: unknown) {
    // napi-rs's message goes on with advice on npm's optional-dependency bug: its first sentence is the fact.
    const message = cause instanceof Error ? cause.message : String(cause);
    const why = /^[^\n]*?\.(?=\s|$)/.exec(message)?.[0] ?? message.split('\n')[0] ?? 'failed';
    super(`${tool} cannot load (${why})`);
    this.name = 'NativeUnavailableError';
  }
}

const loads = new Map<string, Promise<unknown>>();

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let entry = loads.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = load();
    loads.set(key, entry);
  }
  return entry;
}

/** The directory of package `name` as the project resolves it, else br-guard's own copy. */
function packageDir(root: string, name: string): string | null {
  for (const from of [join(root, 'package.json'), fileURLToPath(import.meta.url)]) {
    try {
      return dirname(createRequire(from).resolve(`${name}/package.json`));
    } catch {
      // Not installed there: try the next.
    }
  }
  return null;
}

/** oxfmt, loaded in this process; a trivial format proves the native binding works. */
export function loadOxfmt(root: string): Promise<Oxfmt> {
  return once(`oxfmt\0${root}`, async () => {
    try {
      const dir = packageDir(root, 'oxfmt');
      if (!dir) throw new Error('package oxfmt is not installed');
      const module = (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as Oxfmt;
      await module.format('probe.ts', '');
      return module;
    } catch (error) {
      throw new NativeUnavailableError('oxfmt', error);
    }
  });
}

/**
 * oxlint's CLI path and version. Its binding module is imported here once (a dlopen of a few ms),
 * so a binary that cannot load on this platform is known before any file is copied or spawned.
 */
export function loadOxlint(root: string): Promise<Oxlint> {
  return once(`oxlint\0${root}`, async () => {
    try {
      const dir = packageDir(root, 'oxlint');
      if (!dir) throw new Error('package oxlint is not installed');
      await import(pathToFileURL(join(dir, 'dist', 'bindings.js')).href);
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
      return { bin: join(dir, 'bin', 'oxlint'), version };
    } catch (error) {
      throw new NativeUnavailableError('oxlint', error);
    }
  });
}

/** tsgolint, the Go program behind oxlint's type-aware rules (oxlint finds it through OXLINT_TSGOLINT_PATH). */
export interface Tsgolint {
  bin: string;
  version: string;
  /** The project's package.json asks for oxlint-tsgolint itself (br-guard's copy may be what is found). */
  projects: boolean;
}

/**
 * oxlint-tsgolint's platform binary as the project resolves it, else br-guard's own optional copy;
 * null where neither is installed or npm had no build for this platform.
 */
export function findTsgolint(root: string): Tsgolint | null {
  // Asked by the cache key and by the run of one check, and by doctor: looked up once per root.
  if (!tsgolints.has(root)) tsgolints.set(root, lookUpTsgolint(root));
  return tsgolints.get(root) ?? null;
}

const tsgolints = new Map<string, Tsgolint | null>();

function lookUpTsgolint(root: string): Tsgolint | null {
  const dir = packageDir(root, 'oxlint-tsgolint');
  if (!dir) return null;
  const platform = `@oxlint-tsgolint/${process.platform}-${process.arch}`;
  try {
    const manifest = createRequire(join(dir, 'package.json')).resolve(`${platform}/package.json`);
    const bin = join(dirname(manifest), process.platform === 'win32' ? 'tsgolint.exe' : 'tsgolint');
    if (!existsSync(bin)) return null;
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return { bin, version, projects: declares(root, 'oxlint-tsgolint') };
  } catch {
    return null;
  }
}

function declares(root: string, name: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => manifest[field]?.[name] !== undefined);
  } catch {
    return false;
  }
}
