#!/usr/bin/env node
// Builds, runs every uvu suite under c8 with the coverage floor, and ends with the one line CI
// reads: `N passed, M failed`.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The build as `npm run build` makes it: tsc, then the hook bundle (scripts/bundle-hook.mjs).
const built = [
  [bin('tsc'), ['-p', 'tsconfig.json']],
  [process.execPath, [join(root, 'scripts', 'bundle-hook.mjs')]],
].every(([command, args]) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0);
if (!built) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// tsc never deletes the output of a source that was deleted or renamed: a stale suite (and the
// stale code it imports) would still run here while a fresh clone has neither. Remove it, so a
// local run counts exactly what CI counts.
const dist = join(root, 'dist');
for (const file of walk(dist).filter((f) => f.endsWith('.js'))) {
  const source = join(root, file.slice(dist.length + 1)).replace(/\.js$/, '');
  if (!['.ts', '.mts', '.tsx'].some((ext) => existsSync(source + ext)) && !existsSync(`${source}.js`)) rmSync(file);
}

const pattern = process.argv[2] ? new RegExp(process.argv[2]) : null;
const files = walk(join(root, 'dist', 'test'))
  .filter((file) => file.endsWith('.test.js'))
  .filter((file) => !pattern || pattern.test(file))
  .sort();

let passed = 0;
let failed = 0;
let skipped = 0;
// BR_GUARD_WORKER=0: no suite leaves a warm worker behind; the worker's own suites turn it on and stop what they start.
const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', BR_GUARD_TEST: '1', BR_GUARD_WORKER: '0' };
delete env.BR_GUARD;
delete env.BR_GUARD_SKIP;

// c8 collects coverage from this process tree (every suite and every CLI it spawns) through
// NODE_V8_COVERAGE; the report runs once at the end with the floor.
const c8Args = [
  '--reporter=text-summary',
  '--reporter=json-summary',
  '--all',
  '--src',
  'src',
  '--include',
  'dist/src/**/*.js',
  '--include',
  'src/**/*.ts',
  '--exclude',
  'src/cli/main.ts',
  '--exclude',
  'dist/src/cli/main.js',
  // The hooks' loader runs only as shipped (bundled; coverage runs take the modules instead):
  // test/e2e/hooks.test.ts runs it from a packed install and checks what it did.
  '--exclude',
  'src/cli/hook-loader.ts',
  '--exclude',
  'dist/src/cli/hook-loader.js',
  '--check-coverage',
  '--lines',
  '85',
  '--branches',
  '85',
];
const run = spawn(bin('c8'), [...c8Args, process.execPath, join(root, 'scripts', 'run-suites.mjs'), ...files], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
run.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk;
});
run.on('close', (code) => {
  // uvu's summary: Total (every test), Passed, Skipped; the rest failed.
  const total = Number(/^\s*Total:\s+(\d+)/m.exec(output)?.[1] ?? 0);
  passed = Number(/^\s*Passed:\s+(\d+)/m.exec(output)?.[1] ?? 0);
  skipped = Number(/^\s*Skipped:\s+(\d+)/m.exec(output)?.[1] ?? 0);
  failed = Math.max(0, total - passed - skipped);
  if (!/^\s*Total:/m.test(output)) failed = Math.max(failed, 1);
  const coverageFailed = code !== 0 && failed === 0;
  if (coverageFailed) console.log('coverage (or the runner) failed: see above');
  // A warm worker of this build still running means a suite started one and did not stop it.
  const leaked = leftoverWorkers();
  if (leaked.length) console.log(`warm workers left running by the suites (stop them: br-guard worker stop): pids ${leaked.join(', ')}`);
  const extra = (coverageFailed ? 1 : 0) + (leaked.length ? 1 : 0);
  console.log(`${passed} passed, ${failed + extra} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code === 0 && failed === 0 && !leaked.length ? 0 : 1);
});

/** Pids of warm workers of this build serving a test repository (Linux /proc; elsewhere none are seen). */
function leftoverWorkers() {
  const entry = join(root, 'dist', 'src', 'quality', 'warm-worker', 'worker-main.js');
  const test = join(tmpdir(), 'br-guard-test-');
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.includes(entry) && args.some((arg) => arg.startsWith(test));
    } catch {
      return false;
    }
  });
}

function walk(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(walk(path));
    else out.push(path);
  }
  return out;
}
