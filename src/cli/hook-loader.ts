// What `hooks/run-hook.sh` starts: bundled by scripts/bundle-hook.mjs into a small CommonJS file,
// dist/src/cli/hook-bundle.cjs, which runs the hook code (hook-bundle-code.cjs: hook-entry and
// every br-guard module a hook reaches) compiled from V8's code cache. Compiling that ~1 MB file
// and the functions a hook calls cost 28-42 ms of a warm pre-commit (interleaved A/B commits,
// docs/hooks.md), about a tenth of it; from the cache, a few.
//
// The code's `import()` calls come here (`module.brImport`): V8 drops the dynamic-import callback
// of code compiled from a cache on Node 20, and this file is loaded by Node itself. It sits in
// the same folder as the code, so specifiers resolve as they would there.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debugLine } from '../adapters/debug-line.js';
import { compileWithCodeCache, type CompiledModule } from '../adapters/v8-code-cache.js';

const code = join(dirname(fileURLToPath(import.meta.url)), 'hook-bundle-code.cjs');
// Each hook (pre-commit, pre-push, post-merge) keeps its own cache: they run different code.
const variant = process.argv[2] === 'hook' ? (process.argv[3] ?? '') : 'cli';

let compiled: CompiledModule | null = null;
try {
  compiled = compileWithCodeCache(code, { variant });
} catch (error) {
  debugLine(`hook code cache not used (${error instanceof Error ? error.message : String(error)})`);
}
if (compiled) {
  const { fromCache } = compiled;
  debugLine(`hook code compiled ${fromCache ? 'from the code cache' : 'afresh (its cache is written at exit)'}`);
  // Written at exit, so the functions this run compiled are in it; only when it was missing or
  // stale, never on every run (creating it costs ~5-10 ms).
  if (!fromCache) process.once('exit', () => compiled?.saveCache());
  compiled.run((module) => Object.assign(module, { brImport: (specifier: string) => import(specifier) }));
} else {
  // The code as a plain module: the same hook, compiled by Node.
  createRequire(import.meta.url)(code);
}
