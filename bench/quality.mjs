#!/usr/bin/env node
// Benchmark of `br-guard quality check`:
//  1. A generated 200-file TypeScript repository with 10 staged files:
//     `quality check --staged --fix --only eslint,prettier,secrets,complexity` against the anchor,
//     husky + lint-staged running `eslint --fix` and `prettier --write` on the same files
//     (node_modules/.bin/lint-staged run directly, which is what the husky hook does).
//     Target: ratio ≤ 0.8 while doing more (secrets and complexity too).
//  2. Engines: the same generated repository without any lint or format config of its own, the
//     same 10 staged files, `quality check --staged --fix --only eslint,prettier,secrets,complexity`
//     with `quality.engines: default` (ESLint, Prettier) against `native` (oxlint, oxfmt), runs
//     interleaved; prints both medians and the ratio (issue 13's target: native ≤ 0.5 s, cold).
//  3. `quality check --all` on br-guard's own repository. Target: < 10 s.
//  3b. The same, cold, against prettier --check . + eslint . + tsc --noEmit by hand, interleaved
//     (issue 13: ratio ≤ 0.6; warm ≤ 1 s).
// Usage: node bench/quality.mjs [--runs N] [--files N] [--no-all] [--engines-only] [--all-only]   (CLI from BR_GUARD_CLI, default dist/src/cli/main.js)
// --no-all skips part 3; --engines-only runs part 2 alone. Part 2 deletes .buildrunner/cache/quality of the br-guard checkout for its cold run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = resolve(repoRoot, process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const runs = option('--runs', 3);
const fileCount = option('--files', 200);
const stagedCount = 10;

