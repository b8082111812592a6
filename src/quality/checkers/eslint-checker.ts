import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ESLint as ESLintClass, Linter } from 'eslint';
import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';

const lintable = /\.(?:[cm]?[jt]sx?)$/;
const configNames = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

/** Linting by the project's ESLint and flat config; typescript-eslint's recommended set otherwise. */
export const eslintChecker: Checker = {
  name: 'eslint',
  dimension: 'format',
  appliesTo: (path) => lintable.test(path) && !path.endsWith('.d.ts'),
  // The config, the manifest and the lockfile (plugin versions) decide ESLint's results.
  cacheKey: async (context) =>
    configKey(context.root, [...configNames, 'package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    // After `--fix` the fixing instance is reused: its config is loaded already, and what it
    // still reports is exactly what it could not fix.
    const eslint = await (instances.get(`${context.root}\0fix`) ?? createESLint(context.root, false));
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const file of context.files) {
      const text = await file.read();
      const fixed = fixedByFix.get(file.path);
      const messages =
        fixed?.text === text
          ? fixed.messages
          : ((await eslint.lintText(text, { filePath: join(context.root, file.path), warnIgnored: false }))[0]?.messages ?? []);
      for (const message of messages) {
        const finding = qualityFinding({
          check: 'eslint',
          rule: message.ruleId ?? (message.fatal ? 'syntax-error' : 'eslint'),
          severity: message.severity === 2 ? 'error' : 'warning',
          file: file.path,
          line: message.line ?? null,
          column: message.column ?? null,
          message: message.message,
          key: `${lineKey(text, message.line)}\0${message.message}`,
        });
        if (message.fix) fixable.add(finding.fingerprint);
        findings.push(finding);
      }
    }
    return { findings, fixable };
  },
  fixer: async (context): Promise<TextFixer> => {
    const eslint = await createESLint(context.root, true);
    // Load the flat config and its plugins now (the slow part), before the first file.
    await eslint.calculateConfigForFile(join(context.root, 'index.ts'));
    return async (path, text) => {
      const [result] = await eslint.lintText(text, { filePath: join(context.root, path), warnIgnored: false });
      const output = result?.output ?? text;
      // What is left after fixing is what the re-check would report for this exact text.
      fixedByFix.set(path, { text: output, messages: result?.messages ?? [] });
      return output;
    };
  },
};

/** The text `--fix` produced per file and ESLint's remaining messages for it. */
const fixedByFix = new Map<string, { text: string; messages: Linter.LintMessage[] }>();

const instances = new Map<string, Promise<ESLintClass>>();

/** One ESLint per root and mode per process: loading a flat config (and its plugins) is the slow part. */
function createESLint(root: string, fix: boolean): Promise<ESLintClass> {
  const key = `${root}\0${fix ? 'fix' : 'check'}`;
  let instance = instances.get(key);
  if (!instance) {
    instance = loadESLint(root, fix);
    instances.set(key, instance);
  }
  return instance;
}

async function loadESLint(root: string, fix: boolean): Promise<ESLintClass> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<typeof import('eslint') & { default?: typeof import('eslint') }>(root, 'eslint');
  const ESLint = module.ESLint ?? module.default?.ESLint;
  if (!ESLint) throw new Error('the installed eslint has no ESLint class (eslint 9 or later is needed)');
  if (configNames.some((name) => existsSync(join(root, name)))) return new ESLint({ cwd: root, fix });
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
