#!/usr/bin/env node
// Benchmark: `spec parse --json`, `spec validate` and `manifest` as whole processes (Node start
// included) on generated specs of 100, 1,000 and 10,000 features: four requirements, three files
// and three acceptance criteria each, and random dependencies on earlier features.
// Anchor: 10,000 features under 1 s end to end (the seed asks for 100 in under 2 s).
//   node bench/spec.mjs [--sizes 100,1000,10000] [--runs 3]
// CLI: $BR_GUARD_CLI, default dist/src/cli/main.js.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = resolve(root, process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const sizes = arg('--sizes', '100,1000,10000').split(',').map(Number);
const runs = Number(arg('--runs', '3'));
const ANCHOR_MS = 1000;

/** Deterministic pseudo-random numbers, so every run measures the same specs. */
function random(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const WORDS = ['Order', 'Invoice', 'Customer', 'Payment', 'Report', 'Search', 'Export', 'Audit', 'Session', 'Catalog'];

export function generateSpec(count) {
  const next = random(count);
  const name = (i) => `${WORDS[i % WORDS.length]} Service ${i}`;
  const parts = [`# PROJECT_SPEC: Generated ${count}\n\n## Overview\n\nA generated spec with ${count} features.\n\n## Features\n`];
  for (let i = 0; i < count; i++) {
    const slug = `service_${i}`;
    let feature = `\n### Feature: ${name(i)}\n\n**Complexity:** ${['simple', 'medium', 'complex'][i % 3]}\n\n**Description:**\nHandles the ${WORDS[i % WORDS.length].toLowerCase()} workflow number ${i}.\n\n**Requirements:**\n`;
    for (let r = 0; r < 4; r++) feature += `- Requirement ${r + 1} of ${name(i)}: validate and store input batch ${r}\n`;
    feature += '\n**Files:**\n';
    for (let f = 0; f < 3; f++) feature += `- src/${slug}/part_${f}.ts\n`;
    feature += '\n**Acceptance Criteria:**\n';
    for (let a = 0; a < 3; a++) feature += `- Criterion ${a + 1} of ${name(i)} holds under load\n`;
    const deps = i === 0 ? [] : [...new Set(Array.from({ length: Math.floor(next() * 3) }, () => Math.floor(next() * i)))];
    if (deps.length > 0) feature += `\n**Dependencies:**\n${deps.map((d) => `- Requires ${name(d)}\n`).join('')}`;
    parts.push(`${feature}\n---\n`);
  }
  parts.push(
    '\n## Technical Requirements\n\n### Core Dependencies\n- Node.js 20+\n- commander (CLI)\n\n### Quality Tools\n- ESLint\n- Prettier\n',
  );
  return parts.join('');
}

/** CPU seconds (user + system) used by this process's finished children, from /proc (Linux). */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, in 1/100 s
  } catch {
    return NaN;
  }
}

/** Best wall time and best CPU time of `runs` whole-process runs. */
function time(args, cwd) {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const cpuBefore = childCpuMs();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [cli, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
    wall = Math.min(wall, ms);
    cpu = Math.min(cpu, childCpuMs() - cpuBefore);
  }
  return { wall, cpu };
}

const fmt = ({ wall, cpu }) => `${wall.toFixed(0)} ms (cpu ${Number.isNaN(cpu) ? '?' : cpu.toFixed(0)})`.padStart(22);

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) main();
function main() {
  console.log(`spec benchmark (CLI ${cli}; best of ${runs} runs; whole processes, Node start included)`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} CPUs (wall times suffer on a busy machine; cpu = user+sys of the process)`,
  );
  const baseline = time(['--version'], root);
  console.log(`node + CLI start (--version): ${fmt(baseline)}`);
  console.log(
    `features | spec size | ${'spec parse --json'.padStart(22)} | ${'spec validate'.padStart(22)} | ${'manifest --json'.padStart(22)}`,
  );
  let worst = null;
  for (const count of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'br-guard-bench-spec-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      writeFileSync(join(dir, 'PROJECT_SPEC.md'), generateSpec(count));
      const size = statSync(join(dir, 'PROJECT_SPEC.md')).size;
      const results = [time(['spec', 'parse', '--json'], dir), time(['spec', 'validate'], dir), time(['manifest', '--json'], dir)];
      if (count === 10000) worst = { wall: Math.max(...results.map((r) => r.wall)), cpu: Math.max(...results.map((r) => r.cpu)) };
      const kb = `${(size / 1024).toFixed(0)} KB`;
      console.log(`${String(count).padStart(8)} | ${kb.padStart(9)} | ${results.map(fmt).join(' | ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (worst) {
    console.log(
      `10,000 features, slowest command: ${worst.wall.toFixed(0)} ms wall = ${(worst.wall / ANCHOR_MS).toFixed(2)}x the 1 s anchor; cpu ${worst.cpu.toFixed(0)} ms = ${(worst.cpu / ANCHOR_MS).toFixed(2)}x`,
    );
  }
}
