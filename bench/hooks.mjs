#!/usr/bin/env node
// Hooks benchmark, on a generated 200-file TypeScript repository:
//   empty:  `git commit --allow-empty` with br-guard's hooks installed (nothing to check) against
//           the same commit without hooks. Budget: at most +100 ms. Anchor: husky + lint-staged
//           with a no-op task (~190 ms in the issue; measured here too).
//   ten:    a commit of 10 staged TypeScript files with every br-guard stage on (secrets, drift,
//           quality with fixes) against husky + lint-staged running `eslint --fix` and
//           `prettier --write`. Budget: 0.8 of the anchor's time or less. Three br-guard variants,
//           each in its own repository, interleaved with the anchor: in-process (BR_GUARD_WORKER=0),
//           cold (the warm worker on, but none running: the commit starts one; it is stopped, untimed,
//           before the next run) and warm (a worker with its tools loaded; waited for, untimed).
//           Budgets: warm ≤ 0.35, cold ≤ 0.8; the worker's RSS ≤ 400 MB. Two more variants in the
//           same run, in repositories without ESLint or Prettier configs: br-guard's defaults with a
//           warm worker (budget ≤ 0.25 of the same anchor) and `init --engines native` (oxlint,
//           oxfmt) with no worker (budget ≤ 500 ms). And the warm commit once more with the hook's
//           modules unbundled (BR_GUARD_HOOK_ENTRY=modules): what the hook bundle saves.
// Uses the built CLI: BR_GUARD_CLI (default dist/src/cli/main.js), wired in the way `br-guard init`
// wires it (node_modules/br-guard/hooks/run-hook.sh). Repositories live under os.tmpdir() and are
// removed afterwards (`--keep` leaves them). `--runs N` changes the number of runs (median is reported).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const repoRoot = new URL('..', import.meta.url).pathname;
const cli = resolve(repoRoot, process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const outRoot = dirname(dirname(dirname(cli)));
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg !== -1 ? Number(process.argv[runsArg + 1]) : 3;
const FILES = 200;
// --keep: leave the repositories (and say where) to profile a variant's commit by hand.
const keep = process.argv.includes('--keep');

const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'b@e',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'b@e',
  GIT_CONFIG_NOSYSTEM: '1',
};
delete env.BR_GUARD;
delete env.BR_GUARD_SKIP;
// Empty, not deleted: Node gives a child its parent's NODE_V8_COVERAGE when the key is missing.
env.NODE_V8_COVERAGE = '';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** node_modules with br-guard (this build) and links to this checkout's dependencies. */
function makeNodeModules(base) {
  const nm = join(base, 'node_modules');
  mkdirSync(join(nm, 'br-guard'), { recursive: true });
  symlinkSync(join(repoRoot, 'hooks'), join(nm, 'br-guard', 'hooks'));
  symlinkSync(outRoot, join(nm, 'br-guard', 'dist'));
  symlinkSync(join(repoRoot, 'package.json'), join(nm, 'br-guard', 'package.json'));
  for (const entry of readdirSync(join(repoRoot, 'node_modules'))) {
    if (entry === 'br-guard' || entry.startsWith('.')) continue;
    symlinkSync(join(repoRoot, 'node_modules', entry), join(nm, entry));
  }
  mkdirSync(join(nm, '.bin'));
  for (const bin of ['husky', 'lint-staged', 'eslint', 'prettier']) {
    symlinkSync(join(repoRoot, 'node_modules', '.bin', bin), join(nm, '.bin', bin));
  }
  return nm;
}

function moduleText(i, variant = '') {
  return `import { helper${(i + 1) % FILES} } from './mod${(i + 1) % FILES}.js';\n\nexport function helper${i}(value: number): number {\n  return value + ${i};\n}\n\nexport const use${i} = () => helper${(i + 1) % FILES}(${i});${variant}\n`;
}

/**
 * `kind`: none | br-guard | lint-staged-noop | lint-staged-fix; `options.lintConfig` false leaves
 * out the project's ESLint and Prettier configs (br-guard's defaults judge), `options.engines`
 * is passed to `br-guard init --engines`.
 */
