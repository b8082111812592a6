import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTempRepo, type TempRepo } from '../helpers/temp-repo.js';
import { installPacked, type PackedInstall } from './install-packed.js';

// The packed CLI, installed once for the whole file; every test gets a fresh repository that
// links to it, runs `br-guard init`, and makes real commits and pushes.
const hooks = suite<{ install: PackedInstall }>('hooks e2e', {} as { install: PackedInstall });

hooks.before((context) => {
  context.install = installPacked();
});
hooks.after((context) => {
  context.install.cleanup();
});

interface Run {
  code: number;
  out: string;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'T',
    GIT_AUTHOR_EMAIL: 't@e',
    GIT_COMMITTER_NAME: 'T',
    GIT_COMMITTER_EMAIL: 't@e',
  };
  delete env.BR_GUARD;
  delete env.BR_GUARD_SKIP;
  // The packed copy is not the code c8 measures, and it runs as shipped (the hook bundle). Empty,
  // not deleted: Node gives a child its parent's NODE_V8_COVERAGE when the key is missing.
  env.NODE_V8_COVERAGE = '';
  delete env.GIT_INDEX_FILE;
  return env;
};

const HANG_MS = 180_000;

function git(repo: TempRepo | string, args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Run {
  const cwd = typeof repo === 'string' ? repo : repo.root;
  // A hook that never exits fails its test instead of hanging the suite.
  const result = spawnSync('git', args, { cwd, env: { ...baseEnv(), ...env }, encoding: 'utf8', input, timeout: HANG_MS });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}${result.error ? `\n${result.error.message}` : ''}` };
}

function brGuard(cwd: string, args: string[]): Run {
  const result = spawnSync(join(cwd, 'node_modules', '.bin', 'br-guard'), args, { cwd, env: baseEnv(), encoding: 'utf8' });
  return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

const SPEC = `# PROJECT_SPEC: Demo

## Features

### Feature: Core

**Requirements:**
- Core logic

**Files:**
- src/core/a.ts
- src/cli/main.ts
- src/util.ts
`;

const CONFIG = `architecture:
  layers:
    - { name: cli, paths: ["src/cli/**"] }
    - { name: core, paths: ["src/core/**"] }
  undocumentedAllowed: ["**/*.md", ".*", ".husky/**", "*.yaml", "*.json", ".buildrunner/**", "notes/**"]
hooks:
  prePush:
    minCompletion: null
    quality: false
`;

function setup(context: { install: PackedInstall }): TempRepo {
  const repo = createTempRepo({
    files: {
      'package.json': '{\n  "name": "demo",\n  "version": "1.0.0",\n  "type": "module"\n}\n',
      '.gitignore': 'node_modules\n',
      'PROJECT_SPEC.md': SPEC,
      '.br-guardrc.yaml': CONFIG,
      'src/core/a.ts': 'export const a = 1;\n',
      'src/cli/main.ts': "import { a } from '../core/a.js';\n\nexport const main = a;\n",
    },
  });
  symlinkSync(context.install.nodeModules, join(repo.root, 'node_modules'));
  const init = brGuard(repo.root, ['init']);
  assert.is(init.code, 0, init.out);
  assert.match(init.out, /created\s+\.husky\/pre-commit/);
  git(repo, ['add', '-A']);
  const first = git(repo, ['commit', '-q', '--no-verify', '-m', 'initial']);
  assert.is(first.code, 0, first.out);
  return repo;
}

function snapshot(repo: TempRepo, files: string[]): string {
  return [
    git(repo, ['ls-files', '-s']).out,
    ...files.map((f) => (existsSync(join(repo.root, f)) ? readFileSync(join(repo.root, f), 'utf8') : '<none>')),
  ].join('\n---\n');
}

hooks('a staged secret blocks the commit and is never printed in full; BR_GUARD=0 lets it through, saying so', (context) => {
  const repo = setup(context);
  try {
    const token = 'ghp_' + 'Xk9mQ2vLp8RtW4zN7bJc3HdF6sYgA1eKuT0o';
    repo.write({ 'src/util.ts': `export const token = '${token}';\n` });
    git(repo, ['add', 'src/util.ts']);
    const blocked = git(repo, ['commit', '-m', 'leak']);
    assert.is(blocked.code, 1, blocked.out);
    assert.match(blocked.out, /✗ pre-commit secrets: 1 possible secret staged/);
    assert.not.ok(blocked.out.includes(token), 'the secret is redacted');
    assert.is(git(repo, ['rev-list', '--count', 'HEAD']).out.trim(), '1');
    const skipped = git(repo, ['commit', '-q', '-m', 'leak anyway'], { BR_GUARD: '0' });
    assert.is(skipped.code, 0, skipped.out);
    assert.match(skipped.out, /BR_GUARD=0 — pre-commit hook skipped/);
  } finally {
    repo.cleanup();
  }
});

hooks('the packed hooks run the hook bundle, and it judges as the modules do', (context) => {
  const repo = setup(context);
  // A `node` first on the PATH that says what it was asked to run, then runs it.
  const bin = join(repo.root, '.fake-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'node'), `#!/bin/sh\necho "node ran: $1" >&2\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });
  const env = { PATH: `${bin}:${process.env.PATH}` };
  try {
    repo.write({ '.gitignore': 'node_modules\n.fake-bin\n' });
    const token = 'ghp_' + 'Xk9mQ2vLp8RtW4zN7bJc3HdF6sYgA1eKuT0o';
    repo.write({ 'src/util.ts': `export const token = '${token}';\n` });
    git(repo, ['add', 'src/util.ts', '.gitignore']);
    const bundled = git(repo, ['commit', '-m', 'leak'], env);
    assert.match(bundled.out, /node ran: \S*node_modules\/br-guard\/hooks\/\.\.\/dist\/src\/cli\/hook-bundle\.cjs/);
    const modules = git(repo, ['commit', '-m', 'leak'], { ...env, BR_GUARD_HOOK_ENTRY: 'modules' });
    assert.match(modules.out, /node ran: \S*\/dist\/src\/cli\/hook-entry\.js/);
    const verdict = (run: Run) =>
      run.out
        .split('\n')
        .filter((line) => !line.startsWith('node ran:'))
        .join('\n')
        .replace(/\(\d+ ms\)/g, '(… ms)');
    assert.is(bundled.code, 1, bundled.out);
    assert.is(modules.code, 1, modules.out);
    assert.match(verdict(bundled), /✗ pre-commit secrets: 1 possible secret staged/);
    assert.is(verdict(bundled), verdict(modules));
    assert.not.ok(bundled.out.includes(token), 'the secret is redacted');
    // A bundled run wrote V8's code cache for pre-commit beside the install (shared by this
    // file's tests: other hooks' caches may be there too); the next commit uses it.
    const cacheDir = join(repo.root, 'node_modules', '.cache', 'br-guard', 'v8');
    const cached = readdirSync(cacheDir).filter((name) => name.startsWith('hook-bundle-code.cjs-'));
    assert.ok(
      cached.some((name) => /^hook-bundle-code\.cjs-[0-9a-f]{12}-[0-9a-f]{12}-pre-commit\.v8$/.test(name)),
      cached.join(', '),
    );
    repo.write({ 'src/util.ts': 'export const  token = process.env.TOKEN;\n' });
    git(repo, ['add', 'src/util.ts']);
    const trace = join(repo.root, '.fake-bin', 'trace.txt');
    const clean = git(repo, ['commit', '-m', 'clean'], { ...env, BR_GUARD_DEBUG: '1', BR_GUARD_TRACE: trace });
    assert.is(clean.code, 0, clean.out);
    assert.match(clean.out, /hook-bundle\.cjs/);
    assert.match(clean.out, /hook code compiled from the code cache/);
    // BR_GUARD_TRACE: the run's timeline, in order, each line `pid milliseconds what`.
    const timeline = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    const times = timeline.map(([, ms]) => Number(ms));
    assert.equal(
      [...times].sort((a, b) => a - b),
      times,
      'in time order',
    );
    const events = timeline.map(([, , ...what]) => what.join(' '));
    assert.match(events[0]!, /^hook entry \(node started [\d.]+ ms ago\)$/);
    assert.match(events.at(-1)!, /^exit \(RSS \d+ MB\)$/);
    for (const event of ['staged snapshot taken', 'stage secrets: passed', 'stage quality: passed', 'commit record written'])
      assert.ok(events.includes(event), `${event} in ${events.join(' | ')}`);
    assert.is(git(repo, ['show', 'HEAD:src/util.ts']).out, 'export const token = process.env.TOKEN;\n', 'the fix was staged by the bundle');
  } finally {
    repo.cleanup();
  }
});

