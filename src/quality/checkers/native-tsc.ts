import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** TypeScript 7's native compiler as the project installed it: no JS API, a binary to run. */
export interface NativeTsc {
  /** `tsgo` (`@typescript/native-preview`) or `tsc` (`typescript` >= 7). */
  name: 'tsgo' | 'tsc';
  /** The JS launcher to start with node. */
  bin: string;
  version: string;
  /** The package folder, relative to the project (`node_modules/@typescript/native-preview`). */
  where: string;
}

/**
 * The project's TypeScript 7, or null: `typescript` >= 7 (whose `tsc` is the native compiler and
 * which has no compiler API), else `@typescript/native-preview`'s `tsgo`. Only the project's own
 * install counts: br-guard's TypeScript 5.9 API is the fallback.
 */
export function findNativeTsc(root: string): NativeTsc | null {
  const require = createRequire(join(root, 'package.json'));
  const manifest = (name: string): { dir: string; version: string; bin?: Record<string, string> } | null => {
    try {
      const path = require.resolve(`${name}/package.json`);
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { version: string; bin?: Record<string, string> };
      return { dir: dirname(path), ...parsed };
    } catch {
      return null;
    }
  };
  const typescript = manifest('typescript');
  if (typescript && Number(typescript.version.split('.')[0]) >= 7 && typescript.bin?.tsc) {
    const bin = join(typescript.dir, typescript.bin.tsc);
    if (existsSync(bin)) return { name: 'tsc', bin, version: typescript.version, where: shown(root, 'typescript', typescript.dir) };
  }
  const preview = manifest('@typescript/native-preview');
  if (preview?.bin?.tsgo) {
    const bin = join(preview.dir, preview.bin.tsgo);
    if (existsSync(bin))
      return { name: 'tsgo', bin, version: preview.version, where: shown(root, '@typescript/native-preview', preview.dir) };
  }
  return null;
}

/** Where the package is, as the project sees it: its node_modules entry (a linked package resolves elsewhere). */
function shown(root: string, name: string, dir: string): string {
  return existsSync(join(root, 'node_modules', name, 'package.json')) ? `node_modules/${name}` : relative(root, dir);
}
