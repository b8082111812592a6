#!/usr/bin/env node
// Build orchestrator benchmark.
//   plan:       planning (graph checks, batches, critical path) for 10,000 tasks, against the
//               seed's budget of 2 s for task decomposition.
//   chain:      a 100,000-feature dependency chain listed dependents-first (the shape that used
//               to overflow the recursive cycle finder): parse and plan in process, against a
//               textbook Map-based Kahn sort of the same graph run interleaved (the anchor), and
//               `br-guard build plan --json` end to end against `br-guard --version` and the 2 s budget.
//   checkpoint: `br-guard build checkpoint` on generated repositories of 1,000 files (and 60,000
//               with --large), against `git stash create` on the same dirty repository.
//   rollback:   `br-guard rollback` (which first saves a safety checkpoint) on the same repository.
// Uses the built CLI: BR_GUARD_CLI (default dist/src/cli/main.js); planning imports the build
// module next to it. Generated repositories live under os.tmpdir() and are removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repoRoot = new URL('..', import.meta.url).pathname;
const cli = resolve(repoRoot, process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const srcRoot = dirname(dirname(cli));
const large = process.argv.includes('--large');
const sizes = large ? [1000, 60000] : [1000];
const runs = 3;

const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(1)} ms`;

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function brGuard(cwd, ...args) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`br-guard ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

async function benchPlan() {
  const { planBuild } = await import(pathToFileURL(join(srcRoot, 'build/plan-build.js')).href);
  const { defaultConfig } = await import(pathToFileURL(join(srcRoot, 'config/defaults.js')).href);
  const count = 10000;
  // A layered random DAG: each task depends on up to 3 tasks of earlier layers.
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const features = [];
  for (let i = 0; i < count; i++) {
    const deps = new Set();
    for (let k = 0; k < 3 && i > 0; k++) deps.add(`task-${Math.floor(random() * i)}`);
    features.push({
      id: `task-${i}`,
      name: `Task ${i}`,
      complexity: ['simple', 'medium', 'complex'][i % 3],
      description: '',
      requirements: [],
      files: [],
      fileLines: [],
      acceptanceCriteria: [],
      dependsOn: [...deps],
      dependencyTexts: [...deps].map((d) => ({ text: d, line: 1, resolved: d })),
      gate: null,
      line: i + 1,
    });
  }
  const spec = {
    file: 'PROJECT_SPEC.md',
    title: 'bench',
    overview: '',
    features,
    techStack: { dependencies: [], tools: [] },
    performanceRequirements: [],
    fileStructure: [],
    warnings: [],
  };
  const config = defaultConfig();
  const times = [];
  let plan;
  for (let i = 0; i < runs; i++) times.push(time(() => (plan = planBuild(spec, config))));
  const t = median(times);
  console.log(
    `plan: ${count} tasks, ${plan.batches.length} batches, critical path ${plan.criticalPath.length} tasks: ${ms(t)} (budget 2000 ms: ${(t / 2000).toFixed(4)}x)`,
  );
}

/** The spec of a chain of `count` features, each depending on the one before, listed last first. */
function chainSpec(count) {
  const parts = ['# PROJECT_SPEC: Chain\n\n## Features\n'];
  for (let i = count - 1; i >= 0; i--) {
    parts.push(
      `### Feature: Step ${i}\n\n**Requirements:**\n- Do step ${i}\n${i > 0 ? `\n**Dependencies:**\n- Requires Step ${i - 1}\n` : ''}`,
    );
  }
  return parts.join('\n');
}

/** The anchor: Kahn's algorithm as a textbook writes it, with string-keyed maps. */
function naiveKahn(features) {
  const remaining = new Map(features.map((f) => [f.id, f.dependsOn.length]));
  const users = new Map(features.map((f) => [f.id, []]));
  for (const f of features) for (const dep of f.dependsOn) users.get(dep).push(f.id);
  const queue = features.filter((f) => f.dependsOn.length === 0).map((f) => f.id);
  for (let head = 0; head < queue.length; head++) {
    for (const user of users.get(queue[head])) {
      remaining.set(user, remaining.get(user) - 1);
      if (remaining.get(user) === 0) queue.push(user);
    }
  }
  return queue;
}

