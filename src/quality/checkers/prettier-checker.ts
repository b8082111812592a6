import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { createPrettierFormat, type PrettierFormat } from './prettier-format.js';
import { prettierConfigNames } from './prettier-config-names.js';
import { routeTool } from '../warm-worker/route-tool.js';
import { warmWorkerFor } from '../warm-worker/warm-worker-for.js';

/** Root files that change Prettier's output (nested configs are not part of the cache key). */
const prettierConfigFiles = [...prettierConfigNames, '.editorconfig', '.prettierignore', 'package.json'];

export const prettierFormats =
  /\.(?:[cm]?[jt]sx?|json|jsonc|json5|css|scss|less|md|markdown|mdx|ya?ml|html|vue|graphql|gql|hbs|handlebars)$/i;

/** Formatting by the project's Prettier (its version, its config, its .prettierignore). */
export const prettierChecker: Checker = {
  name: 'prettier',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => prettierFormats.test(path),
  cacheKey: async (context) => configKey(context.root, prettierConfigFiles, [prettierVersion(context.root)]),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const format = await prettierFormatter(context.root);
    const results = await Promise.all(
      context.files.map(async (file) => {
        const text = await file.read();
        if (formattedByFix.get(file.path) === text) return null; // `--fix` just produced this text.
        try {
          return { path: file.path, text, formatted: await format(file.path, text), error: null };
        } catch (error) {
          return { path: file.path, text, formatted: null, error };
        }
      }),
    );
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const result of results) {
      if (!result) continue;
      if (result.error) {
        const { line, column } = errorPosition(result.error);
        findings.push(
          qualityFinding({
            check: 'prettier',
            rule: 'syntax-error',
            severity: 'error',
            file: result.path,
            line,
            column,
            message: firstLine(result.error),
          }),
        );
        continue;
      }
      if (result.formatted === null || result.formatted === result.text) continue;
      const finding = qualityFinding({
        check: 'prettier',
        rule: 'format',
        severity: 'warning',
        file: result.path,
        line: firstDifferentLine(result.text, result.formatted),
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

/** The version of the Prettier that formats (the project's, else br-guard's), read from its manifest without loading it. */
function prettierVersion(root: string): string {
  for (const from of [join(root, 'package.json'), fileURLToPath(import.meta.url)]) {
    try {
      return (createRequire(from)('prettier/package.json') as { version: string }).version;
    } catch {
      // Not installed there: try br-guard's own.
    }
  }
  return 'none';
}

/** Texts the fixer produced in this process, so the re-check after `--fix` need not format them again. */
const formattedByFix = new Map<string, string>();

/**
 * Returns formatted text, or null for a file Prettier ignores or has no parser for: through the
 * warm worker when one serves this work tree (its Prettier is loaded already), else in-process.
 */
async function prettierFormatter(root: string): Promise<PrettierFormat> {
  const local = (): Promise<PrettierFormat> => {
    let format = formatters.get(root);
    if (!format) {
      format = createPrettierFormat(root);
      formatters.set(root, format);
    }
    return format;
  };
  if (!(await warmWorkerFor(root))) return local();
  return (path, text) =>
    routeTool(
      root,
      (worker) => worker.call<string | null>({ kind: 'format', path, text }),
      async () => (await local())(path, text),
      // Prettier's syntax error, with the position errorPosition reads.
      (error) => Object.assign(new Error(error.message), error.loc ? { loc: error.loc } : {}),
    );
}

/** One loaded Prettier per root and process (the fixer and the check share it). */
const formatters = new Map<string, Promise<PrettierFormat>>();

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