const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function moduleSource(i, variant) {
  const next = (i + 1) % fileCount;
  const lines = [
    `import { helper${next} } from './module-${next}.js';`,
    '',
    `export interface Item${i} {`,
    '  id: number;',
    '  name: string;',
    '  tags: string[];',
    '}',
    '',
    `export function helper${i}(value: number): number {`,
    '  if (value > 10) {',
    '    return value * 2;',
    '  }',
    '  return value + 1;',
    '}',
    '',
    `export function describe${i}(item: Item${i}): string {`,
    '  const parts = item.tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0);',
    '  return `${item.id}:${item.name}:${parts.join(",")}`;',
    '}',
    '',
    `export function total${i}(items: Item${i}[]): number {`,
    '  let sum = 0;',
    '  for (const item of items) {',
    `    sum += helper${next}(item.id);`,
    '  }',
    '  return sum;',
    '}',
  ];
  if (variant) {
    // What a developer stages: unformatted code, a lint problem ESLint can fix (prefer-const).
    lines.push(
      '',
      `export function changed${i}( a:number,b :number ) { let unchanged = a+b ; return unchanged*2 }`,
      `export const config${i} = {retries:3,timeout:1000,  verbose:false}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function git(cwd, ...gitArgs) {
  return execFileSync('git', gitArgs, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The generated repository. `engines` set: no ESLint or Prettier config of the project's own (so
 * br-guard's defaults apply) and a `.br-guardrc.yaml` choosing them.
 */
function createRepo(engines) {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-bench-quality-'));
  git(root, 'init', '-q', '-b', 'main');
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, '.gitignore'), 'node_modules\n.buildrunner/cache/\n');
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'bench-app', version: '1.0.0', type: 'module', private: true }, null, 2) + '\n',
  );
  if (engines) writeFileSync(join(root, '.br-guardrc.yaml'), `quality:\n  engines: ${engines}\n`);
  else {
    writeFileSync(
      join(root, 'eslint.config.mjs'),
      "import tseslint from 'typescript-eslint';\n\nexport default [{ ignores: ['node_modules/**'] }, ...tseslint.configs.recommended];\n",
    );
    writeFileSync(join(root, '.prettierrc.json'), '{ "singleQuote": true, "printWidth": 100 }\n');
  }
  writeFileSync(join(root, '.lintstagedrc.json'), JSON.stringify({ '*.ts': ['eslint --fix', 'prettier --write'] }, null, 2) + '\n');
  writeFileSync(
    join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022', noEmit: true }, include: ['src'] }) + '\n',
  );
  mkdirSync(join(root, 'src'));
  for (let i = 0; i < fileCount; i++) writeFileSync(join(root, 'src', `module-${i}.ts`), moduleSource(i, false));
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '-m', 'base');
  return root;
}

/** Resets the work tree to the base commit (a temporary repository of our own), then stages 10 changed files. */
function stageChanges(root) {
  git(root, 'reset', '-q', '--hard', 'HEAD');
  rmSync(join(root, '.buildrunner'), { recursive: true, force: true });
  for (let i = 0; i < stagedCount; i++) {
    const n = Math.floor((i * fileCount) / stagedCount);
    writeFileSync(join(root, 'src', `module-${n}.ts`), moduleSource(n, true));
  }
  git(root, 'add', 'src');
}

// CPU time (user + system, children included) via GNU time when present: on a shared, loaded
// machine it is steadier than wall time.
const gnuTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

function timeRun(root, bin, binArgs) {
  const started = process.hrtime.bigint();
  const [command, commandArgs] = gnuTime ? ['/usr/bin/time', ['-f', 'CPU %U %S', bin, ...binArgs]] : [bin, binArgs];
  const result = spawnSync(command, commandArgs, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  return {
    ms,
    cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null,
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function benchStaged() {
  const root = createRepo();
  try {
    const ours = [];
    const anchor = [];
    const oursCpu = [];
    const anchorCpu = [];
    let lastOurs;
    for (let run = 0; run < runs; run++) {
      stageChanges(root);
      lastOurs = timeRun(root, process.execPath, [
        cli,
        'quality',
        'check',
        '--staged',
        '--fix',
        '--only',
        'eslint,prettier,secrets,complexity',
        '--json',
      ]);
      if (lastOurs.code === 2 || lastOurs.code === null || lastOurs.code > 3) throw new Error(`br-guard failed: ${lastOurs.stderr}`);
      ours.push(lastOurs.ms);
      if (lastOurs.cpuMs !== null) oursCpu.push(lastOurs.cpuMs);
      const staged = git(root, 'show', `:src/module-0.ts`);
      if (!staged.includes('const unchanged = a + b;')) throw new Error('br-guard did not fix the staged file');

      stageChanges(root);
      const lint = timeRun(root, join(root, 'node_modules', '.bin', 'lint-staged'), ['--quiet']);
      if (lint.code !== 0 && lint.code !== 1) throw new Error(`lint-staged failed: ${lint.stderr}`);
      anchor.push(lint.ms);
      if (lint.cpuMs !== null) anchorCpu.push(lint.cpuMs);
    }
    const result = JSON.parse(lastOurs.stdout);
    return {
      ours: median(ours),
      anchor: median(anchor),
      oursAll: ours,
      anchorAll: anchor,
      cpu: oursCpu.length ? { ours: median(oursCpu), anchor: median(anchorCpu) } : null,
      checks: result.checks,
      fixed: result.fixed.length,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const stagedCheck = ['quality', 'check', '--staged', '--fix', '--only', 'eslint,prettier,secrets,complexity', '--json'];

/** Part 2: default engines against native engines on the same edits, interleaved. */
function benchEngines() {
  const roots = { default: createRepo('default'), native: createRepo('native') };
  const times = { default: [], native: [] };
  let checks = {};
  try {
    for (let run = 0; run < runs; run++) {
      for (const engines of ['default', 'native']) {
        const root = roots[engines];
        stageChanges(root);
        const result = timeRun(root, process.execPath, [cli, ...stagedCheck]);
        if (result.code === 2 || result.code === null || result.code > 3) throw new Error(`br-guard (${engines}) failed: ${result.stderr}`);
        // Both engines format the staged edit; the fix must have reached the index.
        if (!git(root, 'show', ':src/module-0.ts').includes('= a + b;'))
          throw new Error(`br-guard (${engines}) did not fix the staged file`);
        times[engines].push(result.ms);
        checks[engines] = JSON.parse(result.stdout).checks;
      }
    }
  } finally {
    for (const root of Object.values(roots)) rmSync(root, { recursive: true, force: true });
  }
  return { default: median(times.default), native: median(times.native), all: times, checks };
}

function benchAll() {
  // Cold: no result cache and no tsc build info; warm: the second run.
  rmSync(join(repoRoot, '.buildrunner', 'cache', 'quality'), { recursive: true, force: true });
  const cold = timeRun(repoRoot, process.execPath, [cli, 'quality', 'check', '--all', '--json']);
  const warm = timeRun(repoRoot, process.execPath, [cli, 'quality', 'check', '--all', '--json']);
  // One source file changed since the last run: per-file caches hit for the rest, tsc re-checks incrementally.
  rmSync(join(repoRoot, '.buildrunner', 'cache', 'quality', 'results-tsc.json'), { force: true });
  const changed = timeRun(repoRoot, process.execPath, [cli, 'quality', 'check', '--all', '--json']);
  const parsed = JSON.parse(warm.stdout);
  return {
    cold: cold.ms,
    warm: warm.ms,
    changed: changed.ms,
    cpu: [cold.cpuMs, warm.cpuMs, changed.cpuMs],
    files: parsed.filesChecked,
    lines: parsed.linesChecked,
    checks: parsed.checks,
  };
}

/**
 * Part 3b, issue 13's measure: `quality check --all` on br-guard itself, cold (no result cache, no
 * build info of its own), against its tools run by hand in one process each, `prettier --check .`,
 * `eslint .` and `tsc --noEmit` (incremental off, so cold too), interleaved; then the warm run.
 */
function benchAllByHand() {
  const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
  const byHand = [
    [bin('prettier'), ['--check', '.']],
    [bin('eslint'), ['.']],
    [bin('tsc'), ['-p', 'tsconfig.json', '--noEmit', '--incremental', 'false']],
  ];
  const ours = [];
  const anchor = [];
  const warm = [];
  for (let run = 0; run < runs; run++) {
    rmSync(join(repoRoot, '.buildrunner', 'cache', 'quality'), { recursive: true, force: true });
    const cold = timeRun(repoRoot, process.execPath, [cli, 'quality', 'check', '--all', '--json']);
    if (cold.code === 2 || cold.code === null) throw new Error(`br-guard quality check --all failed: ${cold.stderr}`);
    ours.push(cold.ms);
    warm.push(timeRun(repoRoot, process.execPath, [cli, 'quality', 'check', '--all', '--json']).ms);
    let total = 0;
    for (const [command, commandArgs] of byHand) {
      const result = timeRun(repoRoot, command, commandArgs);
      if (result.code === null || result.code > 1) throw new Error(`${command} failed: ${result.stderr}`);
      total += result.ms;
    }
    anchor.push(total);
  }
  return { ours: median(ours), anchor: median(anchor), warm: median(warm), all: { ours, anchor, warm } };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const checkList = (checks) => checks.map((c) => `${c.name} ${c.status} ${c.durationMs} ms`).join(', ');
console.log(`quality bench: ${fileCount}-file TypeScript repo, ${stagedCount} staged files, ${runs} runs (median); CLI ${cli}`);
if (args.includes('--all-only')) {
  printAllByHand(benchAllByHand());
  process.exit(0);
}
if (args.includes('--engines-only')) {
  printEngines(benchEngines());
  process.exit(0);
}
const staged = benchStaged();
console.log(
  `  br-guard quality check --staged --fix (eslint, prettier, secrets, complexity): ${fmt(staged.ours)}  [${staged.oursAll.map(fmt).join(', ')}], fixed ${staged.fixed} files`,
);
console.log(
  `  anchor: lint-staged (eslint --fix, prettier --write):                          ${fmt(staged.anchor)}  [${staged.anchorAll.map(fmt).join(', ')}]`,
);
console.log(`  ratio: ${(staged.ours / staged.anchor).toFixed(2)} (target ≤ 0.80)`);
if (staged.cpu)
  console.log(
    `  CPU time (user+sys): ours ${fmt(staged.cpu.ours)}, anchor ${fmt(staged.cpu.anchor)}, ratio ${(staged.cpu.ours / staged.cpu.anchor).toFixed(2)}`,
  );
console.log(`  checks: ${staged.checks.map((c) => `${c.name} ${c.status} ${c.durationMs} ms`).join(', ')}`);
printEngines(benchEngines());
if (args.includes('--no-all')) process.exit(0);
printAllByHand(benchAllByHand());
const all = benchAll();
console.log(
  `quality check --all on br-guard itself (${all.files} files, ${all.lines} lines): cold ${fmt(all.cold)}, warm ${fmt(all.warm)}, tsc memo dropped ${fmt(all.changed)} (target < 10 s)`,
);
if (all.cpu[0] !== null) console.log(`  CPU time: cold ${fmt(all.cpu[0])}, warm ${fmt(all.cpu[1])}, tsc memo dropped ${fmt(all.cpu[2])}`);
console.log(`  warm checks: ${all.checks.map((c) => `${c.name} ${c.status} ${c.durationMs} ms`).join(', ')}`);

function printAllByHand(r) {
  console.log('quality check --all on br-guard itself, cold, against prettier --check . + eslint . + tsc --noEmit by hand (interleaved):');
  console.log(`  br-guard cold: ${fmt(r.ours)}  [${r.all.ours.map(fmt).join(', ')}]`);
  console.log(`  by hand:       ${fmt(r.anchor)}  [${r.all.anchor.map(fmt).join(', ')}]`);
  console.log(`  ratio: ${(r.ours / r.anchor).toFixed(2)} (target ≤ 0.60)`);
  console.log(`  br-guard warm: ${fmt(r.warm)}  [${r.all.warm.map(fmt).join(', ')}] (target ≤ 1 s)`);
}

function printEngines(engines) {
  console.log('engines (no lint or format config in the project; --staged --fix, eslint/prettier slots, secrets, complexity):');
  console.log(`  quality.engines default (ESLint, Prettier): ${fmt(engines.default)}  [${engines.all.default.map(fmt).join(', ')}]`);
  console.log(`  quality.engines native (oxlint, oxfmt):     ${fmt(engines.native)}  [${engines.all.native.map(fmt).join(', ')}]`);
  console.log(
    `  ratio native/default: ${(engines.native / engines.default).toFixed(2)}; native ${engines.native <= 500 ? 'meets' : 'misses'} the 0.5 s target`,
  );
  console.log(`  checks default: ${checkList(engines.checks.default)}`);
  console.log(`  checks native:  ${checkList(engines.checks.native)}`);
}
