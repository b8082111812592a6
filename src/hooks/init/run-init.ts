import { chmod, mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pathExists, writeFileAtomic } from '../../adapters/file-system.js';
import type { Git } from '../../adapters/git.js';
import { UsageError } from '../../domain/errors.js';
import { brGuardrcYaml, BUILDRUNNER_GITIGNORE, CONFIG_CANDIDATES, QUALITY_STANDARDS_YAML } from './default-files.js';
import { chainedLegacy, managedBlock, upsertBlock } from './hook-script.js';
import { CI_PROVIDERS, GITHUB_WORKFLOW_PATH, githubWorkflow } from './ci-workflow.js';
import { installHusky } from './install-husky.js';
import { findLegacyHook } from './legacy-hooks.js';
import { prepareCommand, withPrepareScript } from './package-prepare.js';
import { formatEdit, projectFormat, type ProjectFormat } from './project-format.js';

export const INIT_HOOKS = ['pre-commit', 'pre-push', 'post-merge'] as const;

/** One thing init did (or found already done). */
export interface InitChange {
  path: string;
  action: 'created' | 'updated' | 'unchanged';
  note: string;
}

export interface InitResult {
  /** The package whose `.husky` holds the hooks, relative to the repo root ('' = the root). */
  packageDir: string;
  changes: InitChange[];
  changed: boolean;
}

/**
 * `br-guard init`: husky, the three hook files, `prepare`, the default quality standards,
 * a commented config and `.buildrunner/`. Idempotent: every step compares before it writes.
 * `cwd` picks the package: the nearest package.json from cwd up to the repository root.
 */
export interface InitOptions {
  /** `--ci PROVIDER`: also write that CI's workflow. */
  ci?: string;
  /** `--force`: overwrite an existing workflow file. */
  force?: boolean;
  /** `--engines native`: the new config sets `quality.engines: native` (oxlint, oxfmt). */
  engines?: 'default' | 'native';
}

export async function runInit(git: Git, cwd: string, options: InitOptions = {}): Promise<InitResult> {
  const packageRoot = await findPackageRoot(git.root, cwd);
  const packageDir = relative(git.root, packageRoot).split(sep).join('/');
  const format = projectFormat(git.root);
  // Refused before anything is written: a half-done init is worse than none.
  const ci = await planCiWorkflow(git, packageDir, options, format);
  const huskyDir = packageDir ? `${packageDir}/.husky` : '.husky';
  const changes: InitChange[] = [];
  const previousHooksPath = (await git.run(['config', '--get', 'core.hooksPath'], { allowFailure: true })).stdout.trim() || null;

  const legacy = new Map<string, Awaited<ReturnType<typeof findLegacyHook>>>();
  for (const hook of INIT_HOOKS) legacy.set(hook, await findLegacyHook(git, previousHooksPath, huskyDir, hook));

  const installed = await installHusky(git, huskyDir);
  changes.push({
    path: `${huskyDir}/_`,
    action: installed ? (previousHooksPath === `${huskyDir}/_` ? 'updated' : 'created') : 'unchanged',
    note:
      (installed ? `husky installed: core.hooksPath = ${huskyDir}/_` : `husky already installed (core.hooksPath = ${huskyDir}/_)`) +
      (await linkedWorktreeNote(git, huskyDir)),
  });

  for (const hook of INIT_HOOKS) {
    const path = `${huskyDir}/${hook}`;
    const absolute = git.absolutePath(path);
    const existing = await readFile(absolute, 'utf8').catch(() => null);
    // Found where git ran it before init, else the one this file's block already chains.
    const previous = legacy.get(hook) ?? chainedLegacy(existing);
    const { content, changed } = upsertBlock(existing, managedBlock(hook, previous));
    if (changed) {
      await writeFileAtomic(absolute, content);
      await chmod(absolute, 0o755);
    }
    const kept = existing && !existing.includes('>>> br-guard >>>') ? '; kept what it already ran, after br-guard' : '';
    const chained = previous ? `; chains the earlier hook (${previous.description})` : '';
    changes.push({
      path,
      action: !changed ? 'unchanged' : existing === null ? 'created' : 'updated',
      note: changed ? `runs br-guard hook ${hook}${kept}${chained}` : `already runs br-guard hook ${hook}${chained}`,
    });
  }

  changes.push(await ensurePrepare(packageRoot, packageDir, format));
  changes.push(
    await ensureFile(git, format, 'quality-standards.yaml', QUALITY_STANDARDS_YAML, 'default quality gates', [
      '.buildrunner/quality-standards.yaml',
    ]),
  );
  changes.push(await ensureConfig(git, format, options.engines ?? 'default'));
  changes.push(
    await ensureFile(
      git,
      format,
      '.buildrunner/.gitignore',
      BUILDRUNNER_GITIGNORE,
      'keeps caches, logs and build state out of commits',
      [],
    ),
  );
  if (ci) changes.push(await writeCiWorkflow(git, ci));
  return { packageDir, changes, changed: changes.some((change) => change.action !== 'unchanged') };
}

interface CiPlan {
  path: string;
  content: string;
  existing: string | null;
}

