// The entry of git's hook calls: `hooks/run-hook.sh` runs this (bundled, see
// scripts/bundle-hook.mjs) with `hook <name> [git's arguments]`. The same dispatch as
// src/cli/main.ts, without top-level await, so that it bundles into one CommonJS file.
import { traceMark } from '../adapters/trace-marks.js';
import { isFastHookCall, runFastHook } from '../hooks/hook-main.js';

traceMark(`hook entry (node started ${performance.now().toFixed(1)} ms ago)`);

const argv = process.argv.slice(2);
void (async () => {
  process.exitCode = isFastHookCall(argv) ? await runFastHook(argv) : await (await import('./run-cli.js')).runCli(argv);
})();
