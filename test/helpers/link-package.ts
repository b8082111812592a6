import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** br-guard's own node_modules (the dev dependencies a test lends a temporary project). */
const ownModules = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules');

/**
 * Installs br-guard's copy of each package in `names` (`@biomejs`, a scope, links all of it) into
 * the temporary project at `root` by a symlink, as if the project had installed it itself.
 */
export function linkPackages(root: string, names: string[]): void {
  for (const name of names) {
    const target = join(root, 'node_modules', name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(ownModules, name), target, 'dir');
  }
}
