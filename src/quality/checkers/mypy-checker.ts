import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../adapters/process-runner.js';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { toRepoPath, withFilesOnDisk, toolBinary } from './files-on-disk.js';

const installHint = 'install it: pip install mypy (or apt install mypy)';
const syntaxHint = "install a mypy that runs on the project's Python version (pip install mypy in that Python)";

/** mypy, when installed, with the project's config; staged content is checked from a temporary copy. */
export const mypyChecker: Checker = {
  name: 'mypy',
  dimension: 'types',
  appliesTo: (path) => /\.pyi?$/.test(path),
  run: async (context: CheckContext): Promise<CheckOutcome> =>
    withFilesOnDisk(context, async (dir) => {
      const args = [
        '--no-color-output',
        '--no-error-summary',
        '--show-column-numbers',
        '--show-error-codes',
        '--hide-error-context',
        '--no-pretty',
        '--cache-dir',
        join(context.cacheDir, 'mypy'),
        ...configArgs(context.root),
        '--',
        ...context.files.map((file) => file.path),
      ];
      const result = await runProcess(toolBinary(context, 'mypy'), args, {
        cwd: dir,
        installHint,
        timeoutMs: context.loaded.config.quality.timeoutMs,
        // Staged copies import the project's other modules from the work tree.
        env: { ...process.env, MYPYPATH: context.root },
      });
      const first = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
      // mypy stops at code its parser (the Python it runs on) does not know, e.g. 3.14's
      // `except A, B:` under a mypy on 3.11: a tool that cannot judge this code, like an absent
      // one. A real syntax error is still an error: Ruff's parser reports it.
      if (result.code > 1 && /\[syntax\]\s*$/.test(first))
        return { findings: [], skipped: `mypy cannot parse this code (${toRepoPath(first, dir)}): ${syntaxHint}` };
      if (result.code > 1) throw new Error(`mypy failed: ${first}`);
      return { findings: parseMypyOutput(result.stdout, dir) };
    }),
};

function configArgs(root: string): string[] {
  for (const name of ['mypy.ini', '.mypy.ini', 'pyproject.toml', 'setup.cfg']) {
    if (existsSync(join(root, name))) return ['--config-file', join(root, name)];
  }
  return [];
}

/** `path:line:col: error: message  [code]` lines; notes are dropped. */
export function parseMypyOutput(stdout: string, dir: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of stdout.matchAll(/^(.+?):(\d+):(?:(\d+):)? (error|warning): (.*?)(?:\s+\[([\w-]+)\])?$/gm)) {
    const line = Number(match[2]);
    findings.push(
      qualityFinding({
        check: 'mypy',
        rule: match[6] ?? 'mypy',
        severity: match[4] === 'error' ? 'error' : 'warning',
        file: toRepoPath(match[1] ?? '', dir),
        line,
        column: match[3] ? Number(match[3]) : null,
        message: match[5] ?? '',
        key: match[5] ?? '',
      }),
    );
  }
  return findings;
}
