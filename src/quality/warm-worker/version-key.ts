import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { brGuardBuildId, statPart } from '../../adapters/build-identity.js';
import { join } from 'node:path';
import { CONFIG_SEARCH_PLACES } from '../../config/find-config-file.js';
import { eslintConfigNames } from '../checkers/eslint-loader.js';
import { prettierConfigNames } from '../checkers/prettier-config-names.js';

/**
 * Root files whose content decides what the worker's loaded tools answer: their configs (ESLint,
 * Prettier, TypeScript, Ruff), br-guard's config and standards, and the manifest (package.json
 * holds Prettier's config and the tools' versions). Read whole: they are small.
 */
export const VERSION_KEY_FILES = [
  ...eslintConfigNames,
  ...prettierConfigNames,
  '.editorconfig',
  '.prettierignore',
  'package.json',
  'tsconfig.json',
  'ruff.toml',
  '.ruff.toml',
  'pyproject.toml',
  ...CONFIG_SEARCH_PLACES.filter((name) => name !== 'package.json'),
  'quality-standards.yaml',
  '.buildrunner/quality-standards.yaml',
];

/** Lockfiles: a changed one may mean other tool versions. Judged by stat (they can be megabytes). */
export const VERSION_KEY_LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lockb', 'npm-shrinkwrap.json'];

/**
 * The version key of a worker for `root`: a hash of br-guard's build, the config files' contents
 * and the lockfiles' stat. A worker whose key differs from its client's is stale and restarts.
 */
export async function computeVersionKey(root: string): Promise<string> {
  const hash = createHash('sha256').update(await brGuardBuildId());
  const [contents, stats] = await Promise.all([
    Promise.all(VERSION_KEY_FILES.map((name) => readFile(join(root, name)).catch(() => null))),
    Promise.all(VERSION_KEY_LOCKFILES.map((name) => statPart(join(root, name)))),
  ]);
  VERSION_KEY_FILES.forEach((name, i) => {
    hash.update(`\0${name}\0`);
    hash.update(contents[i] ?? '-');
  });
  VERSION_KEY_LOCKFILES.forEach((name, i) => hash.update(`\0${name}\0${stats[i]}`));
  return hash.digest('hex').slice(0, 32);
}
