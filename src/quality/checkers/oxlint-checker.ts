import { runProcess } from '../../adapters/process-runner.js';
import type { ProjectFileReader } from '../../adapters/project-files.js';
import type { Finding } from '../../domain/findings.js';
import { oxlintConfigNames } from '../project-engines.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { configKey } from './config-key.js';
import { findTsgolint, loadOxlint, type Tsgolint } from './native-tools.js';
import { oxlintFindings } from './oxlint-output.js';
import { oxlintFixableRules } from './oxlint-fixable.js';
import { batchedFixer, rewriteInShadow } from './shadow-rewrite.js';
import { withStagedProgram } from './program-shadow.js';
import { withShadowCopy } from './shadow-copy.js';

const lintable = /\.(?:[cm]?[jt]sx?)$/;

/** Project files that steer oxlint: copied into the shadow copy beside the checked files. */
export const oxlintConfigFiles = [...oxlintConfigNames, '.oxlintignore', '.eslintignore', 'tsconfig.json', 'package.json'];

/** Paths per oxlint process, far under the OS argument limit. */
const CHUNK = 500;

/**
 * Linting by oxlint (config `quality.engines: native`). oxlint reads files only from disk, so it
 * runs on a shadow copy of exactly the content being judged (the staged blobs for `--staged`) with
 * the project's lint configs from the same source; its findings read like ESLint's.
 */
export const oxlintChecker: Checker = {
  name: 'oxlint',
  dimension: 'format',
  appliesTo: (path) => lintable.test(path) && !path.endsWith('.d.ts'),
  // Keyed by the configs oxlint will see, read where the content comes from (the shadow copy's).
  cacheKey: async (context) => {
    const configs = await readConfigs(context.readProjectFile);
    const typed = typeAwareLinter(context.root, configs);
    return configKey(context.root, [], [(await loadOxlint(context.root)).version, configs, typed ? `type-aware ${typed.version}` : '']);
  },
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const oxlint = await loadOxlint(context.root);
    // Listed (or read from its cache) while the files are linted.
    const fixableRulesListed = oxlintFixableRules(oxlint, context.root, context.cacheDir);
    const texts = new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
    const shadow = new Map(texts);
    // The configs come from where the content comes from (the index for --staged), so a config
    // edit that is not staged does not decide the verdict.
    const configs = await readConfigs(context.readProjectFile);
    for (const [name, text] of configs) if (text !== null && !shadow.has(name)) shadow.set(name, text);
    const typed = typeAwareLinter(context.root, configs);
    const reused = typed ? null : verdictOfFix(settingOf(context.root, configs), texts);
    const findings: Finding[] = reused ?? [];
    const lint = async (dir: string): Promise<void> => {
      const paths = [...texts.keys()];
      for (let i = 0; i < paths.length; i += CHUNK) {
        const result = await runProcess(
          process.execPath,
          [oxlint.bin, ...(typed ? ['--type-aware'] : []), ...oxlintArgs(paths.slice(i, i + CHUNK))],
          {
            cwd: dir,
            timeoutMs: context.loaded.config.quality.timeoutMs,
            ...(typed ? { env: { ...process.env, OXLINT_TSGOLINT_PATH: typed.bin } } : {}),
          },
        );
        // 0: clean, 1: errors found; anything else means oxlint itself failed.
        if (result.code !== 0 && result.code !== 1) throw new Error(`oxlint failed: ${firstLine(result.stderr || result.stdout)}`);
        findings.push(...oxlintFindings(result.stdout, texts));
      }
    };
    // Types need the whole program: the staged one in a shadow copy, or the project itself.
    if (reused) {
      // `oxlint --fix` already judged exactly these texts, with the same configs: its report stands.
    } else if (!typed) await withShadowCopy(context.root, shadow, lint);
    else if (context.staged) await withStagedProgram(context.root, shadow, lint);
    else await lint(context.root);
    const fixableRules = await fixableRulesListed;
    const fixable = new Set(findings.filter((finding) => fixableRules.has(finding.rule)).map((finding) => finding.fingerprint));
    // A typed finding depends on the files a file imports, which a per-file cache cannot see.
    return typed ? { findings, fixable, uncached: true } : { findings, fixable };
  },
  // `oxlint --fix` on a shadow copy of the texts to fix (all the files of one fix run at once),
  // read back: the work tree is never written to be fixed.
  fixer: async (context): Promise<TextFixer> => {
    const oxlint = await loadOxlint(context.root);
    return batchedFixer(async (files) => {
      const configs = new Map<string, string>();
      for (const [name, text] of await readConfigs(context.readProjectFile)) if (text !== null) configs.set(name, text);
      const findings: Finding[] = [];
      const fixed = await rewriteInShadow(context.root, files, configs, async (dir, paths) => {
        for (let i = 0; i < paths.length; i += CHUNK) {
          const result = await runProcess(process.execPath, [oxlint.bin, '--fix', ...oxlintArgs(paths.slice(i, i + CHUNK))], {
            cwd: dir,
            timeoutMs: context.loaded.config.quality.timeoutMs,
          });
          if (result.code !== 0 && result.code !== 1) throw new Error(`oxlint --fix failed: ${firstLine(result.stderr || result.stdout)}`);
          findings.push(...oxlintFindings(result.stdout, files));
        }
      });
      rememberFixVerdict(settingOf(context.root, configs), files, fixed, findings);
      return fixed;
    });
  },
};

