import type { Command } from 'commander';
import { action } from '../action.js';
import type { CommandContext } from '../context.js';
import { chooseFormat, render } from '../output-format.js';

/** `br-guard check [--json|--sarif|--markdown]`: every guard on the repository, one report; what CI runs. */
export function registerCheckCommands(program: Command): void {
  program
    .command('check')
    .description('spec validation, gap analysis, quality gates (--all) and drift checks (--all); exit 1 if any blocks')
    .option(
      '--range <A..B>',
      'instead: the pre-push checks on the commits A..B, re-running the pre-commit stages on those without a br-guard record (CI)',
    )
    .option('--sarif', 'print one SARIF 2.1.0 log on stdout: a run per system (for code scanning)')
    .option('--markdown', 'print one Markdown report on stdout (for a pull-request comment or a CI summary)')
    .action(
      action(async (context, options) => {
        const flags = { json: context.json, sarif: options.sarif === true, markdown: options.markdown === true };
        if (typeof options.range === 'string') {
          chooseFormat(flags, ['json'], 'check --range');
          return checkRange(context, options.range);
        }
        const format = chooseFormat(flags, ['json', 'sarif', 'markdown'], 'check');
        const [git, loaded, { runCheck }, { defaultHookSystems }, { systemsReporters }] = await Promise.all([
          context.git(),
          context.config(),
          import('../../hooks/run-check.js'),
          import('../../hooks/system-deps.js'),
          import('../../report/reporters.js'),
        ]);
        const report = await runCheck({ git, loaded, systems: defaultHookSystems(), specOverride: context.specOverride });
        if (format !== 'text') context.stdout(await render(systemsReporters, format, report, false));
        // The text summary goes to stderr; beside a document on stdout too, so a person reading a CI
        // log still sees it (never beside JSON, which is the whole answer).
        if (format !== 'json') context.stderr(await render(systemsReporters, 'text', report, context.color));
        return report.exitCode;
      }),
    );
}

/** `check --range A..B`: kept apart from the whole-repository report; same stages as the pre-push. */
async function checkRange(context: CommandContext, range: string): Promise<number> {
  const [git, { runRangeCheck }, { defaultHookSystems }, { readSkipSettings }, { InterruptGuard }, { formatHookResult }] =
    await Promise.all([
      context.git(),
      import('../../hooks/run-range-check.js'),
      import('../../hooks/system-deps.js'),
      import('../../hooks/skip-settings.js'),
      import('../../hooks/interrupt-guard.js'),
      import('../../hooks/stage-outcome.js'),
    ]);
  const result = await runRangeCheck(
    {
      git,
      loadConfig: () => context.config(),
      systems: defaultHookSystems(),
      skips: readSkipSettings(process.env),
      guard: new InterruptGuard(),
      now: () => new Date(),
    },
    range,
  );
  if (context.json) context.stdout(JSON.stringify({ range, ...result }, null, 2));
  else context.stderr(formatHookResult('check', result, context.color));
  return result.exitCode;
}