async function planCiWorkflow(git: Git, packageDir: string, options: InitOptions, format: ProjectFormat): Promise<CiPlan | null> {
  if (options.ci === undefined) return null;
  if (!(CI_PROVIDERS as readonly string[]).includes(options.ci)) {
    throw new UsageError(`--ci: unknown CI provider "${options.ci}" (supported: ${CI_PROVIDERS.join(', ')})`);
  }
  const path = GITHUB_WORKFLOW_PATH;
  const existing = await readFile(git.absolutePath(path), 'utf8').catch(() => null);
  const content = await format(path, githubWorkflow(packageDir));
  if (existing !== null && existing !== content && !options.force) {
    throw new UsageError(`${path} exists and differs from the workflow br-guard writes: pass --force to overwrite it`);
  }
  return { path, content, existing };
}

async function writeCiWorkflow(git: Git, ci: CiPlan): Promise<InitChange> {
  if (ci.existing === ci.content) return { path: ci.path, action: 'unchanged', note: 'already runs br-guard check' };
  await mkdir(dirname(git.absolutePath(ci.path)), { recursive: true });
  await writeFileAtomic(git.absolutePath(ci.path), ci.content);
  return {
    path: ci.path,
    action: ci.existing === null ? 'created' : 'updated',
    note: 'GitHub Actions: br-guard check, SARIF to code scanning, report in the job summary',
  };
}

/** The nearest folder with a package.json between cwd and the repository root, else the root. */
export async function findPackageRoot(root: string, cwd: string): Promise<string> {
  let dir = cwd;
  while (dir.startsWith(root)) {
    if (await pathExists(join(dir, 'package.json'))) return dir;
    if (dir === root) break;
    dir = dirname(dir);
  }
  return root;
}

async function ensurePrepare(packageRoot: string, packageDir: string, format: ProjectFormat): Promise<InitChange> {
  const path = packageDir ? `${packageDir}/package.json` : 'package.json';
  const absolute = join(packageRoot, 'package.json');
  const text = await readFile(absolute, 'utf8').catch(() => null);
  if (text === null) {
    return {
      path,
      action: 'unchanged',
      note: 'no package.json: run `git config core.hooksPath .husky/_` again after a fresh clone (or add one with "prepare": "husky")',
    };
  }
  let updated;
  try {
    updated = withPrepareScript(text, prepareCommand(packageDir));
  } catch {
    return { path, action: 'unchanged', note: 'package.json is not valid JSON; add "prepare": "husky" to its scripts yourself' };
  }
  if (!updated) return { path, action: 'unchanged', note: 'prepare already installs husky' };
  await writeFileAtomic(absolute, await formatEdit(format, path, text, updated.text));
  return { path, action: 'updated', note: `${updated.note} (reinstalls the hooks on npm install)` };
}

async function ensureFile(
  git: Git,
  format: ProjectFormat,
  path: string,
  content: string,
  note: string,
  alternatives: string[],
): Promise<InitChange> {
  for (const candidate of [path, ...alternatives]) {
    if (await pathExists(git.absolutePath(candidate))) return { path: candidate, action: 'unchanged', note: 'exists, left as it is' };
  }
  await mkdir(dirname(git.absolutePath(path)), { recursive: true });
  await writeFileAtomic(git.absolutePath(path), await format(path, content));
  return { path, action: 'created', note };
}

async function ensureConfig(git: Git, format: ProjectFormat, engines: 'default' | 'native'): Promise<InitChange> {
  // An existing config is the user's: init never edits it, and says what to add there.
  const kept = engines === 'native' ? 'config exists, left as it is (set quality.engines: native there)' : 'config exists, left as it is';
  for (const candidate of CONFIG_CANDIDATES) {
    if (await pathExists(git.absolutePath(candidate))) return { path: candidate, action: 'unchanged', note: kept };
  }
  const pkg = await readFile(join(git.root, 'package.json'), 'utf8').catch(() => null);
  if (pkg && /"br-guard"\s*:\s*\{/.test(pkg)) return { path: 'package.json#br-guard', action: 'unchanged', note: kept };
  const note =
    engines === 'native' ? 'configuration: quality.engines native (oxlint, oxfmt)' : 'commented configuration (every key optional)';
  return ensureFile(git, format, '.br-guardrc.yaml', brGuardrcYaml(engines), note, []);
}

/** The text init prints: one line per change, or that nothing changed. */
export function formatInit(result: InitResult): string {
  const lines = result.changes.map((change) => `  ${change.action.padEnd(9)} ${change.path}  ${change.note}`);
  const head = result.changed ? 'br-guard init: set up the hooks' : 'br-guard init: everything was already set up; nothing changed';
  const tail = result.changed ? ['Check it any time with: br-guard doctor'] : [];
  return [head, ...lines, ...tail].join('\n');
}

/**
 * In a linked worktree, say how its hooks work: `core.hooksPath` is shared by every worktree and
 * relative, so each checkout runs the `.husky/_` in its own work tree, which is git-ignored and so
 * exists only where init (or npm install) ran: here, now.
 */
async function linkedWorktreeNote(git: Git, huskyDir: string): Promise<string> {
  const gitDir = await realpath(git.gitDir).catch(() => git.gitDir);
  if (gitDir === git.commonDir) return '';
  return `; linked worktree: core.hooksPath is shared and relative, so this checkout runs its own ${huskyDir}/_ (written here), not the main checkout's`;
}
