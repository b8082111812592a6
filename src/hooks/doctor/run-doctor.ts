import { access, constants, readFile, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Git } from '../../adapters/git.js';
import { runProcess } from '../../adapters/process-runner.js';
import { findLeftoverBackup } from '../backup.js';
import { engineChecks } from './engines-check.js';
import { describeHookEntry } from './describe-hook-entry.js';
import { callsBrGuard } from '../init/hook-script.js';
import { findPackageRoot, INIT_HOOKS } from '../init/run-init.js';

/** One doctor check, as `doctor --json` prints it. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

export interface DoctorEnv {
  env: NodeJS.ProcessEnv;
  /** `~/.config/husky/init.sh` (or under XDG_CONFIG_HOME): what husky sources before every hook. */
  huskyInit: string;
}

export function defaultDoctorEnv(env: NodeJS.ProcessEnv = process.env): DoctorEnv {
  return { env, huskyInit: join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'husky', 'init.sh') };
}

/**
 * Are the hooks git will run br-guard's, and can they run? Each check says what to do when it
 * fails: the hooks path, husky's runtime, each hook file, node and br-guard as the hook finds them,
 * and a hook that was killed and left a backup.
 */
export async function runDoctor(git: Git, cwd: string, doctorEnv: DoctorEnv = defaultDoctorEnv()): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const hooksPath = (await git.run(['config', '--get', 'core.hooksPath'], { allowFailure: true })).stdout.trim();
  const expectedPackage = await findPackageRoot(git.root, cwd);
  const huskyDir = hooksPath.endsWith('/_') ? hooksPath.slice(0, -2) : relativeDir(git.root, join(expectedPackage, '.husky'));
  const okPath = hooksPath === `${huskyDir}/_`;
  checks.push({
    name: 'hooks-path',
    ok: okPath,
    message: okPath
      ? `core.hooksPath = ${hooksPath} (husky)`
      : hooksPath
        ? `core.hooksPath = ${hooksPath}, not husky's ${huskyDir}/_: git runs other hooks; run br-guard init`
        : `core.hooksPath is not set: git runs .git/hooks, not br-guard's; run br-guard init (or npm install, whose prepare runs husky)`,
  });
  const absoluteHusky = isAbsolute(huskyDir) ? huskyDir : join(git.root, huskyDir);
  checks.push(await runtimeCheck(absoluteHusky, huskyDir));
  for (const hook of INIT_HOOKS) checks.push(await hookFileCheck(absoluteHusky, huskyDir, hook));
  const worktree = await worktreeCheck(git, hooksPath);
  if (worktree) checks.push(worktree);
  checks.push(await nodeCheck(git, doctorEnv));
  checks.push(await brGuardCheck(git, absoluteHusky, doctorEnv));
  const leftover = await findLeftoverBackup(git.gitDir);
  checks.push({
    name: 'interrupted-hook',
    ok: !leftover,
    message: leftover
      ? leftover.unreadable
        ? `the marker of an interrupted hook is unreadable (${leftover.unreadable}); restore the newest backup: br-guard hook restore (or: br-guard hook restore --discard)`
        : `a ${leftover.hook} hook was killed at ${leftover.startedAt} (process ${leftover.pid} is gone, a zombie, or its pid reused); restore its backup: br-guard hook restore ${leftover.ref}`
      : 'no interrupted hook left a backup behind',
  });
  checks.push(await jsParserCheck());
  checks.push(await nativeEnginesCheck(git.root));
  checks.push(...(await engineChecks(git.root)));
  return { ok: checks.every((check) => check.ok), checks };
}

/**
 * Which JS/TS parser the scanners and drift use: oxc-parser (native), or typescript-estree when
 * the native binding does not load on this platform (slower, same results). Failing means
 * neither loads, and gaps and drift cannot read JS/TS at all.
 */
async function jsParserCheck(): Promise<DoctorCheck> {
  try {
    const { jsParserStatus } = await import('../../adapters/parse-js.js');
    const status = await jsParserStatus();
    return {
      name: 'js-parser',
      ok: true,
      message: status.reason ? `JS/TS parsed by ${status.parser}: ${status.reason}` : `JS/TS parsed by ${status.parser} (native)`,
    };
  } catch (error) {
    return { name: 'js-parser', ok: false, message: `no JS/TS parser loads: ${(error as Error).message}; reinstall (npm ci)` };
  }
}

/**
 * Whether oxlint and oxfmt load here (config `quality.engines: native`). Never a failure: where
 * they cannot load, ESLint and Prettier run instead; the message says why, so that is known
 * before a commit shows it.
 */
async function nativeEnginesCheck(root: string): Promise<DoctorCheck> {
  const { loadOxfmt, loadOxlint } = await import('../../quality/checkers/native-tools.js');
  const problems = (
    await Promise.all(
      [loadOxlint(root), loadOxfmt(root)].map((load) =>
        load.then(
          () => null,
          (error: Error) => error.message,
        ),
      ),
    )
  ).filter((problem): problem is string => problem !== null);
  return {
    name: 'native-engines',
    ok: true,
    message: problems.length
      ? `${problems.join('; ')}: with quality.engines: native, ESLint and Prettier run instead (reinstall with npm ci, which installs the optional native packages for this platform)`
      : 'oxlint and oxfmt load (native): quality.engines: native uses them',
  };
}

