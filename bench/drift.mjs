#!/usr/bin/env node
// Benchmark: `br-guard drift check --staged` on a generated 3,000-file layered TypeScript repo
// with 20 changed files, warm (import cache filled). Target: < 500 ms.
// Anchor: dependency-cruiser checking the equivalent layer rule on the same repo (installed
// into a temporary folder at bench time, never into br-guard's package.json).
//   node bench/drift.mjs [--files N] [--changed N] [--runs N] [--no-anchor]
// Env: BR_GUARD_CLI (default dist/src/cli/main.js), DEPCRUISE_BIN (reuse an installed depcruise),
// BR_GUARD_CLI_BASE (another build, e.g. the one before a change: `--all` cold runs interleaved
// with it, ratio printed). Target (issue 13): `drift check --all` cold <= 1 s on 3,000 files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const FILES = flag('files', 3000);
const CHANGED = flag('changed', 20);
const RUNS = flag('runs', 7);
const anchor = !args.includes('--no-anchor');
const cli = resolve(process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const baseCli = process.env.BR_GUARD_CLI_BASE ? resolve(process.env.BR_GUARD_CLI_BASE) : null;

const layers = [
  { name: 'cli', dir: 'src/cli', share: 0.1 },
  { name: 'core', dir: 'src/core', share: 0.4 },
  { name: 'domain', dir: 'src/domain', share: 0.5 },
];
const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@x',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@x',
};
const git = (cwd, ...a) => execFileSync('git', a, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** A deterministic pseudo-random sequence, so every run generates the same repository. */
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

function generate(root) {
  const files = [];
  for (const [index, layer] of layers.entries()) {
    const count = Math.round(FILES * layer.share);
    for (let i = 0; i < count; i++) files.push({ path: `${layer.dir}/m${Math.floor(i / 50)}/f${i}.ts`, layer: index });
  }
  const byLayerBelow = (index) => files.filter((f) => f.layer >= index);
  const pools = layers.map((_, i) => byLayerBelow(i));
  for (const [n, file] of files.entries()) {
    const pool = pools[file.layer];
    const imports = new Set();
    // Only downward (or same-layer, to lower-numbered files) imports: the tree starts clean and acyclic.
    for (let k = 0; k < 4; k++) {
      const target = pool[Math.floor(random() * pool.length)];
      const targetIndex = files.indexOf(target);
      if (target !== file && (target.layer > file.layer || targetIndex < n)) imports.add(target.path);
    }
    const lines = [...imports].map((target, i) => `import { v as v${i} } from '${relativeImport(file.path, target)}';`);
    lines.push(
      `// generated module ${n}`,
      `export const v = ${n};`,
      `export function f${n}(x: number): number {`,
      '  return x + v;',
      '}',
      '',
    );
    mkdirSync(join(root, dirname(file.path)), { recursive: true });
    writeFileSync(join(root, file.path), lines.join('\n'));
  }
  writeFileSync(
    join(root, 'PROJECT_SPEC.md'),
    '# PROJECT_SPEC: Bench\n\n## Features\n\n### Feature: Everything\n\n**Requirements:**\n- Do it\n\n**Files:**\n- src/cli/m0/f0.ts\n',
  );
  writeFileSync(
    join(root, '.br-guardrc.yaml'),
    `architecture:\n  layers:\n${layers.map((l) => `    - { name: ${l.name}, paths: ["${l.dir}/**"] }`).join('\n')}\n  undocumentedAllowed: ["bench-new/**"]\n`,
  );
  writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": { "module": "NodeNext", "strict": true } }\n');
  return files;
}

function relativeImport(from, to) {
  const a = dirname(from).split('/');
  const b = to.replace(/\.ts$/, '').split('/');
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  const up = a.length - common;
  const rest = b.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

function time(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

function brGuard(root, ...a) {
  return brGuardWith(cli, root, ...a);
}

function brGuardWith(using, root, ...a) {
  const run = spawnSync(process.execPath, [using, 'drift', 'check', ...a, '--json'], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`br-guard exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const root = mkdtempSync(join(tmpdir(), 'br-guard-bench-drift-'));
let dcDir = null;
try {
  console.log(`generating ${FILES} TypeScript files in 3 layers…`);
  const files = generate(root);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-verify', '-m', 'generated');

  // Change CHANGED files: each gains one downward import, and one of them an upward one (a violation to find).
  const changed = files.filter((f) => f.layer === 1).slice(0, CHANGED);
  const domain = files.find((f) => f.layer === 2);
  const cliFile = files.find((f) => f.layer === 0);
  for (const [i, file] of changed.entries()) {
    const full = join(root, file.path);
    const target = i === 0 ? cliFile : domain;
    writeFileSync(full, `import { v as changed${i} } from '${relativeImport(file.path, target.path)}';\n${readFileSync(full, 'utf8')}`);
  }
  git(root, 'add', '-A');

  const cold = time(() => brGuard(root, '--staged'));
  const warm = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const run = time(() => brGuard(root, '--staged'));
    warm.push(run.ms);
    last = run.result;
  }
  // Fixed costs, for reading the figures on a busy machine: node + CLI start, and config + spec loading.
  const startup = median([0, 1, 2].map(() => time(() => spawnSync(process.execPath, [cli, '--version'], { cwd: root, env })).ms));
  // The drift core alone, in-process (no node start, no command loading), warm.
  const built = join(dirname(cli), '..');
  const [{ Git }, { loadConfig }, { loadSpec }, { runDriftCheck }] = await Promise.all([
    import(pathToFileURL(join(built, 'adapters', 'git.js')).href),
    import(pathToFileURL(join(built, 'config', 'load-config.js')).href),
    import(pathToFileURL(join(built, 'spec', 'load-spec.js')).href),
    import(pathToFileURL(join(built, 'drift', 'run-drift-check.js')).href),
  ]);
  const repo = await Git.open(root);
  const loaded = await loadConfig(repo.root);
  const spec = await loadSpec({ root: repo.root, cwd: repo.root, override: undefined, configured: null });
  const core = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await runDriftCheck({ git: repo, loaded, spec }, { scope: { kind: 'staged' } });
    core.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const found = last.violations.filter((v) => v.rule === 'layer-violation').length;
  const all = [];
  for (let i = 0; i < 3; i++) all.push(time(() => brGuard(root, '--all')).ms);
  // --all cold: no import cache (interleaved with the base build when one is given).
  const coldAll = [];
  const baseColdAll = [];
  const dropCache = () => rmSync(join(root, '.buildrunner', 'cache', 'drift'), { recursive: true, force: true });
  let sameAsBase = true;
  for (let i = 0; i < 3; i++) {
    if (baseCli) {
      dropCache();
      const base = time(() => brGuardWith(baseCli, root, '--all'));
      baseColdAll.push(base.ms);
      dropCache();
      const current = time(() => brGuard(root, '--all'));
      coldAll.push(current.ms);
      const key = (r) => JSON.stringify([r.violations, r.changes]);
      if (key(base.result) !== key(current.result)) sameAsBase = false;
    } else {
      dropCache();
      coldAll.push(time(() => brGuard(root, '--all')).ms);
    }
  }

  console.log(
    `machine: ${cpus().length} CPU(s), load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (figures are wall-clock; a busy machine inflates them)`,
  );
  console.log(`br-guard drift check --staged, ${FILES} files, ${CHANGED} changed:`);
  console.log(`  cold (empty cache):   ${cold.ms.toFixed(0)} ms`);
  console.log(`  warm (median of ${RUNS}): ${median(warm).toFixed(0)} ms   target < 500 ms: ${median(warm) < 500 ? 'met' : 'NOT met'}`);
  console.log(`  drift core alone, in-process (median of ${RUNS}): ${median(core).toFixed(0)} ms`);
  console.log(`  CLI start alone (br-guard --version, median of 3): ${startup.toFixed(0)} ms`);
  console.log(`  layer violations found: ${found} (expected 1)`);
  console.log(`br-guard drift check --all (warm, median of 3): ${median(all).toFixed(0)} ms`);
  console.log(
    `br-guard drift check --all (cold, median of 3): ${median(coldAll).toFixed(0)} ms   target <= 1000 ms: ${median(coldAll) <= 1000 ? 'met' : 'NOT met'}`,
  );
  if (baseCli)
    console.log(
      `  base build --all cold (median of 3): ${median(baseColdAll).toFixed(0)} ms; ratio current/base ${(median(coldAll) / median(baseColdAll)).toFixed(2)}; same violations and changes: ${sameAsBase ? 'yes' : 'NO'}`,
    );

  if (anchor) {
    let depcruise = process.env.DEPCRUISE_BIN;
    if (!depcruise) {
      dcDir = mkdtempSync(join(tmpdir(), 'br-guard-bench-depcruise-'));
      console.log('installing dependency-cruiser@17 (anchor) into a temporary folder…');
      execFileSync(
        'npm',
        ['install', '--prefix', dcDir, '--no-audit', '--no-fund', '--silent', 'dependency-cruiser@17.4.3', 'typescript@5.9'],
        { stdio: 'inherit' },
      );
      depcruise = join(dcDir, 'node_modules', '.bin', 'depcruise');
    }
    const forbidden = layers.flatMap((upper, i) =>
      layers.slice(i + 1).map((lower) => ({
        name: `no-${lower.name}-to-${upper.name}`,
        severity: 'error',
        from: { path: `^${lower.dir}/` },
        to: { path: `^${upper.dir}/` },
      })),
    );
    writeFileSync(
      join(root, '.dependency-cruiser.cjs'),
      `module.exports = ${JSON.stringify({ forbidden, options: { tsConfig: { fileName: 'tsconfig.json' }, tsPreCompilationDeps: true } }, null, 2)};\n`,
    );
    const runs = [];
    let output = '';
    for (let i = 0; i < 3; i++) {
      const run = time(() =>
        spawnSync(depcruise, ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src'], {
          cwd: root,
          env,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
        }),
      );
      runs.push(run.ms);
      output = `${run.result.stdout}${run.result.stderr}`;
    }
    const dcViolations = (output.match(/error no-/g) ?? []).length;
    const dc = median(runs);
    console.log(
      `dependency-cruiser, same repo, equivalent layer rules (median of 3): ${dc.toFixed(0)} ms, violations found: ${dcViolations}`,
    );
    console.log(`ratio staged warm / dependency-cruiser: ${(median(warm) / dc).toFixed(3)} (${(dc / median(warm)).toFixed(1)}x faster)`);
    console.log(`ratio --all warm / dependency-cruiser:  ${(median(all) / dc).toFixed(3)} (${(dc / median(all)).toFixed(1)}x faster)`);
  }
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
  if (dcDir) rmSync(dcDir, { recursive: true, force: true });
}
