import { runProcess } from '../../adapters/process-runner.js';
import { ToolMissingError } from '../../domain/errors.js';
import type { Finding, Severity } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { toRepoPath, withFilesOnDisk, toolBinary } from './files-on-disk.js';

const installHint = 'install it: pip install bandit (or apt install bandit)';
const severities: Record<string, Severity> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'info' };

/** Bandit (Python SAST) when installed; otherwise Ruff's flake8-bandit `S` rules in-process. */
export const banditChecker: Checker = {
  name: 'bandit',
  dimension: 'security',
  appliesTo: (path) => path.endsWith('.py'),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    try {
      return await withFilesOnDisk(context, async (dir) => {
        const args = ['-f', 'json', '-q', '--', ...context.files.map((file) => file.path)];
        const result = await runProcess(toolBinary(context, 'bandit'), args, {
          cwd: dir,
          installHint,
          timeoutMs: context.loaded.config.quality.timeoutMs,
        });
        if (result.code > 1) throw new Error(`bandit failed: ${result.stderr.trim().split('\n')[0] ?? ''}`);
        return { findings: await parseBanditJson(result.stdout, dir, context) };
      });
    } catch (error) {
      if (!(error instanceof ToolMissingError)) throw error;
      return { findings: await ruffSecurity(context), note: `bandit is not installed (${installHint}); used Ruff's S rules instead` };
    }
  },
};

interface BanditResult {
  filename: string;
  line_number: number;
  col_offset?: number;
  issue_severity: string;
  issue_text: string;
  test_id: string;
  test_name: string;
}

export async function parseBanditJson(stdout: string, dir: string, context: CheckContext): Promise<Finding[]> {
  const { results = [] } = JSON.parse(stdout || '{}') as { results?: BanditResult[] };
  const texts = new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
  return results.map((result) => {
    const file = toRepoPath(result.filename, dir);
    return qualityFinding({
      check: 'bandit',
      rule: result.test_id,
      severity: severities[result.issue_severity] ?? 'warning',
      file,
      line: result.line_number,
      column: (result.col_offset ?? 0) + 1,
      message: `${result.issue_text} (${result.test_name})`,
      key: lineKey(texts.get(file) ?? '', result.line_number),
    });
  });
}

/** Ruff's port of Bandit's checks; severity error for the ones Bandit rates high. */
async function ruffSecurity(context: CheckContext): Promise<Finding[]> {
  const { createRuffWorkspace } = await import('./ruff-workspace.js');
  const workspace = await createRuffWorkspace(context.root, { lint: { select: ['S'], ignore: [] } });
  const high = /^S(?:102|307|506|602|605|608)$/;
  const findings: Finding[] = [];
  for (const file of context.files) {
    const text = await file.read();
    for (const diagnostic of workspace.check(text)) {
      if (!diagnostic.code?.startsWith('S')) continue;
      findings.push(
        qualityFinding({
          check: 'bandit',
          rule: diagnostic.code,
          severity: high.test(diagnostic.code) ? 'error' : 'warning',
          file: file.path,
          line: diagnostic.start_location.row,
          column: diagnostic.start_location.column,
          message: diagnostic.message,
          key: lineKey(text, diagnostic.start_location.row),
        }),
      );
    }
  }
  return findings;
}
