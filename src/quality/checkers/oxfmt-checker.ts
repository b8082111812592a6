import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Finding } from '../../domain/findings.js';
import { InputError } from '../../domain/errors.js';
import type { ProjectFileReader } from '../../adapters/project-files.js';
import { parseJsonc } from '../../domain/parse-jsonc.js';
import { qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { configKey } from './config-key.js';
import { loadOxfmt, type Oxfmt } from './native-tools.js';
import { firstDifferentLine, prettierFormats } from './prettier-checker.js';

/** oxfmt's own config files (Prettier's options, mostly), read from where the judged content comes from. */
const OXFMT_CONFIG = '.oxfmtrc.json';
const OXFMT_CONFIG_JSONC = '.oxfmtrc.jsonc';

const formats = /\.toml$/i;

/** The outcome of formatting one text: the formatted text, null (a file type oxfmt does not format), or a syntax error. */
type Formatted = { code: string } | { error: { message: string; offset: number | null } } | null;

/**
 * Formatting by oxfmt (config `quality.engines: native`), in memory through its JS API, so the
 * staged content is formatted as it is and never written to the work tree to be judged.
 */
export const oxfmtChecker: Checker = {
  name: 'oxfmt',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => prettierFormats.test(path) || formats.test(path),
  // Keyed by the options oxfmt is given: its config as the judged content's source holds it.
  cacheKey: async (context) =>
    configKey(
      context.root,
      [],
      [await oxfmtVersion(context.root), await context.readProjectFile(OXFMT_CONFIG), await context.readProjectFile(OXFMT_CONFIG_JSONC)],
    ),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const format = await oxfmtFormatter(context.root, context.readProjectFile);
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    await Promise.all(
      context.files.map(async (file) => {
        const text = await file.read();
        if (formattedByFix.get(file.path) === text) return; // `--fix` just produced this text.
        const result = await format(file.path, text);
        if (!result) return;
        if ('error' in result) {
          const position = result.error.offset === null ? null : positionOf(text, result.error.offset);
          findings.push(
            qualityFinding({
              check: 'oxfmt',
              rule: 'syntax-error',
              severity: 'error',
              file: file.path,
              line: position?.line ?? null,
              column: position?.column ?? null,
              message: result.error.message,
            }),
          );
          return;
        }
        if (result.code === text) return;
        const finding = qualityFinding({
          check: 'oxfmt',
          rule: 'format',
          severity: 'warning',
          file: file.path,
          line: firstDifferentLine(text, result.code),
          column: 1,
          message: 'not formatted as oxfmt would (run `br-guard quality check --fix`)',
          key: 'format',
        });
        fixable.add(finding.fingerprint);
        findings.push(finding);
      }),
    );
    return { findings, fixable };
  },
  fixer: async (context): Promise<TextFixer> => {
    const format = await oxfmtFormatter(context.root, context.readProjectFile);
    // Throws on a syntax error, as the Prettier fixer does, so the pipeline leaves that file alone.
    return async (path, text) => {
      const result = await format(path, text);
      if (!result) return text;
      if ('error' in result) throw new Error(`oxfmt: ${result.error.message}`);
      formattedByFix.set(path, result.code);
      return result.code;
    };
  },
};

/** Texts the fixer produced in this process, so the re-check after `--fix` need not format them again. */
const formattedByFix = new Map<string, string>();

/** The version of the oxfmt that formats (the project's, else br-guard's), read from its manifest. */
async function oxfmtVersion(root: string): Promise<string> {
  try {
    return (
      JSON.parse(readFileSync(createRequire(join(root, 'package.json')).resolve('oxfmt/package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return (createRequire(import.meta.url)('oxfmt/package.json') as { version: string }).version;
  }
}

/** A formatter bound to the project's `.oxfmtrc.json` (read once, from the judged content's source). */
async function oxfmtFormatter(
  root: string,
  readProjectFile: ProjectFileReader,
): Promise<(path: string, text: string) => Promise<Formatted>> {
  const [oxfmt, options] = await Promise.all([loadOxfmt(root), oxfmtOptions(readProjectFile)]);
  return (path, text) => formatWith(oxfmt, options, path, text);
}

export async function formatWith(oxfmt: Oxfmt, options: Record<string, unknown>, path: string, text: string): Promise<Formatted> {
  const { code, errors } = await oxfmt.format(path, text, options);
  const error = errors.find((entry) => entry.severity === 'Error');
  if (!error) return { code };
  if (error.message.startsWith('Unsupported file type')) return null;
  return { error: { message: error.message, offset: error.labels[0]?.start ?? null } };
}

async function oxfmtOptions(readProjectFile: ProjectFileReader): Promise<Record<string, unknown>> {
  const json = await readProjectFile(OXFMT_CONFIG);
  const [name, text] = json !== null ? [OXFMT_CONFIG, json] : [OXFMT_CONFIG_JSONC, await readProjectFile(OXFMT_CONFIG_JSONC)];
  if (text === null) return {};
  // JSON with comments: the dialect of .oxfmtrc.jsonc, and what oxfmt accepts in .oxfmtrc.json too.
  const parsed = parseJsonc(text);
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  throw new InputError(`not a JSON object (in ${readProjectFile.where})`, { file: name });
}

/** 1-based line and column of a UTF-16 offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
