import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir, compileWithCodeCache, type CodeCacheUse } from './v8-code-cache.js';

export { codeCacheDir, type CodeCacheUse };

/**
 * Requires a large CommonJS file (TypeScript's 9 MB compiler) through a V8 code cache on disk.
 * Compiling typescript.js costs about 250 ms in every thread that loads it; from the cache about
 * 70 ms, in the ESLint worker, the tsc worker and each gaps scan worker alike. Node 22 does this
 * for every module (`module.enableCompileCache`); Node 20 has no such switch, so this does it for
 * the one file that matters (a file that never calls `import()`; see v8-code-cache.ts). The module is
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
    const compiled = compileWithCodeCache(file);
    const exports = compiled.run();
    if (compiled.fromCache) return { exports, cache: 'used' };
    compiled.saveCache();
    return { exports, cache: 'written' };
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
