import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import type { ConfigFileSet } from './config-files.js';
import { packageJsonPart } from './config-files.js';

/** Flat config file names ESLint looks for at the project root. */
export const eslintConfigNames = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/** What ESLint's config is read from: the flat configs, and package.json's `type` (how a `.js` config loads). */
export const eslintConfigFiles: ConfigFileSet = {
  names: [...eslintConfigNames, 'package.json'],
  parts: { 'package.json': packageJsonPart('type') },
};

/**
 * The project's ESLint with its flat config, or br-guard's ESLint with typescript-eslint's
 * recommended rules when the project has no config. `fix` decides per message whether its fix
 * is applied, so one instance (one config load, the slow part) serves checking and fixing.
 *
 * `configFile` replaces the lookup: a config file elsewhere (a shadow of the staged config),
 * whose patterns still match from `root` (ESLint takes `cwd` as their base for an override
 * file), or null for none (br-guard's config). Undefined: the work tree's, as ESLint finds it.
 */
export async function loadESLint(
  root: string,
  fix: (message: Linter.LintMessage) => boolean,
  configFile?: string | null,
): Promise<ESLintClass> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<typeof import('eslint') & { default?: typeof import('eslint') }>(root, 'eslint');
  const ESLint = module.ESLint ?? module.default?.ESLint;
  if (!ESLint) throw new Error('the installed eslint has no ESLint class (eslint 9 or later is needed)');
  if (configFile) return new ESLint({ cwd: root, fix, overrideConfigFile: configFile });
  if (configFile === undefined && eslintConfigNames.some((name) => existsSync(join(root, name)))) return new ESLint({ cwd: root, fix });
  return new ESLint({ cwd: root, fix, overrideConfigFile: true, overrideConfig: await defaultConfig() });
}

/** br-guard's own config for projects without one: typescript-eslint's recommended rules. */
async function defaultConfig(): Promise<Linter.Config[]> {
  const tseslint = (await import('typescript-eslint')).default;
  return [
    { ignores: ['node_modules/**', 'dist/**', 'build/**', 'coverage/**'] },
    ...(tseslint.configs.recommended as Linter.Config[]).map((config) => ({
      ...config,
      files: config.files ?? ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    })),
  ];
}
