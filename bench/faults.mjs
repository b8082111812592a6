#!/usr/bin/env node
// Fault suite: the PACKED br-guard (npm pack, installed into a temporary node_modules) through
// real husky hooks in temporary repositories, attacked the way a machine attacks it:
//   precommit   SIGKILL of `git commit` (its whole process group) at seeded random moments during a
//               pre-commit with fixes on partially staged files;
//   rollback    SIGKILL of `br-guard rollback NAME`;
//   checkpoint  SIGKILL of `br-guard build checkpoint NAME`;
//   corrupt     every state file truncated, then filled with garbage, in turn: each command rebuilds
//               what is a cache or exits 2 with one line naming the file, never a stack trace;
//   names       staged files named with spaces, quotes, $(…), a leading dash, unicode, a newline,
//               with a 30 MB text file, a PNG and a symlink: nothing run, everything formatted,
//               big and binary files skipped with a note;
//   worktrees   two linked worktrees committing at once.
// Killed processes are left UNREAPED, as in a container without an init: the victim runs under
// `sh -c 'setsid CMD & exec sleep'`, so its parent (sleep) never waits, and its own children are
// orphaned to a pid 1 that (here) never reaps either. The suite reads /proc/PID/stat and reports how
// many kills left a zombie.
// After each kill the verdict is one of:
//   intact    the unstaged bytes are in place (index and work tree as before, or the hook finished);
//   restored  br-guard names a leftover backup, the next commit refuses, and the command it prints
//             puts index and work tree back byte-identical to before;
//   lost      anything else (a hidden edit nobody names, a commit over a hidden state, a corrupt index,
//             a temp file in the work tree, a child that outlived the kill).
// Usage: node bench/faults.mjs [--seed N] [--kills N] [--rollback-kills N] [--checkpoint-kills N]
//        [--only precommit,rollback,checkpoint,corrupt,names,worktrees] [--quick] [--json]
// The code under test: the package packed from this checkout; BR_GUARD_OUT=DIR (e.g. .out-hooks)
// swaps in that build's compiled src. Exit 1 when anything is lost.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seeded } from './lib/seeded-random.mjs';

const repoRoot = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  return at === -1 ? fallback : argv[at + 1];
};
const quick = argv.includes('--quick');
const seed = Number(flag('--seed', '12'));
const kills = Number(flag('--kills', quick ? '6' : '50'));
const rollbackKills = Number(flag('--rollback-kills', quick ? '3' : '20'));
const checkpointKills = Number(flag('--checkpoint-kills', quick ? '3' : '20'));
const only = new Set(flag('--only', 'precommit,rollback,checkpoint,corrupt,names,worktrees').split(','));
const json = argv.includes('--json');
const log = (line) => process.stderr.write(`${line}\n`);

const rand = seeded(seed);

const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'faults',
  GIT_AUTHOR_EMAIL: 'f@e',
  GIT_COMMITTER_NAME: 'faults',
  GIT_COMMITTER_EMAIL: 'f@e',
  GIT_CONFIG_NOSYSTEM: '1',
};
for (const key of ['BR_GUARD', 'BR_GUARD_SKIP', 'NODE_V8_COVERAGE', 'GIT_INDEX_FILE', 'GIT_DIR', 'GIT_WORK_TREE']) delete env[key];

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const run = (cwd, bin, args, extra = {}) => {
  const result = spawnSync(bin, args, { cwd, env: { ...env, ...extra.env }, encoding: 'utf8', timeout: 120_000, input: extra.input });
  return {
    code: result.status ?? 1,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    out: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
};
const git = (cwd, ...args) => run(cwd, 'git', args);
const brGuard = (cwd, ...args) => run(cwd, join(cwd, 'node_modules', '.bin', 'br-guard'), args);

// ---------------------------------------------------------------------------------------------
// The packed CLI

function installPacked(base) {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', base, repoRoot], {
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  const tarball = join(base, out.trim().split('\n').pop());
  const nodeModules = join(base, 'node_modules');
  const target = join(nodeModules, 'br-guard');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
  const build = process.env.BR_GUARD_OUT ? resolve(repoRoot, process.env.BR_GUARD_OUT) : null;
  if (build) {
    rmSync(join(target, 'dist', 'src'), { recursive: true, force: true });
    cpSync(join(build, 'src'), join(target, 'dist', 'src'), { recursive: true });
  }
  if (!existsSync(join(target, 'dist', 'src', 'cli', 'main.js')))
    throw new Error('the packed br-guard has no dist/src (run npm run build)');
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === 'br-guard' || entry.startsWith('.')) continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(nodeModules, entry));
  }
  mkdirSync(join(nodeModules, '.bin'));
  symlinkSync('../br-guard/dist/src/cli/main.js', join(nodeModules, '.bin', 'br-guard'));
  chmodSync(join(target, 'dist', 'src', 'cli', 'main.js'), 0o755);
  return nodeModules;
}

