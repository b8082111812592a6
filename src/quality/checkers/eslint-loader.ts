import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';

/** Flat config file names ESLint looks for at the project root. */
export const eslintConfigNames = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/**
 * The project's ESLint with its flat config, or br-guard's ESLint with typescript-eslint's
 * recommended rules when the project has no config. `fix` decides per message whether its fix
 * is applied, so one instance (one config load, the slow part) serves checking and fixing.
 */
export async function loadESLint(root: string, fix: (message: Linter.LintMessage) => boolean): Promise<ESLintClass> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<typeof import('eslint') & { default?: typeof import('eslint') }>(root, 'eslint');
  const ESLint = module.ESLint ?? module.default?.ESLint;
  if (!ESLint) throw new Error('the installed eslint has no ESLint class (eslint 9 or later is needed)');
  if (eslintConfigNames.some((name) => existsSync(join(root, name)))) return new ESLint({ cwd: root, fix });
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