/**
 * In a linked worktree (git dir ≠ common dir), the hooks git runs come from `core.hooksPath`,
 * which the worktrees share: an absolute path runs another checkout's hooks (its br-guard, its
 * build), and husky's relative `.husky/_` is git-ignored, so a worktree an agent just created
 * has no hooks at all until init (or npm install) runs in it. Null in the main worktree.
 */
async function worktreeCheck(git: Git, hooksPath: string): Promise<DoctorCheck | null> {
  if (!hooksPath || (await realpath(git.gitDir).catch(() => git.gitDir)) === git.commonDir) return null;
  const resolved = isAbsolute(hooksPath) ? hooksPath : join(git.root, hooksPath);
  const real = await realpath(resolved).catch(() => resolved);
  const name = 'worktree';
  if (real !== git.root && !real.startsWith(`${git.root}${sep}`)) {
    return {
      name,
      ok: false,
      message: `linked worktree: git runs the hooks in ${real}, another checkout's (its br-guard and build, not this worktree's); run br-guard init here`,
    };
  }
  if (!(await isExecutable(join(real, 'pre-commit')))) {
    return {
      name,
      ok: false,
      message: `linked worktree: ${hooksPath}/pre-commit does not exist here (husky's folder is git-ignored, made per checkout), so git runs no hook in this worktree; run br-guard init here (or npm install)`,
    };
  }
  return { name, ok: true, message: `linked worktree: hooks run from ${hooksPath} in this checkout` };
}

function relativeDir(root: string, dir: string): string {
  return relative(root, dir).split(sep).join('/') || '.';
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function runtimeCheck(absoluteHusky: string, huskyDir: string): Promise<DoctorCheck> {
  const missing: string[] = [];
  if (!(await readFile(join(absoluteHusky, '_', 'h')).catch(() => null))) missing.push('h');
  for (const hook of INIT_HOOKS) if (!(await isExecutable(join(absoluteHusky, '_', hook)))) missing.push(hook);
  return {
    name: 'husky-runtime',
    ok: missing.length === 0,
    message: missing.length
      ? `${huskyDir}/_ lacks ${missing.join(', ')} (or they are not executable): run br-guard init (husky writes them)`
      : `${huskyDir}/_ has husky's runner and executable stubs`,
  };
}

async function hookFileCheck(absoluteHusky: string, huskyDir: string, hook: string): Promise<DoctorCheck> {
  const path = join(absoluteHusky, hook);
  const text = await readFile(path, 'utf8').catch(() => null);
  const name = `hook:${hook}`;
  if (text === null) return { name, ok: false, message: `${huskyDir}/${hook} is missing: run br-guard init` };
  if (!callsBrGuard(text))
    return { name, ok: false, message: `${huskyDir}/${hook} does not call br-guard: run br-guard init (it keeps the file's other lines)` };
  if (!(await isExecutable(path)))
    return { name, ok: false, message: `${huskyDir}/${hook} is not executable: chmod +x ${huskyDir}/${hook}` };
  return { name, ok: true, message: `${huskyDir}/${hook} calls br-guard` };
}

/** `command -v node` the way a hook sees it: after husky's init.sh, with node_modules/.bin on PATH. */
async function nodeCheck(git: Git, doctorEnv: DoctorEnv): Promise<DoctorCheck> {
  const script = '[ -f "$1" ] && . "$1" >/dev/null 2>&1; PATH="node_modules/.bin:$PATH"; command -v node';
  let found = '';
  try {
    const result = await runProcess('sh', ['-c', script, 'sh', doctorEnv.huskyInit], { cwd: git.root, env: doctorEnv.env });
    found = result.code === 0 ? result.stdout.trim() : '';
  } catch {
    found = '';
  }
  return {
    name: 'node',
    ok: Boolean(found),
    message: found
      ? `hooks find node at ${found}`
      : `hooks cannot find node on PATH; GUI git clients start hooks without your shell's PATH: set it in ${doctorEnv.huskyInit}`,
  };
}

/** The br-guard a hook would run: the package next to the .husky folder, the repo root's, a global one, or this checkout itself. */
async function brGuardCheck(git: Git, absoluteHusky: string, doctorEnv: DoctorEnv): Promise<DoctorCheck> {
  const candidates = [join(absoluteHusky, '..', 'node_modules', 'br-guard'), join(git.root, 'node_modules', 'br-guard'), git.root];
  for (const candidate of candidates) {
    const script = join(candidate, 'hooks', 'run-hook.sh');
    if (!(await readFile(script).catch(() => null))) continue;
    const built = await readFile(join(candidate, 'dist', 'src', 'cli', 'main.js')).catch(() => null);
    const where = relativeDir(git.root, candidate);
    return built
      ? {
          name: 'br-guard',
          ok: true,
          message: `hooks run ${where}/hooks/run-hook.sh, which starts ${await describeHookEntry(candidate, doctorEnv.env)}`,
        }
      : { name: 'br-guard', ok: false, message: `${where} has no dist/src/cli/main.js: build it (npm run build)` };
  }
  const global = await runProcess('sh', ['-c', 'command -v br-guard'], { cwd: git.root, env: doctorEnv.env }).catch(() => null);
  const path = global?.code === 0 ? global.stdout.trim() : '';
  return path
    ? { name: 'br-guard', ok: true, message: `hooks run the global br-guard at ${path}` }
    : { name: 'br-guard', ok: false, message: 'hooks cannot find br-guard: npm install --save-dev br-guard (or npm install -g br-guard)' };
}
