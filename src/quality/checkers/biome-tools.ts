import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ToolMissingError } from '../../domain/errors.js';
import { biomeConfigNames } from '../project-engines.js';

/** The project's Biome: the native binary to start, and its version (the cache key's). */
export interface Biome {
  bin: string;
  /** Arguments before Biome's own: `[wrapper]` when only the JS wrapper is found, else none. */
  prefix: string[];
  version: string;
}

export const biomeInstallHint = 'npm install --save-dev @biomejs/biome';

/** Files that steer Biome: copied into its shadow copy from where the judged content comes from. */
export const biomeConfigFiles = [...biomeConfigNames, '.editorconfig', '.gitignore'];

const found = new Map<string, Biome>();

/**
 * The project's installed `@biomejs/biome` (br-guard ships none: a project that configures Biome
 * pins its own version). The platform binary is started directly, as Biome's `bin/biome` wrapper
 * would, which saves a Node start per process; the wrapper runs when the binary is not found.
 */
export function findBiome(root: string): Biome {
  const cached = found.get(root);
  if (cached) return cached;
  let manifest: string;
  try {
    manifest = createRequire(join(root, 'package.json')).resolve('@biomejs/biome/package.json');
  } catch {
    throw new ToolMissingError('biome', biomeInstallHint);
  }
  const dir = dirname(manifest);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const exe = process.platform === 'win32' ? 'biome.exe' : 'biome';
  const require = createRequire(manifest);
  let biome: Biome = { bin: process.execPath, prefix: [join(dir, 'bin', 'biome')], version };
  for (const suffix of ['', '-musl']) {
    try {
      const bin = require.resolve(`@biomejs/cli-${process.platform}-${process.arch}${suffix}/${exe}`);
      if (existsSync(bin)) {
        biome = { bin, prefix: [], version };
        break;
      }
    } catch {
      // Not this platform's package: try the next, else the wrapper.
    }
  }
  found.set(root, biome);
  return biome;
}