function makeRepo(base, name, nm, kind, options = {}) {
  const { lintConfig = true, engines } = options;
  const root = join(base, name);
  mkdirSync(join(root, 'src'), { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  symlinkSync(nm, join(root, 'node_modules'));
  const files = {};
  for (let i = 0; i < FILES; i++) files[`src/mod${i}.ts`] = moduleText(i);
  files['package.json'] = JSON.stringify({ name, version: '1.0.0', type: 'module', devDependencies: { 'br-guard': '*' } }, null, 2);
  files['.gitignore'] = 'node_modules\n';
  if (lintConfig) {
    files['eslint.config.js'] =
      "import tseslint from 'typescript-eslint';\nexport default tseslint.config(...tseslint.configs.recommended);\n";
    files['.prettierrc.json'] = '{ "singleQuote": true, "printWidth": 100 }\n';
  }
  files['PROJECT_SPEC.md'] =
    `# PROJECT_SPEC: Bench\n\n## Features\n\n### Feature: Modules\n\n**Requirements:**\n- Helpers\n\n**Files:**\n${Object.keys(files)
      .filter((f) => f.startsWith('src/'))
      .map((f) => `- ${f}`)
      .join('\n')}\n`;
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '-m', 'initial');
  if (kind === 'br-guard') {
    const init = spawnSync(process.execPath, [cli, 'init', ...(engines ? ['--engines', engines] : [])], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`br-guard init failed: ${init.stderr}`);
  } else if (kind.startsWith('lint-staged')) {
    execFileSync(process.execPath, ['-e', "import('husky').then(({ default: h }) => { const m = h(); if (m) throw new Error(m); })"], {
      cwd: root,
      env: { ...env, HUSKY: '' },
    });
    writeFileSync(join(root, '.husky', 'pre-commit'), 'lint-staged\n');
    const tasks = kind === 'lint-staged-noop' ? { '*': 'true' } : { '*.ts': ['eslint --fix', 'prettier --write'] };
    writeFileSync(join(root, '.lintstagedrc.json'), JSON.stringify(tasks));
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '--allow-empty', '-m', 'setup');
  return root;
}

function timedCommit(root, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync('git', ['commit', '-q', ...args], { cwd: root, env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`commit failed in ${root}:\n${result.stdout}${result.stderr}`);
  return elapsed;
}

/**
 * Empty commits in the three repositories, interleaved (plain, guarded, anchor, plain, …) so a
 * change in machine load hits all three alike; `node -e 0` alongside calibrates the machine.
 */
function emptyCommits(roots) {
  const times = roots.map(() => []);
  const node = [];
  roots.forEach((root) => timedCommit(root, ['--allow-empty', '-m', 'warm']));
  for (let i = 0; i < Math.max(runs, 7); i++) {
    roots.forEach((root, r) => times[r].push(timedCommit(root, ['--allow-empty', '-m', `empty ${i}`])));
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    node.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { medians: times.map(median), node: median(node) };
}

const cliJson = (root, args, extraEnv = {}) => {
  const result = spawnSync(process.execPath, [cli, ...args, '--json'], { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return JSON.parse(result.stdout);
};

/** Until the worker of `root` has ESLint and Prettier loaded (untimed; started by a `quality check` when none runs); returns its status. */
function readyWorker(root) {
  for (let tries = 0; tries < 1200; tries++) {
    const status = cliJson(root, ['worker', 'status']);
    // Warm means the worker's second set of tools too, where it loads one (a user's next commit
    // comes after the worker's background warm-up; commits timed during it would time the warm-up).
    const settled = !status.toolThreads || status.toolThreads.settled;
    if (status.running && status.versionKeyMatches && ['eslint', 'prettier'].every((tool) => status.toolsLoaded.includes(tool)) && settled)
      return status;
    if (!status.running) cliJson(root, ['quality', 'check', '--staged', '--only', 'eslint,prettier'], { BR_GUARD_WORKER: '1' });
    spawnSync('sleep', ['0.1']);
  }
  throw new Error(`no ready worker in ${root}`);
}

/** The worker variants: how each prepares its repository before a timed commit, and after it. */
const variants = {
  'in-process': { env: { BR_GUARD_WORKER: '0' }, before: () => {}, after: () => {} },
  'lint-staged': { env: {}, before: () => {}, after: () => {} },
  // Stopped after the commit (which started it): its load would otherwise land on the next run.
  cold: {
    env: { BR_GUARD_WORKER: '1' },
    before: (root) => cliJson(root, ['worker', 'stop']),
    // The commit starts its worker as the hook exits: wait until it is up, then stop it (untimed).
    after: (root) => {
      for (let tries = 0; tries < 50 && !cliJson(root, ['worker', 'status']).running; tries++) spawnSync('sleep', ['0.1']);
      cliJson(root, ['worker', 'stop']);
    },
  },
  warm: { env: { BR_GUARD_WORKER: '1' }, before: (root) => readyWorker(root), after: () => {} },
};
// No lint config in the project: br-guard's defaults (ESLint typescript-eslint recommended and
// Prettier), served by a warm worker.
variants['defaults-warm'] = variants.warm;
// The warm commit with the hook's modules loaded one by one (BR_GUARD_HOOK_ENTRY=modules) instead
// of the hook bundle (scripts/bundle-hook.mjs): what the bundle saves, in the same run.
variants['warm-modules'] = { ...variants.warm, env: { ...variants.warm.env, BR_GUARD_HOOK_ENTRY: 'modules' } };
// quality.engines: native (oxlint, oxfmt), no worker running: what a first commit costs. Should
// the commit start a worker anyway, it is stopped (untimed) so it cannot land on the next run.
variants['native-cold'] = {
  env: { BR_GUARD_WORKER: '1' },
  before: (root) => cliJson(root, ['worker', 'stop']),
  after: (root) => {
    spawnSync('sleep', ['1.6']);
    cliJson(root, ['worker', 'stop']);
  },
};

/**
 * 10 staged TS files per commit, the variants interleaved (each in its own repository); returns
 * medians, the first variant's last output and the warm worker's largest RSS.
 */
function tenFileCommits(entries) {
  const times = entries.map(() => []);
  let lastOutput = '';
  let warmOutput = '';
  let workerRss = 0;
  for (let run = 0; run < runs; run++) {
    entries.forEach(([root, name], r) => {
      for (let i = 0; i < 10; i++) {
        // Unformatted (prettier has work) and new per run (no cache can answer for it).
        writeFileSync(join(root, `src/mod${i}.ts`), moduleText(i, `\nexport const  run${run}_${i} = {a:${run}}`));
      }
      git(root, 'add', 'src');
      const variant = variants[name];
      variant.before(root);
      const start = process.hrtime.bigint();
      const result = spawnSync('git', ['commit', '-m', `ten ${run}`], { cwd: root, env: { ...env, ...variant.env }, encoding: 'utf8' });
      times[r].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (result.status !== 0) throw new Error(`commit failed in ${root}:\n${result.stdout}${result.stderr}`);
      if (r === 0) lastOutput = result.stderr;
      if (name === 'warm') warmOutput = result.stderr;
      variant.after(root);
      if (name === 'warm') workerRss = Math.max(workerRss, cliJson(root, ['worker', 'status']).rssBytes ?? 0);
    });
  }
  return { medians: times.map(median), lastOutput, warmOutput, workerRss };
}

const base = mkdtempSync(join(tmpdir(), 'br-guard-bench-hooks-'));
try {
  const nm = makeNodeModules(base);
  const plain = makeRepo(base, 'plain', nm, 'none');
  const guarded = makeRepo(base, 'guarded', nm, 'br-guard');
  const noop = makeRepo(base, 'noop', nm, 'lint-staged-noop');
  const fixers = makeRepo(base, 'fixers', nm, 'lint-staged-fix');
  const cold = makeRepo(base, 'cold', nm, 'br-guard');
  const warm = makeRepo(base, 'warm', nm, 'br-guard');
  const defaultsWarm = makeRepo(base, 'defaults-warm', nm, 'br-guard', { lintConfig: false });
  const nativeCold = makeRepo(base, 'native-cold', nm, 'br-guard', { lintConfig: false, engines: 'native' });
  const warmModules = makeRepo(base, 'warm-modules', nm, 'br-guard');

  const empty = emptyCommits([plain, guarded, noop]);
  const [none, withHooks, anchorNoop] = empty.medians;
  const overhead = withHooks - none;
  console.log(`empty commit, ${FILES}-file TS repo (median of ${Math.max(runs, 7)}, interleaved):`);
  console.log(`  calibration: node -e 0        ${ms(empty.node)}`);
  console.log(`  without hooks                 ${ms(none)}`);
  console.log(
    `  br-guard hooks                ${ms(withHooks)}  (+${ms(overhead)}; budget +100 ms: ${overhead <= 100 ? 'met' : 'MISSED'})`,
  );
  console.log(`  husky + lint-staged (no-op)   ${ms(anchorNoop)}  (+${ms(anchorNoop - none)}; the issue's anchor: ~190 ms)`);
  console.log(`  ratio br-guard overhead / husky+lint-staged overhead: ${(overhead / (anchorNoop - none)).toFixed(2)}`);

  const ten = tenFileCommits([
    [guarded, 'in-process'],
    [fixers, 'lint-staged'],
    [cold, 'cold'],
    [warm, 'warm'],
    [defaultsWarm, 'defaults-warm'],
    [nativeCold, 'native-cold'],
    [warmModules, 'warm-modules'],
  ]);
  const [ours, anchor, coldMs, warmMs, defaultsMs, nativeMs, warmModulesMs] = ten.medians;
  const verdict = (value, budget) => `${value.toFixed(2)} (budget ${budget.toFixed(2)}: ${value <= budget ? 'met' : 'MISSED'})`;
  console.log(`commit of 10 staged TS files, ESLint + Prettier configured (median of ${runs}, interleaved):`);
  console.log(
    `  br-guard in-process, BR_GUARD_WORKER=0 (secrets, drift, quality with fixes)  ${ms(ours)}  ratio ${verdict(ours / anchor, 0.8)}`,
  );
  console.log(
    `  br-guard, first commit without a worker (it starts one)                  ${ms(coldMs)}  ratio ${verdict(coldMs / anchor, 0.8)}`,
  );
  console.log(
    `  br-guard, warm worker                                                    ${ms(warmMs)}  ratio ${verdict(warmMs / anchor, 0.35)}`,
  );
  console.log(
    `  br-guard, warm worker, hook modules unbundled (BR_GUARD_HOOK_ENTRY=modules)  ${ms(warmModulesMs)}  ratio ${(warmModulesMs / anchor).toFixed(2)}; the bundle saves ${ms(warmModulesMs - warmMs)}`,
  );
  console.log(`  husky + lint-staged (eslint --fix, prettier --write)                     ${ms(anchor)}`);
  console.log('commit of the same 10 files, the project configuring no linter or formatter (same run):');
  console.log(
    `  br-guard defaults (ESLint + Prettier), warm worker                       ${ms(defaultsMs)}  ratio ${verdict(defaultsMs / anchor, 0.25)}`,
  );
  console.log(
    `  br-guard quality.engines: native (oxlint, oxfmt), no worker              ${ms(nativeMs)}  (budget 500 ms: ${nativeMs <= 500 ? 'met' : 'MISSED'}; ratio ${(nativeMs / anchor).toFixed(2)})`,
  );
  const rssMb = ten.workerRss / 1024 / 1024;
  console.log(`  warm worker RSS ${rssMb.toFixed(0)} MB (budget 400 MB: ${rssMb <= 400 ? 'met' : 'MISSED'})`);
  variants.cold.after(warm);
  console.log("  br-guard's last pre-commit output (stage times):");
  for (const line of ten.lastOutput.trim().split('\n')) console.log(`    ${line}`);
  console.log('  with the warm worker:');
  for (const line of ten.warmOutput.trim().split('\n')) console.log(`    ${line}`);
} finally {
  // No worker outlives the benchmark (each stops when its repository goes too, but not at once).
  for (const name of ['cold', 'warm', 'defaults-warm', 'native-cold', 'warm-modules']) {
    const root = join(base, name);
    if (existsSync(root)) spawnSync(process.execPath, [cli, 'worker', 'stop'], { cwd: root, env, stdio: 'ignore' });
  }
  if (keep) console.log(`repositories kept in ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
