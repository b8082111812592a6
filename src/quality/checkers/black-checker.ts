import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../adapters/process-runner.js';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { toRepoPath, withFilesOnDisk, toolBinary } from './files-on-disk.js';

const installHint = 'install it: pip install black (or apt install black)';

/** Black, when installed: `black --check --diff` on the files; fixes through stdin. */
export const blackChecker: Checker = {
  name: 'black',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => /\.pyi?$/.test(path),
  run: async (context: CheckContext): Promise<CheckOutcome> =>
    withFilesOnDisk(context, async (dir) => {
      const args = ['--check', '--diff', '--quiet', '--no-color', ...configArgs(context.root), '--', ...context.files.map((f) => f.path)];
      const result = await runProcess(toolBinary(context, 'black'), args, {
        cwd: dir,
        installHint,
        timeoutMs: context.loaded.config.quality.timeoutMs,
      });
      if (result.code === 123 || (result.code !== 0 && result.code !== 1)) {
        return { findings: syntaxFindings(result.stderr, dir) };
      }
      const findings = parseBlackDiff(result.stdout, dir);
      return { findings, fixable: new Set(findings.map((f) => f.fingerprint)) };
    }),
  fixer:
    async (context): Promise<TextFixer> =>
    async (path, text) => {
      const result = await runProcess(
        toolBinary(context, 'black'),
        ['--quiet', ...configArgs(context.root), '--stdin-filename', path, '-'],
        {
          cwd: context.root,
          input: text,
          installHint,
        },
      );
      if (result.code !== 0) throw new Error(`black could not format ${path}: ${result.stderr.trim().split('\n')[0] ?? ''}`);
      return result.stdout;
    },
};

function configArgs(root: string): string[] {
  const pyproject = join(root, 'pyproject.toml');
  return existsSync(pyproject) ? ['--config', pyproject] : [];
}

/** One finding per file Black would reformat, at the first line its diff changes. */
export function parseBlackDiff(diff: string, dir: string): Finding[] {
  const findings: Finding[] = [];
  let file: string | null = null;
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- ')) {
      file = toRepoPath(line.slice(4).split('\t')[0] ?? '', dir);
      continue;
    }
    const hunk = /^@@ -(\d+)/.exec(line);
    if (hunk && file) {
      findings.push(
        qualityFinding({
          check: 'black',
          rule: 'format',
          severity: 'warning',
          file,
          line: Math.max(1, Number(hunk[1])),
          column: 1,
          message: 'not formatted as Black would (run `br-guard quality check --fix`)',
          key: 'format',
        }),
      );
      file = null; // One finding per file is enough; the fix rewrites the whole file.
    }
  }
  return findings;
}

/** `error: cannot format x.py: Cannot parse for target version ...: 3:4: ...` */
function syntaxFindings(stderr: string, dir: string): Finding[] {
  return [...stderr.matchAll(/^error: cannot format (.+?): (.*?)(?:(\d+):(\d+):)?(.*)$/gm)].map((match) =>
    qualityFinding({
      check: 'black',
      rule: 'syntax-error',
      severity: 'error',
      file: toRepoPath(match[1] ?? '', dir),
      line: match[3] ? Number(match[3]) : null,
      column: match[4] ? Number(match[4]) : null,
      message: `${match[2] ?? ''}${match[5] ?? ''}`.trim(),
    }),
  );
}
