import { runProcess } from '../../adapters/process-runner.js';
import type { Finding } from '../../domain/findings.js';
import type { CheckContext } from '../types.js';
import type { NativeTsc } from './native-tsc.js';
import { nativeTscFindings } from './native-tsc-output.js';
import { withStagedProgram } from './program-shadow.js';

/** `tsc`'s arguments: the root tsconfig, always strict (as the API checker), plain output, no emit. */
export function nativeTscArgs(): string[] {
  return ['-p', 'tsconfig.json', '--noEmit', '--strict', '--pretty', 'false'];
}

/**
 * Type-checks with TypeScript 7's binary. For the index it runs on a shadow copy of the staged
 * program (see `withStagedProgram`); on the work tree it runs in the project itself.
 * Findings are reported for the files in scope.
 */
export async function runNativeTsc(context: CheckContext, tsc: NativeTsc): Promise<Finding[]> {
  const texts = new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
  const run = async (cwd: string): Promise<Finding[]> => {
    const result = await runProcess(process.execPath, [tsc.bin, ...nativeTscArgs()], {
      cwd,
      timeoutMs: context.loaded.config.quality.timeoutMs,
    });
    // 0: clean; 1 and 2: diagnostics reported; anything else is the compiler failing.
    if (result.code > 2 || result.code < 0 || result.timedOut)
      throw new Error(`${tsc.name} failed: ${(result.stderr || result.stdout).trim().split('\n')[0] ?? 'no output'}`);
    return nativeTscFindings(result.stdout, texts);
  };
  if (!context.staged) return run(context.root);
  return withStagedProgram(context.root, texts, run);
}
