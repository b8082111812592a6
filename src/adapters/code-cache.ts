import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** How a load went: compiled from V8's cache, compiled and cached for next time, or a plain require. */
export type CodeCacheUse = 'used' | 'written' | 'plain';

/**
 * Requires a large CommonJS file (TypeScript's 9 MB compiler) through a V8 code cache on disk.
 * Compiling typescript.js costs about 250 ms in every thread that loads it; from the cache about
 * 70 ms, in the ESLint worker, the tsc worker and each gaps scan worker alike. Node 22 does this
 * for every module (`module.enableCompileCache`); Node 20 has no such switch, so this does it for
 * the one file that matters (a file that never calls `import()`; see below). The module is
 * registered in require's cache under its real path, so a later `require('typescript')`
 * (ESLint's parser) gets this very instance.
 * Any failure falls back to a plain require: the cache only ever saves time.
 */
export function requireWithCodeCache(fromFile: string, id: string): { exports: unknown; cache: CodeCacheUse } {
  const require = createRequire(fromFile);
  const file = require.resolve(id);
  const loaded = require.cache[file];
  if (loaded) return { exports: loaded.exports, cache: 'plain' };
  try {
    return compileWithCache(file, codeCacheDir(file));
  } catch {
    delete require.cache[file];
    return { exports: require(id), cache: 'plain' };
  }
}

/**
 * The TypeScript a project's tools use: the project's own, else br-guard's (see
 * `requireWithCodeCache`). ESLint's parser and the type check resolve it the same way.
 */
export function requireProjectTypeScript<T>(root: string): T {
  try {
    return requireWithCodeCache(join(root, 'package.json'), 'typescript').exports as T;
  } catch {
    return requireWithCodeCache(fileURLToPath(import.meta.url), 'typescript').exports as T;
  }
}

/**
 * Beside the code it caches, where build tools keep theirs (`node_modules/.cache/<tool>`): one
 * install, one cache, removed with it. Outside node_modules, the user's temporary folder.
 */
export function codeCacheDir(file: string): string {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  if (at !== -1) return join(file.slice(0, at), 'node_modules', '.cache', 'br-guard', 'v8');
  return join(tmpdir(), `br-guard-v8-${process.getuid?.() ?? 'user'}`);
}

function compileWithCache(file: string, cacheDir: string): { exports: unknown; cache: CodeCacheUse } {
  const source = readFileSync(file, 'utf8');
  const { size, mtimeMs } = statSync(file);
  // V8 checks only the source length and its own flags: the key names the exact file and runtime.
  const key = createHash('sha1').update([file, size, mtimeMs, process.version, process.arch].join('\0')).digest('hex').slice(0, 16);
  const cachePath = join(cacheDir, `${basename(file)}-${key}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // First load on this machine: compile, then write the cache below.
  }
  // No `import()` support: a script compiled from cached data loses its dynamic-import callback
  // on Node 20 (measured: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), which is also why
  // v8-compile-cache cannot serve ESLint. Only for files that never `import()`, as typescript.js.
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(file);
  module.filename = file;
  const require = createRequire(file);
  // Registered before it runs, as Node does, so a require cycle back to it finds it.
  require.cache[file] = module;
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
  if (cachedData && !script.cachedDataRejected) return { exports: module.exports, cache: 'used' };
  writeCache(cachePath, script.createCachedData());
  return { exports: module.exports, cache: 'written' };
}

function writeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch {
    // A read-only checkout loads without the cache; nothing else changes.
  }
}