async function benchChain() {
  const { parseSpec } = await import(pathToFileURL(join(srcRoot, 'spec/parse-spec.js')).href);
  const { planBuild } = await import(pathToFileURL(join(srcRoot, 'build/plan-build.js')).href);
  const { defaultConfig } = await import(pathToFileURL(join(srcRoot, 'config/defaults.js')).href);
  const count = 100_000;
  const text = chainSpec(count);
  const config = defaultConfig();
  const parse = [];
  const plan = [];
  const anchor = [];
  let spec;
  let result;
  for (let i = 0; i < runs; i++) {
    parse.push(time(() => (spec = parseSpec(text, 'PROJECT_SPEC.md'))));
    anchor.push(time(() => naiveKahn(spec.features)));
    plan.push(time(() => (result = planBuild(spec, config))));
  }
  if (result.batches.length !== count || result.criticalPath.length !== count) throw new Error('chain: wrong plan');
  const [p, q, a] = [median(parse), median(plan), median(anchor)];
  console.log(`chain: ${count} features (${(text.length / 1e6).toFixed(1)} MB of spec), dependents first`);
  console.log(`  naive Kahn sort (anchor):   ${ms(a)}`);
  console.log(`  planBuild:                  ${ms(q)}  ratio ${(q / a).toFixed(2)}x`);
  console.log(`  parseSpec:                  ${ms(p)}  ratio ${(p / a).toFixed(2)}x`);
  const root = mkdtempSync(join(tmpdir(), 'br-guard-bench-chain-'));
  try {
    git(root, 'init', '-q', '-b', 'main');
    writeFileSync(join(root, 'PROJECT_SPEC.md'), text);
    const start = [];
    const cli = [];
    for (let i = 0; i < runs; i++) {
      start.push(time(() => brGuard(root, '--version')));
      cli.push(time(() => brGuard(root, 'build', 'plan', '--json')));
    }
    const [s, c] = [median(start), median(cli)];
    console.log(`  br-guard --version (anchor): ${ms(s)}`);
    console.log(
      `  br-guard build plan --json: ${ms(c)}  ratio ${(c / s).toFixed(2)}x  budget 2000 ms: ${(c / 2000).toFixed(2)}x (${c < 2000 ? 'met' : 'MISSED'})`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function generateRepo(files) {
  const root = mkdtempSync(join(tmpdir(), `br-guard-bench-${files}-`));
  git(root, 'init', '-q', '-b', 'main');
  for (let i = 0; i < files; i++) {
    const dir = join(root, 'src', `d${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${i}.ts`), `export const value${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`);
  }
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'generated');
  return root;
}

/** Some staged, some unstaged, some deleted, some untracked: what a checkpoint mid-build sees. */
function dirty(root, files, round) {
  for (let i = 0; i < 50; i++) {
    const n = (i * 37 + round * 11) % files;
    writeFileSync(join(root, 'src', `d${Math.floor(n / 500)}`, `f${n}.ts`), `export const changed${n} = ${round};\n`);
  }
  git(root, 'add', 'src/d0');
  for (let i = 0; i < 20; i++) writeFileSync(join(root, `untracked-${round}-${i}.txt`), `new ${i}\n`);
  const gone = join(root, 'src', 'd1', `f${500 + round}.ts`);
  try {
    unlinkSync(gone);
  } catch {
    // Already removed in an earlier round.
  }
}

function benchRepo(files) {
  const started = Date.now();
  const root = generateRepo(files);
  console.log(`repository: ${files} files generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    dirty(root, files, 0);
    const stash = [];
    const save = [];
    const back = [];
    for (let i = 0; i < runs; i++) stash.push(time(() => git(root, 'stash', 'create')));
    for (let i = 0; i < runs; i++) {
      dirty(root, files, i + 1);
      save.push(time(() => brGuard(root, 'build', 'checkpoint', `bench-${i}`)));
    }
    for (let i = 0; i < runs; i++) {
      dirty(root, files, i + 10);
      back.push(time(() => brGuard(root, 'rollback', `bench-${i}`)));
    }
    const nodeStart = median(Array.from({ length: runs }, () => time(() => brGuard(root, '--version'))));
    const [s, c, r] = [median(stash), median(save), median(back)];
    console.log(`  git stash create (anchor):  ${ms(s)}`);
    console.log(
      `  checkpoint save (CLI):      ${ms(c)}  ratio ${(c / s).toFixed(2)}x  (of which CLI start ${ms(nodeStart)})  target < 1000 ms: ${c < 1000 ? 'met' : 'MISSED'}`,
    );
    console.log(`  rollback (CLI, incl. safety checkpoint): ${ms(r)}  ratio ${(r / s).toFixed(2)}x`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// `node bench/build.mjs chain` (or plan, checkpoint) runs one part.
const only = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!only || only === 'plan') await benchPlan();
if (!only || only === 'chain') await benchChain();
if (!only || only === 'checkpoint') for (const size of sizes) benchRepo(size);
if (!large && (!only || only === 'checkpoint')) console.log('(run with --large for the 60,000-file repository)');
