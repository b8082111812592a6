import { runProcess } from '../../src/adapters/process-runner.js';

const seen = new Map<string, Promise<boolean>>();

/** Whether a tool answers `--version` (Black, mypy, Bandit: not on every machine; CI installs them). */
export function installed(bin: string): Promise<boolean> {
  let answer = seen.get(bin);
  if (!answer) {
    answer = runProcess(bin, ['--version'], { cwd: process.cwd() }).then(
      (result) => result.code === 0,
      () => false,
    );
    seen.set(bin, answer);
  }
  return answer;
}

/**
 * For a test that needs real tools: true (and a line saying which test is skipped and why) when
 * one is missing, so a machine without them passes honestly and CI, which has them, runs it.
 */
export async function skipWithout(testName: string, ...bins: string[]): Promise<boolean> {
  const missing: string[] = [];
  for (const bin of bins) if (!(await installed(bin))) missing.push(bin);
  if (!missing.length) return false;
  process.stderr.write(`  skipped "${testName}": ${missing.join(', ')} not installed (pip install ${missing.join(' ')})\n`);
  return true;
}
