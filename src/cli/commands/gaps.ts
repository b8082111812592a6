import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';
import { chooseFormat, render } from '../output-format.js';
import { offeredFormats } from '../../report/reporter-map.js';
import type { GapReport } from '../../gaps/types.js';
import type { Judgement } from '../../gaps/evaluate-items.js';

interface GapsOptions {
  markdown?: boolean;
  sarif?: boolean;
  minCompletion?: string;
  cache?: boolean;
  explain?: string;
}

/** `br-guard gaps [--json|--sarif|--markdown] [--min-completion N] [--explain ITEM]` and `br-guard gaps progress [--json]`. */
export function registerGapsCommands(program: Command): void {
  const gaps = program
    .command('gaps')
    .description('gap analysis: every spec item judged done/partial/missing against the code, with fix prompts')
    .option('--markdown', 'print a Markdown report (for a pull-request comment) on stdout')
    .option('--sarif', 'print SARIF 2.1.0 on stdout: each gap a result, its fix prompt in the result')
    .option('--min-completion <percent>', 'exit 1 when overall completion is below this (0-100)')
    .option('--no-cache', 'scan every file again instead of reusing .buildrunner/cache/gaps')
    .option('--explain <item>', 'print how one item was judged (id, or words of its text): its terms, the candidates with scores, the bar')
    .action(action(gapsAction));
  gaps.command('progress').description('completion recorded per commit in .buildrunner/progress.jsonl').action(action(progressAction));
}

export function parseMinCompletion(value: string | undefined): number | null {
  if (value === undefined) return null;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new UsageError(`--min-completion: expected a number from 0 to 100, got "${value}"`);
  }
  return number;
}

async function gapsAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const opts = options as GapsOptions;
  const { gapsReporters } = await import('../../report/gaps-reporters.js');
  const format = chooseFormat({ json: context.json, sarif: opts.sarif, markdown: opts.markdown }, offeredFormats(gapsReporters), 'gaps');
  const minCompletion = parseMinCompletion(opts.minCompletion);
  const [git, loaded, spec] = await Promise.all([context.git(), context.config(), context.spec()]);
  const { runGapAnalysis } = await import('../../gaps/run-gap-analysis.js');
  const explain = opts.explain;
  const report = await runGapAnalysis(
    { git, loaded, spec },
    { recordProgress: explain === undefined, cache: opts.cache !== false, explain: explain !== undefined },
  );
  if (explain !== undefined) return explainAction(context, report, explain);
  context.stdout(await render(gapsReporters, format, report, context.color));
  if (format === 'text') {
    // Fail closed: say where the endpoint list may be incomplete (in JSON they are `warnings`).
    for (const warning of report.warnings ?? []) context.stderr(`br-guard: warning: ${warning.file}:${warning.line}: ${warning.message}`);
  }
  if (minCompletion !== null && report.completion < minCompletion) {
    context.stderr(`br-guard: completion ${report.completion}% is below --min-completion ${minCompletion}%`);
    return ExitCode.blocking;
  }
  return ExitCode.ok;
}

async function explainAction(context: CommandContext, report: GapReport, query: string): Promise<number> {
  const { explainItem, findItems } = await import('../../gaps/explain-item.js');
  const items = findItems(report, query);
  if (items.length === 0)
    throw new UsageError(`--explain: no item has the id or text "${query}" (see \`br-guard manifest --json\` for ids)`);
  const judgements = (report as GapReport & { judgements?: Record<string, Judgement> }).judgements ?? {};
  if (context.json) {
    context.stdout(
      JSON.stringify(
        items.map((item) => ({ ...item, judgement: judgements[item.id] ?? null })),
        null,
        2,
      ),
    );
    return ExitCode.ok;
  }
  context.stdout(items.map((item) => explainItem(item, judgements[item.id]).join('\n')).join('\n\n'));
  return ExitCode.ok;
}

async function progressAction(context: CommandContext): Promise<number> {
  const git = await context.git();
  const { readProgress } = await import('../../gaps/progress.js');
  const entries = await readProgress(git.root, { strict: true });
  if (context.json) {
    context.stdout(JSON.stringify(entries, null, 2));
    return ExitCode.ok;
  }
  const { progressToText } = await import('../../report/gaps-text.js');
  context.stdout(progressToText(entries, { bars: Boolean(process.stdout.isTTY) }));
  return ExitCode.ok;
}
