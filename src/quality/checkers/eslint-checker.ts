import type { Linter } from 'eslint';
import { ToolMissingError } from '../../domain/errors.js';
import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import { configSource, describeDiffering, sourceName, type ConfigSource } from './config-source.js';
import { eslintConfigFiles, eslintConfigNames } from './eslint-loader.js';
import { AnalysisUnavailableError, scriptAnalysis, type EslintConfigChoice } from './script-analysis-service.js';
import { installCommand } from './installed-dependencies.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';

const lintable = /\.(?:[cm]?[jt]sx?)$/;

/**
 * Linting by the project's ESLint and flat config (typescript-eslint's recommended set otherwise),
 * in a worker thread (see script-analysis-service.ts) so its load overlaps the other checks.
 */
export const eslintChecker: Checker = {
  name: 'eslint',
  dimension: 'format',
  appliesTo: (path) => lintable.test(path) && !path.endsWith('.d.ts'),
  // The config as the judged content holds it (the files it imports too), and the installed
  // plugins' versions (the manifest and lockfiles on disk, where node_modules comes from).
  cacheKey: async (context) =>
    configKey(
      context.root,
      ['package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'],
      [[...(await eslintSource(context)).files.versions]],
    ),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const service = scriptAnalysis(context.root);
    const source = await eslintSource(context);
    const config = configChoice(source);
    let fallback: string | undefined;
    let typed = false;
    const linted = await Promise.all(
      context.files.map(async (file) => {
        const text = await file.read();
        const fixed = fixedByFix.get(file.path);
        // After `--fix`, what ESLint still reported for exactly this text is the verdict.
        const outcome =
          fixed?.text === text ? fixed : await service.lint(file.path, text, false, config).catch(missingPlugin(context.root));
        fallback ??= outcome.fallback;
        typed ||= outcome.typed === true;
        return { path: file.path, text, messages: outcome.messages };
      }),
    );
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const { path, text, messages } of linted) {
      for (const message of messages) {
        const finding = qualityFinding({
          check: 'eslint',
          rule: message.ruleId ?? (message.fatal ? 'syntax-error' : 'eslint'),
          severity: message.severity === 2 ? 'error' : 'warning',
          file: path,
          line: message.line ?? null,
          column: message.column ?? null,
          message: message.message,
          key: `${lineKey(text, message.line)}\0${message.message}`,
        });
        if (message.fix) fixable.add(finding.fingerprint);
        findings.push(finding);
      }
    }
    // A typed rule's finding depends on the files a file imports, which a per-file cache cannot see.
    if (!fallback) return typed ? { findings, fixable, uncached: true } : { findings, fixable };
    // A fallback's verdict is not the staged config's: said, and not cached under its key.
    return { findings, fixable, note: configNote(source, context.readProjectFile.where, fallback)!, uncached: true };
  },
  note: async (context) => configNote(await eslintSource(context), context.readProjectFile.where, undefined),
  prepare: (root) => scriptAnalysis(root).warmEslint(),
  fixer: async (context): Promise<TextFixer> => {
    // Does not wait for ESLint to load: the files reach the worker after the formatter, by
    // which time it is (nearly) ready.
    const service = scriptAnalysis(context.root);
    const config = configChoice(await eslintSource(context));
    let usable = true;
    return async (path, text) => {
      if (!usable) return text;
      let outcome;
      try {
        outcome = await service.lint(path, text, true, config);
      } catch (error) {
        if (!(error instanceof AnalysisUnavailableError)) throw error;
        // ESLint cannot load (a broken config): nothing to fix here; the check reports why.
        usable = false;
        return text;
      }
      // What is left after fixing is what the re-check would report for this exact text.
      fixedByFix.set(path, { text: outcome.output, messages: outcome.messages, fallback: outcome.fallback, typed: outcome.typed });
      return outcome.output;
    };
  },
};

/**
 * A flat config whose plugins are not installed (a fresh clone before `npm install`) cannot judge
 * the code: the check is skipped with the install hint, as for any absent tool. Any other load
 * failure (a broken config) stays an error.
 */
function missingPlugin(root: string): (error: unknown) => never {
  return (error) => {
    const missing = error instanceof AnalysisUnavailableError ? /Cannot find (?:package|module) '([^']+)'/.exec(error.message) : null;
    if (missing) {
      throw new ToolMissingError(
        `${missing[1]}, which the project's ESLint config imports,`,
        `install the project's dependencies: ${installCommand(root)}`,
      );
    }
    throw error;
  };
}

/** The text `--fix` produced per file and ESLint's remaining messages for it. */
const fixedByFix = new Map<
  string,
  { text: string; messages: Linter.LintMessage[]; fallback?: string | undefined; typed?: boolean | undefined }
>();

/** ESLint's config files as the judged content holds them, against the work tree's. */
function eslintSource(context: Omit<CheckContext, 'files'>): Promise<ConfigSource> {
  return configSource(context.root, context.readProjectFile, 'eslint', eslintConfigFiles);
}

/** The worker's config: undefined for the work tree's; the shadow's flat config file, or null when the source has none. */
function configChoice(source: ConfigSource): EslintConfigChoice | undefined {
  if (source.kind === 'work-tree') return undefined;
  const name = eslintConfigNames.find((candidate) => source.shadow.files.has(candidate));
  return { file: name ? `${source.shadow.dir}/${name}` : null };
}

/** Which config judged, when it is not simply the work tree's. */
function configNote(source: ConfigSource, where: string, fallback: string | undefined): string | null {
  if (source.kind === 'work-tree') return null;
  const differing = describeDiffering(source, where);
  if (fallback) {
    const why = fallback.split('\n')[0]!.replaceAll(`${source.shadow.dir}/`, '');
    return `the ESLint config (${differing}) cannot be loaded (${why}): the work tree's config judged`;
  }
  const staged = eslintConfigNames.find((candidate) => source.shadow.files.has(candidate));
  return staged
    ? `ESLint config: ${differing} judged, not the work tree's`
    : `no ESLint config in ${sourceName(where)} (${source.files.differing.filter((name) => eslintConfigNames.includes(name)).join(', ')} only in the work tree): br-guard's config judged`;
}
