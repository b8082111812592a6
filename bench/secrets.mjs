#!/usr/bin/env node
// Benchmark of br-guard's secrets detector.
//  1. A corpus generated here from the documented token formats of 200+ providers (bench/secrets-corpus.mjs),
//     each value in up to 28 forms (.env, YAML, JSON and escaped JSON, TOML, INI, properties,
//     Makefile, shell, Dockerfile, Go, Java, PHP, C#, Python, JS/TS, XML elements and attributes,
//     HCL), plus negatives (hashes, UUIDs, git SHAs, placeholders, documented examples, look-alikes).
//     Prints recall (target ≥ 0.95), false-positive rate (≤ 2%), files/s (≥ 3,000).
//  2. The real CLI on a temporary repository holding part of the corpus: `quality check --all
//     --only secrets` as text, JSON, SARIF and Markdown, `quality secrets-baseline` and `quality
//     history --json`; asserts that no output and no file under .buildrunner holds a full secret.
//  3. Every finding on the HEAD of real codebases under BR_GUARD_MIRRORS (default /work/.mirror),
//     named with --repo owner+name (repeatable): the goal there is zero false findings.
// Usage: node bench/secrets.mjs [--repo owner+name]... [--no-cli]   (build from BR_GUARD_DIST, default dist)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './secrets-corpus.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(repoRoot, process.env.BR_GUARD_DIST ?? 'dist');
const mirrors = process.env.BR_GUARD_MIRRORS ?? '/work/.mirror';
const args = process.argv.slice(2);
const repos = args.flatMap((arg, i) => (args[i - 1] === '--repo' ? [arg] : []));
const { detectSecrets } = await import(join(dist, 'src/quality/secrets/detect-secrets.js'));
const { secretsChecker } = await import(join(dist, 'src/quality/checkers/secrets-checker.js'));

const corpus = buildCorpus();
let failed = false;

// Part 1: recall, false positives, speed.
// The machine is shared: the best of three passes is the detector's speed, not the neighbours'.
let seconds = Infinity;
let results = [];
let negResults = [];
for (let pass = 0; pass < 3; pass++) {
  const start = performance.now();
  results = corpus.positives.map((file) => ({ file, hits: detectSecrets(file.text, { path: file.path }) }));
  negResults = corpus.negatives.map((file) => ({ file, hits: detectSecrets(file.text, { path: file.path }) }));
  seconds = Math.min(seconds, (performance.now() - start) / 1000);
}
const filesPerSecond = (corpus.positives.length + corpus.negatives.length) / seconds;
const found = results.filter((r) => r.hits.length > 0);
const byProvider = new Map();
const byForm = new Map();
for (const { file, hits } of results) {
  for (const [map, name] of [
    [byProvider, file.provider],
    [byForm, file.form],
  ]) {
    const entry = map.get(name) ?? { total: 0, found: 0 };
    entry.total++;
    if (hits.length) entry.found++;
    map.set(name, entry);
  }
}
const falsePositives = negResults.filter((r) => r.hits.length > 0);
const recall = found.length / results.length;
const meanPerProvider = [...byProvider.values()].reduce((sum, e) => sum + e.found / e.total, 0) / byProvider.size;
const fpRate = falsePositives.length / negResults.length;
console.log(`corpus: ${corpus.providers} providers, ${results.length} positive files, ${negResults.length} negative files`);
console.log(`recall ${recall.toFixed(4)} (target ≥ 0.95), mean per provider ${meanPerProvider.toFixed(4)}`);
console.log(`false-positive rate ${(fpRate * 100).toFixed(2)}% (target ≤ 2%)`);
console.log(`speed ${Math.round(filesPerSecond)} files/s (target ≥ 3000)`);
const weak = [...byProvider].filter(([, e]) => e.found < e.total).map(([name, e]) => `${name} ${e.found}/${e.total}`);
if (weak.length) console.log(`providers below 100%: ${weak.join(', ')}`);
const weakForms = [...byForm].filter(([, e]) => e.found < e.total).map(([name, e]) => `${name} ${e.found}/${e.total}`);
if (weakForms.length) console.log(`forms below 100%: ${weakForms.join(', ')}`);
for (const { file, hits } of falsePositives.slice(0, 30))
  console.log(`  false positive: ${file.path}: ${hits.map((h) => `${h.rule} ${h.redacted}`).join(', ')}`);
if (recall < 0.95 || fpRate > 0.02 || filesPerSecond < 3000) failed = true;