/**
 * What the last `oxlint --fix` run reported, when it changed none of its files: its report is then
 * the verdict on exactly those texts (on a text it did fix, it reports positions of the text before
 * the fix). Keyed by the whole batch, so a check of other files (whose rules may look across
 * files) lints again.
 */
let fixVerdict: { setting: string; texts: ReadonlyMap<string, string>; findings: Finding[] } | null = null;

/** The project and the configs oxlint saw: a verdict holds only for the same. */
function settingOf(root: string, configs: Iterable<readonly [string, string | null]>): string {
  return JSON.stringify([root, [...configs].filter(([, text]) => text !== null).sort(([a], [b]) => (a < b ? -1 : 1))]);
}

function rememberFixVerdict(
  setting: string,
  inputs: ReadonlyMap<string, string>,
  fixed: ReadonlyMap<string, string>,
  findings: Finding[],
): void {
  const unchanged = [...inputs].every(([path, text]) => fixed.get(path) === text);
  fixVerdict = unchanged ? { setting, texts: new Map(inputs), findings } : null;
}

/** The fix run's findings when it judged exactly `texts` (the same files and content, the same setting); else null. */
function verdictOfFix(setting: string, texts: ReadonlyMap<string, string>): Finding[] | null {
  const judged = fixVerdict;
  if (!judged || judged.setting !== setting || judged.texts.size !== texts.size) return null;
  for (const [path, text] of texts) if (judged.texts.get(path) !== text) return null;
  return [...judged.findings];
}

/**
 * tsgolint when oxlint's type-aware rules (no-floating-promises, no-for-in-array, …) should run:
 * the project has a tsconfig.json and tsgolint is installed, and the project either leaves the
 * lint rules to br-guard's defaults, sets `options.typeAware` in its oxlint config, or installed
 * oxlint-tsgolint itself. Null otherwise: a project's own oxlint config is run as it asks.
 */
export function typeAwareLinter(root: string, configs: readonly (readonly [string, string | null])[]): Tsgolint | null {
  const text = (name: string) => configs.find(([file]) => file === name)?.[1] ?? null;
  if (text('tsconfig.json') === null) return null;
  const tsgolint = findTsgolint(root);
  if (!tsgolint) return null;
  const own = oxlintConfigNames.map(text).find((config) => config !== null);
  if (own === undefined || tsgolint.projects || /["']?typeAware["']?\s*:\s*true/.test(own)) return tsgolint;
  return null;
}

function readConfigs(readProjectFile: ProjectFileReader): Promise<(readonly [string, string | null])[]> {
  return Promise.all(oxlintConfigFiles.map(async (name) => [name, await readProjectFile(name)] as const));
}

/** oxlint's arguments: JSON output, then the files after `--` (a path never reads as a flag). */
export function oxlintArgs(paths: readonly string[]): string[] {
  return ['--format', 'json', '--', ...paths];
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? 'no output';
}
