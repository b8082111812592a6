#!/usr/bin/env node
// For working on one area while others work on theirs: compiles the whole tree into a private
// out dir (.out-NAME, so parallel builds never trample dist/), runs the suites whose path matches
// PATTERN, and prints coverage for the source folders given with --cover.
//   node scripts/dev-test.mjs NAME PATTERN [--cover src/build] [--cover src/spec]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [name, pattern, ...rest] = process.argv.slice(2);
if (!name || !pattern) {
  console.error('usage: node scripts/dev-test.mjs NAME PATTERN [--cover src/DIR]...');
  process.exit(2);
}
const cover = [];
for (let i = 0; i < rest.length; i++) if (rest[i] === '--cover') cover.push(rest[++i]);
const out = join(root, `.out-${name}`);
const tsc = spawnSync(
  join(root, 'node_modules/.bin/tsc'),
  ['-p', 'tsconfig.json', '--outDir', out, '--tsBuildInfoFile', join(out, '.tsbuildinfo')],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) console.error('(tsc reported errors; running what was emitted)');
spawnSync(process.execPath, [join(root, 'scripts', 'bundle-hook.mjs'), out], { cwd: root, stdio: 'inherit' });
const walk = (dir) => readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
const re = new RegExp(pattern);
const files = walk(join(out, 'test'))
  .filter((f) => f.endsWith('.test.js') && re.test(f))
  .sort();
const env = { ...process.env, NO_COLOR: '1', BR_GUARD_TEST: '1', BR_GUARD_WORKER: '0' };
const args = cover.length
  ? [
      join(root, 'node_modules/.bin/c8'),
      '--reporter=text',
      '--src',
      'src',
      '--temp-directory',
      join(out, '.c8'),
      ...cover.flatMap((c) => ['--include', `${c}/**`, '--include', `.out-${name}/${c}/**`]),
      process.execPath,
      join(root, 'scripts/run-suites.mjs'),
      ...files,
    ]
  : [process.execPath, join(root, 'scripts/run-suites.mjs'), ...files];
const run = spawnSync(args[0], args.slice(1), { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
