import { createRequire } from 'node:module';

/**
 * A loader of modules relative to `base` (a module's `import.meta.url`) through require(): Node
 * >= 20.19 loads ES modules that way, in one synchronous pass, about a quarter faster than
 * import() for the hundred-odd modules a commit needs (import() reads each file through a file
 * handle of its own). For graphs without top-level await (require() refuses those).
 */
export function loaderFor(base: string): <T>(specifier: string) => T {
  const requireHere = createRequire(base);
  return <T>(specifier: string): T => requireHere(specifier) as T;
}