hooks('a formatting fix on a partially staged file is committed and the unstaged edit is kept', (context) => {
  const repo = setup(context);
  try {
    repo.write({ 'src/util.ts': 'export const util = {b:1}\n\nexport const other = 2;\n' });
    git(repo, ['add', 'src/util.ts']);
    repo.write({ 'src/util.ts': 'export const util = {b:1}\n\nexport const other = 3;\n' });
    const commit = git(repo, ['commit', '-m', 'util']);
    assert.is(commit.code, 0, commit.out);
    assert.match(commit.out, /✓ pre-commit quality: .*fixed and staged src\/util\.ts/);
    assert.is(git(repo, ['show', 'HEAD:src/util.ts']).out, 'export const util = { b: 1 };\n\nexport const other = 2;\n');
    assert.is(readFileSync(join(repo.root, 'src/util.ts'), 'utf8'), 'export const util = { b: 1 };\n\nexport const other = 3;\n');
  } finally {
    repo.cleanup();
  }
});

hooks('a fix that conflicts with an unstaged edit stops the commit; index and work tree are as before', (context) => {
  const repo = setup(context);
  try {
    repo.write({ 'src/util.ts': 'export const util = {b:1}\n' });
    git(repo, ['add', 'src/util.ts']);
    repo.write({ 'src/util.ts': 'export const util = {b:2}\n' });
    const before = snapshot(repo, ['src/util.ts']);
    const commit = git(repo, ['commit', '-m', 'conflict']);
    assert.is(commit.code, 1, commit.out);
    assert.match(commit.out, /conflicts with unstaged edits in 1 file; nothing was changed/);
    assert.is(snapshot(repo, ['src/util.ts']), before);
    assert.is(git(repo, ['for-each-ref', 'refs/buildrunner/backup/']).out, '');
  } finally {
    repo.cleanup();
  }
});

