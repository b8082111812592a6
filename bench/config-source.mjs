#!/usr/bin/env node
// The cost of judging staged content with the staged ESLint/Prettier config when it equals the
// work tree's (the common case): `quality check --staged` on 10 staged files of a 200-file
// TypeScript repository, CLIs interleaved, medians. Usage:
//   node bench/config-source.mjs BEFORE_CLI AFTER_CLI [runs]
// e.g. a build of main and this tree's dist/src/cli/main.js. Also times the path where the
// staged .prettierrc and eslint.config.mjs differ from the work tree's (AFTER_CLI only).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [before, after, runsArg] = process.argv.slice(2).map((arg, i) => (i < 2 ? resolve(arg) : arg));
if (!before || !after) throw new Error('usage: node bench/config-source.mjs BEFORE_CLI AFTER_CLI [runs]');
const runs = Number(runsArg ?? 5);
const modules = new URL('../node_modules', import.meta.url).pathname;
const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
};
delete env.BR_GUARD;
delete env.BR_GUARD_SKIP;
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });
const source = (i, changed) =>
  `export function f${i}(a: number, b: number): number {\n  const sum = a + b${changed ? ' + 1' : ''};\n  return sum * 2;\n}\n`;

const root = mkdtempSync(join(tmpdir(), 'br-guard-bench-config-'));
git(root, 'init', '-q', '-b', 'main');
symlinkSync(modules, join(root, 'node_modules'), 'dir');
writeFileSync(join(root, '.gitignore'), 'node_modules\n.buildrunner/cache/\n');
writeFileSync(join(root, 'package.json'), '{ "name": "bench", "private": true, "type": "module" }\n');
const ESLINT =
  "import tseslint from 'typescript-eslint';\n\nexport default [{ ignores: ['node_modules/**'] }, ...tseslint.configs.recommended];\n";
writeFileSync(join(root, 'eslint.config.mjs'), ESLINT);
writeFileSync(join(root, '.prettierrc.json'), '{ "singleQuote": true, "printWidth": 100 }\n');
mkdirSync(join(root, 'src'));
for (let i = 0; i < 200; i++) writeFileSync(join(root, 'src', `m${i}.ts`), source(i, false));
git(root, 'add', '-A');
git(root, 'commit', '-q', '--no-verify', '-m', 'base');

function stage(round) {
  git(root, 'reset', '-q', '--hard', 'HEAD');
  rmSync(join(root, '.buildrunner'), { recursive: true, force: true });
  // A new text per round: no cached result applies.
  for (let i = 0; i < 10; i++) writeFileSync(join(root, 'src', `m${i * 20}.ts`), `${source(i * 20, true)}// ${round}\n`);
  git(root, 'add', 'src');
}

// CPU time (user + system, children included) via GNU time when present: on a shared, loaded
// machine it is steadier than wall time.
const gnuTime = spawnSync('/usr/bin/time', ['-f', '%U', 'true']).status === 0;

function time(cli) {
  const started = process.hrtime.bigint();
  const args = [process.execPath, cli, 'quality', 'check', '--staged', '--json'];
  const [command, commandArgs] = gnuTime ? ['/usr/bin/time', ['-f', 'CPU %U %S', ...args]] : [args[0], args.slice(1)];
  const result = spawnSync(command, commandArgs, { cwd: root, env, encoding: 'utf8' });
  if ((result.status !== 0 && result.status !== 1) || !result.stdout.startsWith('{'))
    throw new Error(`${cli}: exit ${result.status}: ${result.stderr}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  cpus.push(cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN);
  return ms;
}
const cpus = [];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = { before: [], after: [], differing: [] };
const cpu = { before: [], after: [], differing: [] };
const last = () => cpus[cpus.length - 1];
try {
  for (let round = 0; round < runs; round++) {
    stage(`b${round}`);
    times.before.push(time(before));
    cpu.before.push(last());
    stage(`a${round}`);
    times.after.push(time(after));
    cpu.after.push(last());
    // Staged configs that differ from the work tree's: the shadow path.
    stage(`d${round}`);
    writeFileSync(join(root, '.prettierrc.json'), '{ "singleQuote": false }\n');
    writeFileSync(join(root, 'eslint.config.mjs'), `${ESLINT}// unstaged\n`);
    times.differing.push(time(after));
    cpu.differing.push(last());
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
const round = (ms) => Math.round(ms);
console.log(`quality check --staged, 10 of 200 files, ${runs} interleaved runs (median, all in ms)`);
for (const [name, label] of [
  ['before', 'before (same config)         '],
  ['after', 'after (same config)          '],
  ['differing', 'after (staged configs differ)'],
]) {
  console.log(
    `  ${label} wall ${round(median(times[name]))} [${times[name].map(round).join(', ')}]  CPU ${round(median(cpu[name]))} [${cpu[name].map(round).join(', ')}]`,
  );
}