// ---------------------------------------------------------------------------------------------
// /proc: zombies and survivors

/** state, ppid, pgrp and exit code (field 52, waitpid form) of a process, or null when gone. */
function procStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text
      .slice(text.lastIndexOf(')') + 1)
      .trim()
      .split(/\s+/);
    return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]), exitCode: Number(fields[49] ?? -1) };
  } catch {
    return null;
  }
}

function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** Every process of a process group: [pid, state]. */
function groupMembers(pgrp) {
  const members = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat && stat.pgrp === pgrp) members.push([Number(name), stat.state]);
  }
  return members;
}

/**
 * Runs `bin args` as a session and group leader under a parent that never waits for it. Returns
 * its pid (= its process group), and the parent to end once the verdict is in.
 */
async function spawnUnreaped(cwd, bin, args, extraEnv = {}) {
  const holder = spawn('sh', ['-c', 'setsid "$@" >/dev/null 2>&1 </dev/null & echo $!; exec sleep 3600', 'sh', bin, ...args], {
    cwd,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pid = Number(await new Promise((done) => holder.stdout.once('data', (chunk) => done(String(chunk).trim()))));
  return { pid, holder };
}

/** SIGKILL of the victim's whole group at `delayMs`, then what the kill left in the process table. */
async function killAt(victim, delayMs) {
  await sleep(delayMs);
  const before = procStat(victim.pid);
  const finished = !before || before.state === 'Z';
  try {
    process.kill(-victim.pid, 'SIGKILL');
  } catch {
    // The group may be all zombies already.
  }
  // A killed process may take a moment to finish exiting (a big heap to unmap): poll up to 2 s.
  let members = groupMembers(victim.pid);
  for (let waited = 0; waited < 2000 && members.some(([, state]) => state !== 'Z'); waited += 50) {
    await sleep(50);
    members = groupMembers(victim.pid);
  }
  const zombies = members.filter(([, state]) => state === 'Z').length;
  const survivors = members.filter(([, state]) => state !== 'Z').map(([pid, state]) => `${pid} (${state}, ${commOf(pid)})`);
  const stat = procStat(victim.pid);
  const killed = !finished && stat !== null && (stat.exitCode & 0x7f) === 9;
  return { killed, zombies, survivors, victimZombie: stat?.state === 'Z' };
}

function endHolder(victim) {
  // The victim, a zombie, goes to pid 1 (which here never reaps it either); survivors are ended.
  victim.holder.kill('SIGKILL');
  for (const [pid, state] of groupMembers(victim.pid)) {
    if (state !== 'Z') {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Repositories

let nodeModules;
const base = mkdtempSync(join(tmpdir(), 'br-guard-faults-'));

function newRepo(name, files, { spec = false } = {}) {
  const root = join(base, name);
  mkdirSync(root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  const all = {
    'package.json': '{\n  "name": "faults",\n  "version": "1.0.0",\n  "type": "module"\n}\n',
    '.gitignore': 'node_modules\n',
    ...(spec ? { 'PROJECT_SPEC.md': SPEC } : {}),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync(nodeModules, join(root, 'node_modules'));
  const init = brGuard(root, 'init');
  if (init.code !== 0) throw new Error(`br-guard init failed in ${root}: ${init.out}`);
  git(root, 'add', '-A');
  const first = git(root, 'commit', '-q', '--no-verify', '-m', 'base');
  if (first.code !== 0) throw new Error(first.out);
  git(root, 'tag', 'base');
  return root;
}

const SPEC = `# PROJECT_SPEC: Faults

## Features

### Feature: Core

**Requirements:**
- Core logic

**Files:**
- src/a.ts
- src/b.ts
- src/c.ts
`;

const FILES = ['src/a.ts', 'src/b.ts', 'src/c.ts'];
const UNSTAGED = (file) => `// unstaged edit of ${file}\n`;

/** Three partially staged files: badly formatted staged content, an unstaged line below it. */
function stagePartially(root) {
  FILES.forEach((file, i) => writeFileSync(join(root, file), `export const v${i} = {a:${i}}\n\nexport const keep${i} = 1;\n`));
  git(root, 'add', ...FILES);
  for (const file of FILES) writeFileSync(join(root, file), `${readFileSync(join(root, file), 'utf8')}${UNSTAGED(file)}`);
}

/** Index entries and the bytes of `files`: equal snapshots mean a byte-exact state. */
function snapshot(root, files = FILES) {
  return JSON.stringify([
    git(root, 'ls-files', '-s').stdout,
    ...files.map((file) => (existsSync(join(root, file)) ? readFileSync(join(root, file)).toString('base64') : null)),
  ]);
}

function indexHealthy(root) {
  const listed = git(root, 'ls-files', '-s');
  const fsck = git(root, 'fsck', '--no-progress', '--no-dangling', '--connectivity-only');
  return listed.code === 0 && fsck.code === 0;
}

/** Temp files of ours, or anything not ours, that a kill left in the work tree. */
function workTreeLitter(root) {
  const untracked = git(root, 'ls-files', '-z', '--others', '--exclude-standard').stdout.split('\0').filter(Boolean);
  return untracked.filter((path) => /\.tmp$|\.br-guard\./.test(path));
}

function resetRepo(root) {
  rmSync(join(root, '.git', 'index.lock'), { force: true });
  rmSync(join(root, '.git', 'br-guard', 'hook-backup.json'), { force: true });
  for (const ref of git(root, 'for-each-ref', '--format=%(refname)', 'refs/buildrunner/').stdout.split('\n').filter(Boolean)) {
    if (!ref.startsWith('refs/buildrunner/checkpoints/keep')) git(root, 'update-ref', '-d', ref);
  }
  // The harness's own repository: a hard reset is fine here, never in br-guard.
  git(root, 'reset', '-q', '--hard', 'base');
  for (const path of workTreeLitter(root)) rmSync(join(root, path), { force: true });
  rmSync(join(root, '.buildrunner', 'build-state.json'), { force: true });
}

const tally = () => ({ kills: 0, intact: 0, restored: 0, lost: 0, zombies: 0, hookZombies: 0, survivors: 0, notes: [] });

// ---------------------------------------------------------------------------------------------
// Scenario: pre-commit

async function precommitScenario() {
  const result = tally();
  const root = newRepo('precommit', Object.fromEntries(FILES.map((file, i) => [file, `export const v${i} = { a: 0 };\n`])));
  // How long one uninterrupted pre-commit takes: the kills land anywhere in [0, 1.15 T].
  stagePartially(root);
  let start = performance.now();
  const calibrate = git(root, 'commit', '-m', 'calibrate');
  const duration = performance.now() - start;
  if (calibrate.code !== 0) throw new Error(`the uninterrupted pre-commit failed: ${calibrate.out}`);
  for (const file of FILES) {
    if (!readFileSync(join(root, file), 'utf8').includes(UNSTAGED(file))) throw new Error('calibration lost the unstaged edit');
  }
  resetRepo(root);
  log(`precommit: one uninterrupted pre-commit takes ${duration.toFixed(0)} ms; ${kills} kills in [0, ${(duration * 1.15).toFixed(0)}] ms`);
  for (let i = 0; i < kills; i++) {
    stagePartially(root);
    const before = snapshot(root);
    const head = git(root, 'rev-parse', 'HEAD').stdout.trim();
    const delay = rand() * duration * 1.15;
    const victim = await spawnUnreaped(root, 'git', ['commit', '-m', `kill ${i}`]);
    const markerFile = join(root, '.git', 'br-guard', 'hook-backup.json');
    const kill = await killAt(victim, delay);
    let hookPid = null;
    try {
      hookPid = JSON.parse(readFileSync(markerFile, 'utf8')).pid;
    } catch {
      // No marker (the kill came before the backup or after the hook).
    }
    result.kills++;
    if (kill.victimZombie) result.zombies++;
    if (kill.survivors.length) result.survivors++;
    if (hookPid && procStat(hookPid)?.state === 'Z') result.hookZombies++;
    const verdict = judgeCommitKill(root, before, head, kill);
    result[verdict.verdict]++;
    if (verdict.verdict === 'lost') result.notes.push(`kill ${i} at ${delay.toFixed(0)} ms: ${verdict.why}`);
    endHolder(victim);
    resetRepo(root);
  }
  return result;
}

function judgeCommitKill(root, before, head, kill) {
  if (kill.survivors.length) return { verdict: 'lost', why: `processes of the killed group still run: ${kill.survivors.join(', ')}` };
  // git's own lock of a killed `git commit`: git tells the user to remove it; so does this suite.
  rmSync(join(root, '.git', 'index.lock'), { force: true });
  if (!indexHealthy(root)) return { verdict: 'lost', why: 'the index is corrupt' };
  const litter = workTreeLitter(root);
  if (litter.length) return { verdict: 'lost', why: `temp files in the work tree: ${litter.join(', ')}` };
  const doctor = brGuard(root, 'doctor', '--json');
  let check = null;
  try {
    check = JSON.parse(doctor.stdout).checks.find((c) => c.name === 'interrupted-hook');
  } catch {
    return { verdict: 'lost', why: `doctor --json printed no JSON: ${doctor.out.slice(0, 200)}` };
  }
  const edited = FILES.every((file) => readFileSync(join(root, file), 'utf8').includes(UNSTAGED(file)));
  const moved = git(root, 'rev-parse', 'HEAD').stdout.trim() !== head;
  if (check.ok) {
    if (!edited) return { verdict: 'lost', why: 'an unstaged edit is gone and nothing names a backup' };
    return { verdict: 'intact' };
  }
  // A leftover: the next commit must refuse, and the printed command must restore exactly.
  if (moved) return { verdict: 'lost', why: 'a commit went through while a backup was left' };
  const command = /br-guard hook restore \S+/.exec(check.message)?.[0];
  if (!command) return { verdict: 'lost', why: `doctor names no restore command: ${check.message}` };
  const probe = git(root, 'commit', '-m', 'probe');
  if (probe.code === 0 || git(root, 'rev-parse', 'HEAD').stdout.trim() !== head)
    return { verdict: 'lost', why: 'the next commit went through over a hidden state' };
  if (!/br-guard hook restore/.test(probe.out)) return { verdict: 'lost', why: 'the refused commit does not name the restore command' };
  const restored = brGuard(root, ...command.split(' ').slice(1));
  if (restored.code !== 0) return { verdict: 'lost', why: `the restore failed: ${restored.out.trim().split('\n')[0]}` };
  if (snapshot(root) !== before) return { verdict: 'lost', why: 'the restore is not byte-identical to before' };
  if (!brGuard(root, 'doctor', '--json').stdout.includes('"no interrupted hook'))
    return { verdict: 'lost', why: 'doctor still reports a leftover after the restore' };
  return { verdict: 'restored' };
}

// ---------------------------------------------------------------------------------------------
// Scenarios: rollback and checkpoint

const BUILD_FILES = ['src/a.ts', 'src/b.ts', 'notes.txt'];

function stateB(root) {
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 2;\n');
  git(root, 'add', 'src/a.ts');
  writeFileSync(join(root, 'src/b.ts'), 'export const b = 2; // unstaged\n');
  writeFileSync(join(root, 'notes.txt'), 'notes in progress\n');
}

async function buildScenario(kind, count) {
  const result = tally();
  const root = newRepo(kind, { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n', 'notes.txt': 'notes\n' });
  const saved = brGuard(root, 'build', 'checkpoint', 'keep-a', '-m', 'state A');
  if (saved.code !== 0) throw new Error(`build checkpoint failed: ${saved.out}`);
  const stateA = snapshot(root, BUILD_FILES);
  stateB(root);
  const args = kind === 'rollback' ? ['rollback', 'keep-a'] : ['build', 'checkpoint', 'cp'];
  const start = performance.now();
  const calibrate = brGuard(root, ...args);
  const duration = performance.now() - start;
  if (calibrate.code !== 0) throw new Error(`${args.join(' ')} failed: ${calibrate.out}`);
  resetRepo(root);
  log(`${kind}: one uninterrupted run takes ${duration.toFixed(0)} ms; ${count} kills in [0, ${(duration * 1.1).toFixed(0)}] ms`);
  for (let i = 0; i < count; i++) {
    stateB(root);
    const before = snapshot(root, BUILD_FILES);
    const refsBefore = new Set(
      git(root, 'for-each-ref', '--format=%(refname)', 'refs/buildrunner/checkpoints/').stdout.split('\n').filter(Boolean),
    );
    const delay = rand() * duration * 1.1;
    const victim = await spawnUnreaped(
      root,
      join(root, 'node_modules', '.bin', 'br-guard'),
      kind === 'rollback' ? args : ['build', 'checkpoint', `cp${i}`],
    );
    const kill = await killAt(victim, delay);
    result.kills++;
    if (kill.victimZombie) result.zombies++;
    if (kill.survivors.length) result.survivors++;
    const verdict = judgeBuildKill(root, kind, before, stateA, refsBefore, kill);
    result[verdict.verdict]++;
    if (verdict.verdict === 'lost') result.notes.push(`kill ${i} at ${delay.toFixed(0)} ms: ${verdict.why}`);
    endHolder(victim);
    resetRepo(root);
  }
  return result;
}

function judgeBuildKill(root, kind, before, stateA, refsBefore, kill) {
  if (kill.survivors.length) return { verdict: 'lost', why: `processes of the killed group still run: ${kill.survivors.join(', ')}` };
  rmSync(join(root, '.git', 'index.lock'), { force: true });
  if (!indexHealthy(root)) return { verdict: 'lost', why: 'the index is corrupt' };
  const litter = workTreeLitter(root);
  if (litter.length) return { verdict: 'lost', why: `temp files in the work tree: ${litter.join(', ')}` };
  const listed = brGuard(root, 'build', 'checkpoints', '--json');
  if (listed.code !== 0 || /\n\s+at /.test(listed.stderr))
    return { verdict: 'lost', why: `build checkpoints: exit ${listed.code}: ${listed.stderr.trim().split('\n')[0]}` };
  const now = snapshot(root, BUILD_FILES);
  if (kind === 'checkpoint')
    return now === before ? { verdict: 'intact' } : { verdict: 'lost', why: 'a checkpoint changed the work tree or index' };
  if (now === before || now === stateA) return { verdict: 'intact' };
  // Half a rollback: the checkpoint it saved first must bring the state back.
  const added = git(root, 'for-each-ref', '--format=%(refname:strip=3)', 'refs/buildrunner/checkpoints/')
    .stdout.split('\n')
    .filter((name) => name && !refsBefore.has(`refs/buildrunner/checkpoints/${name}`));
  if (!added.length) return { verdict: 'lost', why: 'a half-done rollback and no checkpoint of the state before it' };
  const back = brGuard(root, 'rollback', added.sort().at(-1));
  if (back.code !== 0) return { verdict: 'lost', why: `rollback to the saved state failed: ${back.out.trim().split('\n')[0]}` };
  return snapshot(root, BUILD_FILES) === before
    ? { verdict: 'restored' }
    : { verdict: 'lost', why: 'the saved state is not byte-identical' };
}

// ---------------------------------------------------------------------------------------------
// Scenario: corrupt state files

async function corruptScenario() {
  const root = newRepo(
    'corrupt',
    { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n', 'src/c.ts': 'export const c = 1;\n' },
    { spec: true },
  );
  // Produce every state file once.
  brGuard(root, 'manifest');
  brGuard(root, 'gaps', '--json');
  brGuard(root, 'drift', 'check', '--all', '--json');
  brGuard(root, 'quality', 'check', '--all', '--json');
  brGuard(root, 'build', 'checkpoint', 'keep-c');
  const marker = { ref: 'refs/buildrunner/backup/x', commit: 'c', pid: 1, hook: 'pre-commit', startedAt: 't', indexCopy: null };
  const targets = [
    {
      file: '.buildrunner/build-state.json',
      commands: [
        ['build', 'status', '--json'],
        ['build', 'resume'],
      ],
      setup: () => writeFileSync(join(root, '.buildrunner/build-state.json'), '{"state":"paused"}\n'),
    },
    {
      file: '.buildrunner/manifest.json',
      // No command reads the manifest back; `manifest` must rewrite it whole.
      commands: [['manifest', '--json']],
    },
    { file: '.buildrunner/progress.jsonl', commands: [['gaps', 'progress', '--json']] },
    {
      file: '.git/br-guard/hook-backup.json',
      commands: [
        ['doctor', '--json'],
        ['build', 'status'],
      ],
      setup: () => (
        mkdirSync(join(root, '.git/br-guard'), { recursive: true }),
        writeFileSync(join(root, '.git/br-guard/hook-backup.json'), JSON.stringify(marker))
      ),
    },
  ];
  // The config cache is the hook's (the commands read the config themselves): a staged change,
  // one pre-commit to write it, then the pre-commit again on each corruption.
  const stagedChange = () => {
    writeFileSync(join(root, 'src/c.ts'), `export const c = ${Date.now()};\n`);
    git(root, 'add', 'src/c.ts');
  };
  targets.push({
    file: '.buildrunner/cache/config.json',
    commands: [['hook', 'pre-commit']],
    cache: true,
    setup: () => (stagedChange(), brGuard(root, 'hook', 'pre-commit'), stagedChange()),
  });
  for (const cacheDir of ['.buildrunner/cache/quality', '.buildrunner/cache/gaps', '.buildrunner/cache/drift']) {
    const dir = join(root, cacheDir);
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const command = cacheDir.endsWith('quality')
        ? ['quality', 'check', '--all', '--json']
        : cacheDir.endsWith('gaps')
          ? ['gaps', '--json']
          : ['drift', 'check', '--all', '--json'];
      targets.push({ file: `${cacheDir}/${name}`, commands: [command], cache: true });
    }
  }
  const result = { files: 0, runs: 0, ok: 0, bad: 0, notes: [] };
  for (const target of targets) {
    target.setup?.();
    const path = join(root, target.file);
    if (!existsSync(path)) {
      result.notes.push(`${target.file}: not produced by the commands (skipped)`);
      continue;
    }
    result.files++;
    const original = readFileSync(path);
    for (const [mode, bytes] of [
      ['truncated', original.subarray(0, Math.floor(original.length / 2))],
      ['garbage', Buffer.from('\u0000\u00ff{{{ not json ]]]\n\u0007')],
    ]) {
      for (const command of target.commands) {
        writeFileSync(path, bytes);
        const ran = brGuard(root, ...command);
        result.runs++;
        const firstLine =
          ran.stderr
            .trim()
            .split('\n')
            .filter((line) => !line.startsWith('br-guard: BR_GUARD'))
            .at(-1) ?? '';
        const stack = /\n\s+at |internal error/.test(ran.stderr);
        const base = target.file.split('/').pop();
        const named = ran.out.includes(base);
        const after = existsSync(path) ? readFileSync(path) : null;
        // A cache may be rebuilt silently; a state file must be rebuilt (valid again) or named.
        const rebuilt = after !== null && !after.equals(bytes) && parsesAsState(after.toString('utf8'));
        const handled = ran.code === 2 ? named : target.cache || named || rebuilt || after === null;
        if (!stack && [0, 1, 2, 3].includes(ran.code) && handled) result.ok++;
        else {
          result.bad++;
          result.notes.push(`${target.file} ${mode}: br-guard ${command.join(' ')} → exit ${ran.code}: ${firstLine.slice(0, 160)}`);
        }
      }
    }
    writeFileSync(path, original);
    if (target.file.endsWith('hook-backup.json') || target.file.endsWith('build-state.json')) rmSync(path, { force: true });
  }
  return result;
}

function parsesAsState(text) {
  try {
    for (const line of text.trim().startsWith('{') && text.includes('\n{') ? text.trim().split('\n') : [text]) JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario: hostile names, big and binary files, a symlink

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4000000000049454e44ae426082',
  'hex',
);

async function namesScenario() {
  const root = newRepo('names', { 'src/a.ts': 'export const a = 1;\n' });
  const names = ['src/sp ace.ts', `src/q"uo'te.ts`, 'src/$(touch PWNED).ts', 'src/-dash.ts', 'src/ünï cødé.ts', 'src/new\nline.ts'];
  names.forEach((name, i) => writeFileSync(join(root, name), `export const n${i} = {x:${i}}\n`));
  writeFileSync(join(root, 'big.txt'), 'a fairly long line of text for a big file\n'.repeat(Math.ceil((30 * 1024 * 1024) / 42)));
  writeFileSync(join(root, 'logo.png'), PNG);
  symlinkSync('src/a.ts', join(root, 'link.ts'));
  writeFileSync(join(root, 'src/normal.ts'), 'export const normal = {y:1}\n');
  git(root, 'add', '-A');
  const start = performance.now();
  const commit = git(root, 'commit', '-m', 'hostile');
  const ms = performance.now() - start;
  const problems = [];
  if (commit.code !== 0) problems.push(`the commit failed: ${commit.out.trim().split('\n').slice(-3).join(' / ')}`);
  const pwned = git(root, 'ls-files', '-z', '--others')
    .stdout.split('\0')
    .filter((path) => path.includes('PWNED') && !path.includes('$('));
  if (pwned.length || existsSync(join(root, 'PWNED')) || existsSync(join(root, 'src', 'PWNED')))
    problems.push('a file name was run by a shell');
  const tree = git(root, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').stdout.split('\0');
  for (const name of [...names, 'big.txt', 'logo.png', 'link.ts', 'src/normal.ts'])
    if (!tree.includes(name)) problems.push(`${JSON.stringify(name)} is not in HEAD`);
  const prettier = await import(join(repoRoot, 'node_modules', 'prettier', 'index.mjs'));
  for (const name of [...names, 'src/normal.ts']) {
    const text = git(root, 'cat-file', 'blob', `HEAD:${name}`).stdout;
    if ((await prettier.format(text, { filepath: 'x.ts' })) !== text) problems.push(`${JSON.stringify(name)} is not formatted in HEAD`);
  }
  for (const name of ['big.txt', 'logo.png'])
    if (!new RegExp(`${name.replace('.', '\\.')}: skipped`).test(commit.out)) problems.push(`no note says ${name} was skipped`);
  if (git(root, 'for-each-ref', 'refs/buildrunner/backup/').stdout.trim()) problems.push('a backup ref was left');
  return { problems, ms: Math.round(ms) };
}

// ---------------------------------------------------------------------------------------------
// Scenario: two linked worktrees committing at once

async function worktreesScenario() {
  const root = newRepo('worktrees', { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 1;\n' });
  const second = join(base, 'worktrees-2');
  git(root, 'worktree', 'add', '-q', '-b', 'side', second);
  symlinkSync(nodeModules, join(second, 'node_modules'));
  const init = brGuard(second, 'init');
  const problems = init.code === 0 ? [] : [`init in the linked worktree failed: ${init.out}`];
  const prepare = (dir, file) => {
    writeFileSync(join(dir, file), 'export const v = {z:1}\n\nexport const w = 1;\n');
    git(dir, 'add', file);
    writeFileSync(join(dir, file), 'export const v = {z:1}\n\nexport const w = 1;\n// unstaged\n');
  };
  prepare(root, 'src/a.ts');
  prepare(second, 'src/b.ts');
  const commitIn = (dir) =>
    new Promise((done) => {
      const child = spawn('git', ['commit', '-m', 'concurrent'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.stderr.on('data', (chunk) => (out += chunk));
      child.on('close', (code) => done({ code, out }));
    });
  const [one, two] = await Promise.all([commitIn(root), commitIn(second)]);
  for (const [dir, file, result] of [
    [root, 'src/a.ts', one],
    [second, 'src/b.ts', two],
  ]) {
    if (result.code !== 0) problems.push(`${dir}: commit failed: ${result.out.trim().split('\n').slice(-6).join(' / ')}`);
    if (git(dir, 'show', `HEAD:${file}`).stdout !== 'export const v = { z: 1 };\n\nexport const w = 1;\n')
      problems.push(`${dir}: ${file} not fixed in HEAD`);
    if (!readFileSync(join(dir, file), 'utf8').includes('// unstaged')) problems.push(`${dir}: the unstaged edit is gone`);
  }
  if (git(root, 'for-each-ref', 'refs/buildrunner/backup/').stdout.trim()) problems.push('a backup ref was left');
  return { problems };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (process.platform !== 'linux') {
    log('faults: this suite reads /proc to prove its zombies; it runs on Linux only');
    process.exit(0);
  }
  const started = performance.now();
  nodeModules = installPacked(base);
  const report = { seed, scenarios: {} };
  try {
    if (only.has('precommit')) report.scenarios.precommit = await precommitScenario();
    if (only.has('rollback')) report.scenarios.rollback = await buildScenario('rollback', rollbackKills);
    if (only.has('checkpoint')) report.scenarios.checkpoint = await buildScenario('checkpoint', checkpointKills);
    if (only.has('corrupt')) report.scenarios.corrupt = await corruptScenario();
    if (only.has('names')) report.scenarios.names = await namesScenario();
    if (only.has('worktrees')) report.scenarios.worktrees = await worktreesScenario();
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  const lost =
    ['precommit', 'rollback', 'checkpoint'].reduce((sum, name) => sum + (report.scenarios[name]?.lost ?? 0), 0) +
    (report.scenarios.corrupt?.bad ?? 0) +
    (report.scenarios.names?.problems.length ?? 0) +
    (report.scenarios.worktrees?.problems.length ?? 0);
  report.lost = lost;
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log(`\nfaults (seed ${seed}, ${report.seconds} s)`);
  log('scenario      kills  intact  restored  lost  zombies(victim/hook)  survivors');
  for (const name of ['precommit', 'rollback', 'checkpoint']) {
    const s = report.scenarios[name];
    if (!s) continue;
    log(
      `${name.padEnd(12)} ${String(s.kills).padStart(6)} ${String(s.intact).padStart(7)} ${String(s.restored).padStart(9)} ${String(s.lost).padStart(5)}  ${`${s.zombies}/${s.hookZombies}`.padStart(20)} ${String(s.survivors).padStart(10)}`,
    );
    for (const note of s.notes) log(`    lost: ${note}`);
  }
  const c = report.scenarios.corrupt;
  if (c) {
    log(`corrupt       ${c.files} state files × 2 corruptions: ${c.ok} of ${c.runs} command runs rebuilt or exited 2 naming the file`);
    for (const note of c.notes) log(`    ${note}`);
  }
  for (const name of ['names', 'worktrees']) {
    const s = report.scenarios[name];
    if (!s) continue;
    log(
      `${name.padEnd(12)}  ${s.problems.length ? `${s.problems.length} problems` : 'nothing lost, nothing run'}${s.ms ? ` (commit ${s.ms} ms)` : ''}`,
    );
    for (const problem of s.problems) log(`    ${problem}`);
  }
  log(`lost: ${lost}`);
  process.exitCode = lost ? 1 : 0;
}

await main();
