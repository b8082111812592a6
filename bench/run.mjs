#!/usr/bin/env node
// Runs every benchmark in bench/ (each prints its own figures and ratios to its anchor).
// Extra arguments are passed to each benchmark (e.g. `npm run bench -- --large`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const only = process.env.BENCH ? new Set(process.env.BENCH.split(',')) : null;
const benches = readdirSync(dir)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs' && !file.startsWith('_'))
  .filter((file) => !only || only.has(file.replace(/\.mjs$/, '')))
  .sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== bench/${bench}`);
  const result = spawnSync(process.execPath, [join(dir, bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
