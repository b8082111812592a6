import type { Command } from 'commander';
import { action } from '../action.js';

/** `br-guard check [--json]`: every guard on the repository, one summary; what CI runs. */
export function registerCheckCommands(program: Command): void {
  program
    .command('check')
    .description('spec validation, gap analysis, quality gates (--all) and drift checks (--all); exit 1 if any blocks')
    .action(
      action(async (context) => {
        const [git, loaded, { runCheck, formatCheck }, { defaultHookSystems }] = await Promise.all([
          context.git(),
          context.config(),
          import('../../hooks/run-check.js'),
          import('../../hooks/system-deps.js'),
        ]);
        const report = await runCheck({ git, loaded, systems: defaultHookSystems(), specOverride: context.specOverride });
        if (context.json) context.stdout(JSON.stringify(report, null, 2));
        else context.stderr(formatCheck(report, context.color));
        return report.exitCode;
      }),
    );
}
