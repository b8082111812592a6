import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Why the project's own checks cannot judge the code yet: its root `package.json` declares
 * dependencies and none are installed (no `node_modules`, no Yarn PnP). A type check would then
 * report every import and every global as an error (`Cannot find module 'react'`), which says
 * nothing about the code; so the check is skipped with the install command instead. Null when
 * the dependencies are there, or there are none to install.
 */
export function dependenciesNotInstalled(root: string): string | null {
  let manifest: { dependencies?: object; devDependencies?: object };
  try {
    manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return null;
  }
  const declared = Object.keys(manifest.dependencies ?? {}).length + Object.keys(manifest.devDependencies ?? {}).length;
  if (!declared || ['node_modules', '.pnp.cjs', '.pnp.js'].some((name) => existsSync(join(root, name)))) return null;
  return `the project's dependencies are not installed (no node_modules): run \`${installCommand(root)}\` first`;
}

/** The install command of the project's package manager, by its lockfile. */
export function installCommand(root: string): string {
  if (existsSync(join(root, 'pnpm-lock.yaml'))) return 'pnpm install';
  if (existsSync(join(root, 'yarn.lock'))) return 'yarn install';
  if (existsSync(join(root, 'bun.lockb')) || existsSync(join(root, 'bun.lock'))) return 'bun install';
  return 'npm install';
}
