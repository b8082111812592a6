import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import { packageJsonPart, type ConfigFileSet } from './config-files.js';
import { configSource, describeDiffering, type ConfigSource } from './config-source.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { createPrettierFormat, type PrettierFormat } from './prettier-format.js';
import { prettierConfigNames } from './prettier-config-names.js';
import { routeTool } from '../warm-worker/route-tool.js';
import { warmWorkerFor } from '../warm-worker/warm-worker-for.js';

/**
 * Root files that change Prettier's output (nested configs are not part of the cache key): read
 * where the judged content comes from. Of package.json, only `prettier` and `type` (how a `.js`
 * config loads) count.
 */
const prettierConfigFiles: ConfigFileSet = {
  names: [...prettierConfigNames, 'package.yaml', '.editorconfig', '.prettierignore', 'package.json'],
  parts: { 'package.json': packageJsonPart('prettier', 'type') },
};

export const prettierFormats =
  /\.(?:[cm]?[jt]sx?|json|jsonc|json5|css|scss|less|md|markdown|mdx|ya?ml|html|vue|graphql|gql|hbs|handlebars)$/i;

/** Formatting by the project's Prettier (its version, its config, its .prettierignore). */
export const prettierChecker: Checker = {
  name: 'prettier',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => prettierFormats.test(path),
  cacheKey: async (context) =>
    configKey(context.root, [], [prettierVersion(context.root), [...(await prettierSource(context)).files.versions]]),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const { format, note, fellBack } = await prettierFormatter(context);
    const said = fellBack ? { note: note!, uncached: true } : {};
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
    // A fallback's verdict is not the staged config's: said, and not cached under its key.
    return { findings, fixable, ...said };
  },
  // Without loading Prettier (a run of cache hits need not): a fallback is said by `run`, and never cached.
  note: async (context) => {
    const source = await prettierSource(context);
    return source.kind === 'shadow' ? judgedNote(source, context.readProjectFile.where) : null;
  },
  fixer: async (context): Promise<TextFixer> => {
    const { format } = await prettierFormatter(context);
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

/** Prettier's config files as the judged content holds them, against the work tree's. */
function prettierSource(context: Omit<CheckContext, 'files'>): Promise<ConfigSource> {
  return configSource(context.root, context.readProjectFile, 'prettier', prettierConfigFiles);
}

interface Formatter {
  format: PrettierFormat;
  /** Which config judged, when it is not simply the work tree's. */
  note: string | null;
  /** True when the staged config could not load and the work tree's judged. */
  fellBack: boolean;
}

/**
 * The formatter of the run's config: the work tree's, or a shadow of the staged (committed) one;
 * a shadow whose config cannot load falls back to the work tree's, and the note says so.
 */
async function prettierFormatter(context: Omit<CheckContext, 'files'>): Promise<Formatter> {
  const source = await prettierSource(context);
  if (source.kind === 'work-tree') return { format: await workTreeFormatter(context.root), note: null, fellBack: false };
  const differing = describeDiffering(source, context.readProjectFile.where);
  try {
    return {
      format: await loaded(context.root, source.shadow.dir),
      note: judgedNote(source, context.readProjectFile.where),
      fellBack: false,
    };
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replaceAll(`${source.shadow.dir}/`, '');
    return {
      format: await workTreeFormatter(context.root),
      note: `the Prettier config (${differing}) cannot be loaded (${why}): the work tree's config judged`,
      fellBack: true,
    };
  }
}

/**
 * The work tree's config: through the warm worker when one serves this work tree (its Prettier is
 * loaded already), else in-process. A shadowed staged config is always formatted in-process.
 */
async function workTreeFormatter(root: string): Promise<PrettierFormat> {
  if (!(await warmWorkerFor(root))) return loaded(root);
  return (path, text) =>
    routeTool(
      root,
      (worker) => worker.call<string | null>({ kind: 'format', path, text }),
      async () => (await loaded(root))(path, text),
      // Prettier's syntax error, with the position errorPosition reads.
      (error) => Object.assign(new Error(error.message), error.loc ? { loc: error.loc } : {}),
    );
}

function judgedNote(source: ConfigSource, where: string): string {
  return `Prettier config: ${describeDiffering(source, where)} judged, not the work tree's`;
}

/** One loaded Prettier per root and config folder, per process (the fixer and the check share it). */
function loaded(root: string, shadowDir?: string): Promise<PrettierFormat> {
  const key = `${root}\0${shadowDir ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = createPrettierFormat(root, shadowDir);
    formatters.set(key, format);
    // A config that cannot load now may load in a later run (a package installed meanwhile).
    if (shadowDir) format.catch(() => formatters.delete(key));
  }
  return format;
}

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