/** A full secret (or any 12 characters of it past its first 4) must never be in an output. */
function leaks(output, secrets) {
  for (const secret of secrets) {
    const core = secret.replace(/\s+/g, '');
    for (let i = 4; i + 12 <= core.length; i += 6) if (output.includes(core.slice(i, i + 12))) return secret.slice(0, 4);
  }
  return null;
}
const inProcessLeak = leaks(
  JSON.stringify(results.map((r) => r.hits)),
  corpus.positives.map((p) => p.secret),
);
console.log(`no secret in the detector's output: ${inProcessLeak ? `LEAK (${inProcessLeak}…)` : 'ok'}`);
if (inProcessLeak) failed = true;

// Part 2: the real CLI's every output path.
if (!args.includes('--no-cli')) {
  const cli = join(dist, 'src/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'br-guard-secrets-bench-'));
  const env = {
    ...process.env,
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'b',
    GIT_AUTHOR_EMAIL: 'b@example.com',
    GIT_COMMITTER_NAME: 'b',
    GIT_COMMITTER_EMAIL: 'b@example.com',
  };
  const git = (...a) => execFileSync('git', a, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q');
  const sample = corpus.positives.filter((_, i) => i % 20 === 0);
  for (const file of sample) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  git('add', '-A');
  git('commit', '-qm', 'corpus', '--no-verify');
  const outputs = [];
  for (const extra of [[], ['--json'], ['--sarif'], ['--markdown']]) {
    const run = spawnSync(process.execPath, [cli, 'quality', 'check', '--all', '--only', 'secrets', ...extra], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    outputs.push(run.stdout, run.stderr);
  }
  const history = spawnSync(process.execPath, [cli, 'quality', 'history', '--json'], { cwd: dir, env, encoding: 'utf8' });
  outputs.push(history.stdout, history.stderr);
  const historyCount = (() => {
    try {
      return JSON.parse(history.stdout).findings.length;
    } catch {
      return -1;
    }
  })();
  const baseline = spawnSync(process.execPath, [cli, 'quality', 'secrets-baseline'], { cwd: dir, env, encoding: 'utf8' });
  outputs.push(baseline.stdout, baseline.stderr);
  const walk = (d) => readdirSync(d).flatMap((e) => (statSync(join(d, e)).isDirectory() ? walk(join(d, e)) : [join(d, e)]));
  for (const file of walk(join(dir, '.buildrunner'))) outputs.push(readFileSync(file, 'latin1'));
  const leak = leaks(
    outputs.join('\n'),
    sample.map((p) => p.secret),
  );
  console.log(
    `CLI on ${sample.length} files: history found ${historyCount} (exit ${history.status}); no secret in text/JSON/SARIF/Markdown/history/baseline/caches: ${leak ? `LEAK (${leak}…)` : 'ok'}`,
  );
  if (leak || historyCount < sample.length * 0.95 || history.status !== 1) failed = true;
  rmSync(dir, { recursive: true, force: true });
}

// Part 3: real codebases.
for (const name of repos) {
  const gitDir = join(mirrors, name, 'repo');
  const head = execFileSync('git', ['--git-dir', gitDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const listing = execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', '--long', 'HEAD'], {
    encoding: 'utf8',
    maxBuffer: 2 ** 30,
  });
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t');
      const [, type, blob, size] = meta.trim().split(/\s+/);
      return { type, blob, size: Number(size), path };
    })
    .filter((e) => e.type === 'blob' && e.size < 2_000_000 && secretsChecker.appliesTo(e.path));
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: entries.map((e) => e.blob).join('\n') + '\n',
    maxBuffer: 2 ** 31,
  });
  let offset = 0;
  let bytes = 0;
  const findings = [];
  const t0 = performance.now();
  for (const entry of entries) {
    const headerEnd = batch.indexOf(10, offset);
    const size = Number(batch.subarray(offset, headerEnd).toString().split(' ')[2]);
    const text = batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
    offset = headerEnd + 1 + size + 1;
    bytes += size;
    for (const hit of detectSecrets(text, { path: entry.path })) findings.push(`${entry.path}:${hit.line} ${hit.rule} ${hit.redacted}`);
  }
  const took = (performance.now() - t0) / 1000;
  console.log(
    `${name}@${head.slice(0, 12)}: ${entries.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${Math.round(entries.length / took)} files/s, ${findings.length} findings`,
  );
  for (const finding of findings) console.log(`  ${finding}`);
}
process.exitCode = failed ? 1 : 0;
