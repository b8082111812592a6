import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Module, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import vm from 'node:vm';
import { TEMP_FILE_PATTERN, tempPathIn } from './file-system.js';
import { isProcessRunning } from './process-liveness.js';

/** How a load went: compiled from V8's cache, compiled and cached for next time, or a plain require. */
export type CodeCacheUse = 'used' | 'written' | 'plain';

/**
 * Beside the code it caches, where build tools keep theirs (`node_modules/.cache/<tool>`): one
 * install, one cache, removed with it. Outside node_modules, the user's temporary folder.
 */
export function codeCacheDir(file: string): string {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at !== -1) return join(file.slice(0, at), 'node_modules', '.cache', 'br-guard', 'v8');
  return join(tmpdir(), `br-guard-v8-${process.getuid?.() ?? 'user'}`);
}

/** A CommonJS file compiled (from V8's code cache when it has one), not yet run. */
export interface CompiledModule {
  /** True when V8 took the cached code (nothing was compiled but what the cache lacks). */
  fromCache: boolean;
  /** Runs the module as `require` would; `prepare` sees the module object first. */
  run(prepare?: (module: Module) => void): unknown;
  /** Writes V8's code for everything compiled so far (call it late: lazily compiled functions are included). */
  saveCache(): void;
}

/**
 * Compiles a CommonJS file with V8's code cache on disk, keyed by the file (path, size, mtime),
 * the Node version and architecture, and `variant` (runs that exercise different code keep
 * different caches). Node 22 does this for every module (`module.enableCompileCache`); Node 20
 * has no such switch. Throws only what reading or compiling the file throws; a cache that cannot
 * be read or written only costs the time it would have saved.
 *
 * A script compiled from cached data loses its dynamic-import callback on Node 20 (measured:
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, which is also why v8-compile-cache cannot serve
 * ESLint): only for files that never `import()` (typescript.js), or whose `import()` calls go
 * through a function of a plain module (the hook bundle's, see scripts/bundle-hook.mjs).
 */
export function compileWithCodeCache(file: string, options: { cacheDir?: string; variant?: string } = {}): CompiledModule {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  // V8 checks only the source length and its own flags: the name says which file (its path),
  // which build of it and runtime (the version), and which variant.
  const hash = (parts: unknown[]) => createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 12);
  const cacheDir = options.cacheDir ?? codeCacheDir(file);
  const ofFile = `${basename(file)}-${hash([file])}-`;
  const version = hash([size, mtimeMs, process.version, process.arch]);
  const variant = (options.variant ?? '').replace(/[^\w-]/g, '_');
  const cachePath = join(cacheDir, `${ofFile}${version}${variant ? `-${variant}` : ''}.v8`);
  let cachedData: Buffer | undefined;
  try {
    if (isOwnFolder(cacheDir)) cachedData = readFileSync(cachePath);
  } catch {
    // First load with this key: compile; the caller saves the cache.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  return {
    fromCache: cachedData !== undefined && !script.cachedDataRejected,
    run(prepare) {
      const module = new Module(file);
      module.filename = file;
      const require = createRequire(file);
      // Registered before it runs, as Node does, so a require cycle back to it finds it.
      require.cache[file] = module;
      prepare?.(module);
      try {
        (script.runInThisContext() as (...args: unknown[]) => void).call(
          module.exports,
          module.exports,
          require,
          module,
          file,
          dirname(file),
        );
      } catch (error) {
        delete require.cache[file];
        throw error;
      }
      module.loaded = true;
      return module.exports;
    },
    saveCache: () => {
      // Checked before V8 serialises anything (~5-10 ms): a read-only install skips it all.
      if (!ensureOwnFolder(cacheDir)) return;
      writeCache(cachePath, script.createCachedData());
      removeOtherVersions(cacheDir, ofFile, `${ofFile}${version}`);
    },
  };
}

/**
 * A rebuilt or upgraded file gets new cache names: the caches of its earlier versions go when
 * the new one is written (a developer rebuilds often), and so do temporary files that a killed
 * write left behind (br-guard's temp-file rule: the pid in the name is no longer running).
 */
function removeOtherVersions(cacheDir: string, ofFile: string, current: string): void {
  try {
    for (const name of readdirSync(cacheDir)) {
      if (!name.startsWith(ofFile)) continue;
      const writer = TEMP_FILE_PATTERN.exec(name)?.[1];
      const stale = writer !== undefined ? !isProcessRunning(Number(writer), null) : !name.startsWith(current);
      if (stale) rmSync(join(cacheDir, name), { force: true });
    }
  } catch {
    // Another process pruned it first, or the folder is read-only: nothing to do.
  }
}

/**
 * Cached code is run as code: only a folder that is ours is trusted, a real folder (no symlink)
 * owned by this user that not everyone may write to. Someone else's `/tmp/br-guard-v8-<uid>`,
 * made before ours, is never read.
 */
function isOwnFolder(dir: string): boolean {
  try {
    const info = lstatSync(dir);
    const uid = process.getuid?.();
    return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o002) === 0;
  } catch {
    return false;
  }
}

/** Makes the cache folder (private to this user) if it is missing; false when it is not ours or cannot be written. */
function ensureOwnFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch {
    return false;
  }
  return isOwnFolder(dir);
}

function writeCache(path: string, data: Buffer): void {
  try {
    // A kill mid-write leaves a temporary file, never a torn cache under the real name.
    const temp = tempPathIn(dirname(path), path);
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch {
    // A read-only install loads without the cache; nothing else changes.
  }
}
