import { join } from 'node:path';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';

type Prettier = typeof import('prettier');

/** Root files that change Prettier's output (nested configs are not part of the cache key). */
const prettierConfigFiles = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.js',
  '.prettierrc.mjs',
  '.prettierrc.cjs',
  '.prettierrc.toml',
  'prettier.config.js',
  'prettier.config.mjs',
  'prettier.config.cjs',
  '.editorconfig',
  '.prettierignore',
  'package.json',
];

const formats = /\.(?:[cm]?[jt]sx?|json|jsonc|json5|css|scss|less|md|markdown|mdx|ya?ml|html|vue|graphql|gql|hbs|handlebars)$/i;

/** Formatting by the project's Prettier (its version, its config, its .prettierignore). */
export const prettierChecker: Checker = {
  name: 'prettier',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => formats.test(path),
  cacheKey: async (context) => {
    const { importProjectModule } = await import('../../adapters/project-module.js');
    const { module } = await importProjectModule<Prettier & { default?: Prettier }>(context.root, 'prettier');
    return configKey(context.root, prettierConfigFiles, [(module.default ?? module).version]);
  },
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const format = await prettierFormatter(context.root);
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const file of context.files) {
      const text = await file.read();
      if (formattedByFix.get(file.path) === text) continue; // `--fix` just produced this text.
      let formatted: string | null;
      try {
        formatted = await format(file.path, text);
      } catch (error) {
        const { line, column } = errorPosition(error);
        findings.push(
          qualityFinding({
            check: 'prettier',
            rule: 'syntax-error',
            severity: 'error',
            file: file.path,
            line,
            column,
            message: firstLine(error),
          }),
        );
        continue;
      }
      if (formatted === null || formatted === text) continue;
      const line = firstDifferentLine(text, formatted);
      const finding = qualityFinding({
        check: 'prettier',
        rule: 'format',
        severity: 'warning',
        file: file.path,
        line,
        column: 1,
        message: 'not formatted as Prettier would (run `br-guard quality check --fix`)',
        key: 'format',
      });
      fixable.add(finding.fingerprint);
      findings.push(finding);
    }
    return { findings, fixable };
  },
  fixer: async (context): Promise<TextFixer> => {
    const format = await prettierFormatter(context.root);
    // Throws on a syntax error, so callers can tell "nothing to fix" from "cannot fix".
    return async (path, text) => {
      const formatted = (await format(path, text)) ?? text;
      formattedByFix.set(path, formatted);
      return formatted;
    };
  },
};

/** Texts the fixer produced in this process, so the re-check after `--fix` need not format them again. */
const formattedByFix = new Map<string, string>();

/** Returns formatted text, or null for a file Prettier ignores or has no parser for. */
async function prettierFormatter(root: string): Promise<(path: string, text: string) => Promise<string | null>> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<Prettier & { default?: Prettier }>(root, 'prettier');
  const prettier = module.default ?? module;
  const ignorePath = [join(root, '.prettierignore')];
  return async (path, text) => {
    const absolute = join(root, path);
    const info = await prettier.getFileInfo(absolute, { ignorePath, resolveConfig: false });
    if (info.ignored || !info.inferredParser) return null;
    const config = (await prettier.resolveConfig(absolute, { editorconfig: true })) ?? {};
    return prettier.format(text, { ...config, filepath: absolute });
  };
}

export function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return i + 1;
  return left.length;
}

function errorPosition(error: unknown): { line: number | null; column: number | null } {
  const loc = (error as { loc?: { start?: { line?: number; column?: number } } }).loc?.start;
  return { line: loc?.line ?? null, column: loc?.column ?? null };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'syntax error';
}
