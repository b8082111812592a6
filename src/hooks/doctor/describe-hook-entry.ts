import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Which file `hooks/run-hook.sh` of the br-guard package at `packageRoot` starts, and why, by the
 * same rules as the script: the hook bundle (its loader and its code) when it is newer than tsc's
 * build stamp (or there is no stamp: a published package), else the hook's modules, else the CLI
 * of a build from before the bundle. Coverage runs (NODE_V8_COVERAGE) are left out: doctor
 * speaks for git's hooks.
 */
export async function describeHookEntry(packageRoot: string, env: NodeJS.ProcessEnv): Promise<string> {
  const cli = join(packageRoot, 'dist', 'src', 'cli');
  const statOf = (path: string) => stat(path).catch(() => null);
  const [loader, code, stamp, modules] = await Promise.all([
    statOf(join(cli, 'hook-bundle.cjs')),
    statOf(join(cli, 'hook-bundle-code.cjs')),
    statOf(join(packageRoot, 'dist', '.tsbuildinfo')),
    statOf(join(cli, 'hook-entry.js')),
  ]);
  const bundle = loader && code ? loader : null;
  const fresh = bundle !== null && (stamp === null || bundle.mtimeMs > stamp.mtimeMs);
  if (fresh && env.BR_GUARD_HOOK_ENTRY !== 'modules')
    return "the hook bundle (dist/src/cli/hook-bundle.cjs, which compiles hook-bundle-code.cjs from V8's code cache)";
  if (!modules) return 'dist/src/cli/main.js (a build from before the hook bundle)';
  const why =
    env.BR_GUARD_HOOK_ENTRY === 'modules'
      ? 'BR_GUARD_HOOK_ENTRY=modules'
      : bundle
        ? 'the hook bundle is older than the last tsc build: npm run build bundles it again'
        : 'no hook bundle: npm run build makes it';
  return `the hook's modules one by one (dist/src/cli/hook-entry.js; ${why})`;
}
