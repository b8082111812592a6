import type { Linter } from 'eslint';
import { ToolMissingError } from '../../domain/errors.js';
import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import { eslintConfigNames } from './eslint-loader.js';
import { installCommand } from './installed-dependencies.js';
import { AnalysisUnavailableError, scriptAnalysis } from './script-analysis-service.js';
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
  // The config, the manifest and the lockfile (plugin versions) decide ESLint's results.
  cacheKey: async (context) =>
    configKey(context.root, [...eslintConfigNames, 'package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const service = scriptAnalysis(context.root);
    const linted = await Promise.all(
      context.files.map(async (file) => {
        const text = await file.read();
        const fixed = fixedByFix.get(file.path);
        // After `--fix`, what ESLint still reported for exactly this text is the verdict.
        const messages =
          fixed?.text === text ? fixed.messages : (await service.lint(file.path, text, false).catch(missingPlugin(context.root))).messages;
        return { path: file.path, text, messages };
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
    return { findings, fixable };
  },
  prepare: (root) => scriptAnalysis(root).warmEslint(),
  fixer: async (context): Promise<TextFixer> => {
    // Does not wait for ESLint to load: the files reach the worker after the formatter, by
    // which time it is (nearly) ready.
    const service = scriptAnalysis(context.root);
    let usable = true;
    return async (path, text) => {
      if (!usable) return text;
      let outcome;
      try {
        outcome = await service.lint(path, text, true);
      } catch (error) {
        if (!(error instanceof AnalysisUnavailableError)) throw error;
        // ESLint cannot load (a broken config): nothing to fix here; the check reports why.
        usable = false;
        return text;
      }
      // What is left after fixing is what the re-check would report for this exact text.
      fixedByFix.set(path, { text: outcome.output, messages: outcome.messages });
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
const fixedByFix = new Map<string, { text: string; messages: Linter.LintMessage[] }>();
