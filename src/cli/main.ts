#!/usr/bin/env node
// Git runs `br-guard hook <name>` on every commit: that call skips commander and the command
// registry (see src/hooks/hook-main.ts); everything else goes through the full CLI.
const argv = process.argv.slice(2);
if (argv[0] === 'hook') {
  const { isFastHookCall, runFastHook } = await import('../hooks/hook-main.js');
  process.exitCode = isFastHookCall(argv) ? await runFastHook(argv) : await (await import('./run-cli.js')).runCli(argv);
} else {
  process.exitCode = await (await import('./run-cli.js')).runCli(argv);
}