hooks(
  'the hook and quality check --staged judge the same staged change: a pre-existing eval() on an untouched line blocks neither',
  (context) => {
    const repo = setup(context);
    try {
      repo.write({
        'src/legacy.ts': 'export function run(code: string): unknown {\n  return eval(code);\n}\n\nexport const version = 1;\n',
      });
      git(repo, ['add', 'src/legacy.ts']);
      assert.is(git(repo, ['commit', '-q', '--no-verify', '-m', 'legacy']).code, 0);
      // Touch another line; leave an unstaged edit too, so the work tree differs from what is judged.
      repo.write({
        'src/legacy.ts': 'export function run(code: string): unknown {\n  return eval(code);\n}\n\nexport const version = 2;\n',
      });
      git(repo, ['add', 'src/legacy.ts']);
      repo.write({
        'src/legacy.ts':
          'export function run(code: string): unknown {\n  return eval(code);\n}\n\nexport const version = 2;\nexport const extra = eval("1");\n',
      });
      const check = brGuard(repo.root, ['quality', 'check', '--staged']);
      const commit = git(repo, ['commit', '-m', 'bump']);
      assert.is(check.code, 0, check.out);
      assert.is(commit.code, check.code, commit.out);
      // The new eval() in the unstaged edit is judged when it is staged, by both.
      git(repo, ['add', 'src/legacy.ts']);
      const checkNew = brGuard(repo.root, ['quality', 'check', '--staged']);
      const commitNew = git(repo, ['commit', '-m', 'extra']);
      assert.is(checkNew.code, 1, checkNew.out);
      assert.is(commitNew.code, 1, commitNew.out);
      assert.match(commitNew.out, /src\/legacy\.ts:6 security\//);
    } finally {
      repo.cleanup();
    }
  },
);

hooks('one staged snapshot: the hook and drift check --staged judge the spec as staged, and the staged diff is read once', (context) => {
  const repo = setup(context);
  try {
    // src/b.ts is staged; the spec names it only in the work tree, so the commit would not document it.
    repo.write({ 'src/b.ts': 'export const b = 1;\n' });
    git(repo, ['add', 'src/b.ts']);
    repo.write({ 'PROJECT_SPEC.md': SPEC.replace('- src/util.ts\n', '- src/util.ts\n- src/b.ts\n') });
    const check = brGuard(repo.root, ['drift', 'check', '--staged']);
    const commit = git(repo, ['commit', '-m', 'b'], { BR_GUARD_DEBUG: 'git' });
    assert.is(check.code, 1, check.out);
    assert.is(commit.code, check.code, commit.out);
    assert.match(check.out, /undocumented-file \(1\)\n  ✖ src\/b\.ts /);
    assert.match(commit.out, /src\/b\.ts undocumented-file/);
    const ran = commit.out.split('\n').filter((line) => line.startsWith('br-guard: ran git '));
    const count = (pattern: RegExp) => ran.filter((line) => pattern.test(line)).length;
    assert.is(count(/"diff-index" "--cached" "-z" "--raw"/), 1, ran.join('\n'));
    assert.is(count(/"--name-status"/), 0, ran.join('\n'));
    // One listing of the whole index (the snapshot's); the fixer, computing beside drift, reads
    // its files' entries live (ls-files -- paths) as every index writer must.
    assert.is(count(/"ls-files" "-z" "--stage" \(exit/), 1, ran.join('\n'));
    assert.ok(count(/"ls-files" "-z" "--stage" "--"/) <= 1, ran.join('\n'));
    assert.is(count(/"cat-file" "blob"/), 0, ran.join('\n'));
    // Staged, the spec documents the file for both.
    git(repo, ['add', 'PROJECT_SPEC.md']);
    assert.is(brGuard(repo.root, ['drift', 'check', '--staged']).code, 0);
    const passed = git(repo, ['commit', '-m', 'b documented']);
    assert.is(passed.code, 0, passed.out);
  } finally {
    repo.cleanup();
  }
});

hooks('a hook killed mid-run leaves a backup that the next command names and restores', async (context) => {
  const repo = setup(context);
  try {
    repo.write({ 'src/util.ts': 'export const util = {b:1}\n\nexport const x = 1;\n' });
    git(repo, ['add', 'src/util.ts']);
    repo.write({ 'src/util.ts': 'export const util = {b:1}\n\nexport const x = 1;\n// unstaged note\n' });
    const before = snapshot(repo, ['src/util.ts']);
    // Drift is skipped (and says so) to keep this test about the backup, not the other stages.
    const child = spawn('git', ['commit', '-m', 'killed'], {
      cwd: repo.root,
      env: { ...baseEnv(), BR_GUARD_SKIP: 'drift' },
      stdio: 'ignore',
    });
    const marker = join(repo.root, '.git', 'br-guard', 'hook-backup.json');
    const deadline = Date.now() + 20_000;
    let pid = 0;
    // Kill as soon as the backup marker is written (before any change; the checks take a second).
    while (Date.now() < deadline && !pid) {
      if (existsSync(marker)) pid = (JSON.parse(readFileSync(marker, 'utf8')) as { pid: number }).pid;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.ok(pid, 'the hook wrote its backup marker');
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    // Index-native fixes: the work tree never holds a hidden state, so the unstaged edit is in place.
    assert.ok(readFileSync(join(repo.root, 'src/util.ts'), 'utf8').includes('unstaged note'), 'the unstaged edit is in the work tree');
    const doctor = brGuard(repo.root, ['doctor']);
    assert.is(doctor.code, 1);
    const command = /Restore them with:\s+(br-guard hook restore \S+)/.exec(doctor.out)?.[1];
    assert.ok(command, doctor.out);
    const blocked = git(repo, ['commit', '-m', 'again']);
    assert.is(blocked.code, 1);
    assert.match(blocked.out, /commit stopped so the half-fixed files are not committed/);
    const restored = brGuard(repo.root, command!.split(' ').slice(1));
    assert.is(restored.code, 0, restored.out);
    assert.is(snapshot(repo, ['src/util.ts']), before);
    assert.match(brGuard(repo.root, ['doctor']).out, /✓ interrupted-hook/);
  } finally {
    repo.cleanup();
  }
});

hooks('SIGINT during the hook restores the files and fails the commit', async (context) => {
  const repo = setup(context);
  try {
    // Partially staged, the unstaged edit far from the line the fix changes: the fix is staged and
    // merged into the work tree (a conflict would write nothing, and begin no backup).
    const staged = 'export const util = {b:1}\n\nexport const two = 2;\n\nexport const three = 3;\n';
    repo.write({ 'src/util.ts': staged });
    git(repo, ['add', 'src/util.ts']);
    repo.write({ 'src/util.ts': `${staged}// more\n` });
    const before = snapshot(repo, ['src/util.ts']);
    const child = spawn('git', ['commit', '-m', 'interrupted'], {
      cwd: repo.root,
      env: { ...baseEnv(), BR_GUARD_SKIP: 'drift' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    // The backup is written only when the fixes are about to be staged, and dropped a few
    // milliseconds later: the signal is sent the moment its marker appears (inotify, not a poll).
    const markerDir = join(repo.root, '.git', 'br-guard');
    const marker = join(markerDir, 'hook-backup.json');
    mkdirSync(markerDir, { recursive: true });
    let signalled = false;
    const watcher = watch(markerDir, () => {
      if (signalled) return;
      try {
        const { pid } = JSON.parse(readFileSync(marker, 'utf8')) as { pid: number };
        process.kill(pid, 'SIGINT');
        signalled = true;
      } catch {
        // not (yet) the marker
      }
    });
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    watcher.close();
    assert.ok(signalled, `the hook wrote its backup marker: ${err}`);
    assert.is.not(code, 0);
    assert.match(err, /BR_GUARD_SKIP — skipping drift in pre-commit/);
    assert.match(err, /SIGINT: stopped; index and work tree are back as they were/);
    assert.is(snapshot(repo, ['src/util.ts']), before);
    assert.not.ok(existsSync(marker));
  } finally {
    repo.cleanup();
  }
});

hooks('a linked worktree runs the hooks after init there; two worktrees commit at once', async (context) => {
  const repo = setup(context);
  const wt = mkdtempSync(join(tmpdir(), 'br-guard-e2e-wt-'));
  rmSync(wt, { recursive: true });
  try {
    assert.is(git(repo, ['worktree', 'add', '-q', '-b', 'side', wt]).code, 0);
    const init = spawnSync(join(repo.root, 'node_modules', '.bin', 'br-guard'), ['init'], { cwd: wt, env: baseEnv(), encoding: 'utf8' });
    assert.is(init.status, 0, init.stderr);
    writeFileSync(join(wt, 'notes.md'), '# side\n');
    writeFileSync(join(repo.root, 'README.md'), '# main\n');
    git(wt, ['add', 'notes.md']);
    git(repo, ['add', 'README.md']);
    const run = (cwd: string) =>
      new Promise<Run>((resolve) => {
        const child = spawn('git', ['commit', '-m', `from ${cwd}`], { cwd, env: baseEnv() });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('close', (code) => resolve({ code: code ?? 1, out }));
      });
    const [side, main] = await Promise.all([run(wt), run(repo.root)]);
    assert.is(side.code, 0, side.out);
    assert.is(main.code, 0, main.out);
    assert.match(side.out, /✓ pre-commit secrets/);
    assert.match(main.out, /✓ pre-commit secrets/);
    assert.is(git(repo, ['log', '-1', '--format=%s', 'side']).out.trim(), `from ${wt}`);
  } finally {
    git(repo, ['worktree', 'remove', '--force', wt]);
    repo.cleanup();
  }
});

hooks('a --no-verify commit holding a token is refused at push; a hooked commit pushes without being checked again', (context) => {
  const repo = setup(context);
  const bare = mkdtempSync(join(tmpdir(), 'br-guard-e2e-remote-'));
  try {
    git(bare, ['init', '-q', '--bare']);
    git(repo, ['remote', 'add', 'origin', bare]);
    const first = git(repo, ['push', '-q', 'origin', 'main']);
    assert.is(first.code, 0, first.out);
    // A commit made through the hook carries a record of what its pre-commit passed.
    repo.write({ 'src/util.ts': 'export const util = 1;\n' });
    git(repo, ['add', 'src/util.ts']);
    const hooked = git(repo, ['commit', '-m', 'util']);
    assert.is(hooked.code, 0, hooked.out);
    assert.match(
      git(repo, ['notes', '--ref=br-guard', 'show', 'HEAD^{tree}']).out,
      /^br-guard-record v1 base=[0-9a-f]{40} version=\S+ stages=secrets,drift,quality$/m,
    );
    const clean = git(repo, ['push', 'origin', 'main']);
    assert.is(clean.code, 0, clean.out);
    assert.match(clean.out, /all 1 pushed commit\(s\) passed the pre-commit checks when made/);
    assert.match(clean.out, /pre-push secrets: no commit to scan \(1 more carry a pre-commit record/);
    assert.not.match(clean.out, /pre-push quality/);

    const token = 'ghp_' + 'Xk9mQ2vLp8RtW4zN7bJc3HdF6sYgA1eKuT0o';
    repo.write({ 'src/util.ts': `export const util = 1;\nexport const token = '${token}';\n` });
    const leak = git(repo, ['commit', '-q', '--no-verify', '-am', 'leak']);
    assert.is(leak.code, 0, leak.out);
    const leakSha = git(repo, ['rev-parse', 'HEAD']).out.trim();
    const remoteBefore = git(bare, ['rev-parse', 'main']).out;
    const refused = git(repo, ['push', 'origin', 'main']);
    assert.is(refused.code, 1, refused.out);
    assert.match(refused.out, /1 of 1 pushed commit\(s\) have no pre-commit record/);
    assert.match(refused.out, /✗ pre-push secrets: 1 secret in the pushed commits/);
    assert.ok(refused.out.includes(`${leakSha.slice(0, 8)} src/util.ts:2`), refused.out);
    assert.not.ok(refused.out.includes(token), 'the token is never printed');
    assert.is(git(bare, ['rev-parse', 'main']).out, remoteBefore);

    // The same gate in CI: check --range A..B, one JSON document, the commit named, the token not.
    const ci = brGuard(repo.root, ['check', '--range', 'origin/main..HEAD', '--json']);
    assert.is(ci.code, 1, ci.out);
    assert.not.ok(ci.out.includes(token), 'the token is never printed');
    const report = JSON.parse(ci.out.slice(0, ci.out.lastIndexOf('}') + 1)) as {
      outcomes: Array<{ stage: string; status: string; details: string[] }>;
    };
    assert.equal(report.outcomes.find((o) => o.stage === 'secrets')?.status, 'failed');
    assert.match(report.outcomes.find((o) => o.stage === 'secrets')!.details.join('\n'), new RegExp(leakSha.slice(0, 8)));
    const bad = brGuard(repo.root, ['check', '--range', 'nope..HEAD']);
    assert.is(bad.code, 2, bad.out);
    assert.match(bad.out, /--range: nope is not a commit/);

    // A corrupt notes ref is "no record": the push is still refused, and nothing crashes.
    git(repo, ['update-ref', 'refs/notes/br-guard', git(repo, ['hash-object', '-w', 'package.json']).out.trim()]);
    const corrupt = git(repo, ['push', 'origin', 'main']);
    assert.is(corrupt.code, 1, corrupt.out);
    assert.match(corrupt.out, /refs\/notes\/br-guard cannot be read/);
    assert.not.match(corrupt.out, /internal error|\n\s+at /);
    assert.is(git(bare, ['rev-parse', 'main']).out, remoteBefore);
  } finally {
    rmSync(bare, { recursive: true, force: true });
    repo.cleanup();
  }
});

hooks('pre-push blocks drift in the pushed range; a merge refreshes the manifest and names the spec change', (context) => {
  const repo = setup(context);
  const bare = mkdtempSync(join(tmpdir(), 'br-guard-e2e-remote-'));
  try {
    git(bare, ['init', '-q', '--bare']);
    git(repo, ['remote', 'add', 'origin', bare]);
    const first = git(repo, ['push', '-q', 'origin', 'main']);
    assert.is(first.code, 0, first.out);
    // core importing cli breaks the layering; committed without hooks, caught on push.
    repo.write({ 'src/core/a.ts': "import { main } from '../cli/main.js';\n\nexport const a = 1;\nexport const b = main;\n" });
    git(repo, ['commit', '-q', '--no-verify', '-am', 'layer violation']);
    const push = git(repo, ['push', 'origin', 'main']);
    assert.is(push.code, 1, push.out);
    assert.match(push.out, /✗ pre-push drift: .*violation/);
    assert.match(push.out, /layer-violation/);
    assert.match(push.out, /see more: br-guard drift check --range/);

    git(repo, ['checkout', '-q', '-b', 'feature', 'HEAD~1']);
    repo.write({ 'PROJECT_SPEC.md': `${SPEC}\n### Feature: Extra\n\n**Requirements:**\n- Extra thing\n\n**Files:**\n- src/extra.ts\n` });
    git(repo, ['commit', '-q', '--no-verify', '-am', 'spec: extra']);
    git(repo, ['checkout', '-q', 'main']);
    const merge = git(repo, ['merge', '--no-edit', '-q', 'feature']);
    assert.is(merge.code, 0, merge.out);
    assert.match(merge.out, /this merge changed the spec \(PROJECT_SPEC\.md\)/);
    assert.match(merge.out, /✓ post-merge manifest: \.buildrunner\/manifest\.json refreshed/);
    const manifest = JSON.parse(readFileSync(join(repo.root, '.buildrunner', 'manifest.json'), 'utf8')) as {
      items: Array<{ featureId: string }>;
    };
    assert.ok(manifest.items.some((item) => item.featureId === 'extra'));
    assert.match(merge.out, /post-merge gaps: /);
  } finally {
    rmSync(bare, { recursive: true, force: true });
    repo.cleanup();
  }
});

hooks.run();
