import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';
import { chooseFormat, render } from '../output-format.js';
import { offeredFormats } from '../../report/reporter-map.js';

interface CheckOptions {
  staged?: boolean;
  range?: string;
  all?: boolean;
  sarif?: boolean;
  markdown?: boolean;
  json?: boolean;
}

/** `br-guard drift check` and `drift baseline`. */
export function registerDriftCommands(program: Command): void {
  const drift = program.command('drift').description('architecture drift: changes checked against the spec, layers and tech stack');
  drift
    .command('check')
    .description('check what is staged (default), a commit range, or the whole tree against the spec and architecture rules')
    .option('--staged', 'check the index against HEAD (the default)')
    .option('--range <A..B>', 'check the commits in A..B (A...B: since their merge base), e.g. what a push sends')
    .option('--all', 'check the whole work tree against the spec')
    .option('--sarif', 'print SARIF 2.1.0 on stdout')
    .option('--markdown', 'print a Markdown report (for a pull-request comment) on stdout')
    .action(action(checkAction));
  drift
    .command('baseline')
    .description("record today's violations in .buildrunner/drift-baseline.json so later checks fail only on new ones")
    .option('--update', 'rewrite an existing baseline: add new violations, prune fixed ones')
    .action(action(baselineAction));
}

async function checkAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const opts = options as CheckOptions;
  if ([opts.staged, opts.range !== undefined, opts.all].filter(Boolean).length > 1) {
    throw new UsageError('choose one scope: --staged, --range A..B or --all');
  }
  const { driftReporters } = await import('../../report/drift-reporters.js');
  const format = chooseFormat(
    { json: context.json, sarif: opts.sarif, markdown: opts.markdown },
    offeredFormats(driftReporters),
    'drift check',
  );
  const git = await context.git();
  const { parseRange } = await import('../../drift/diff/change-set.js');
  // A bad ref is the cheapest error to find: before config and spec are loaded.
  const scope = opts.all
    ? { kind: 'all' as const }
    : opts.range !== undefined
      ? await parseRange(git, opts.range)
      : { kind: 'staged' as const };
  // A staged check reads the spec and the config as staged itself (drift/staged-inputs.ts).
  const [loaded, spec, { runDriftCheck }] = await Promise.all([context.config(), context.spec(), import('../../drift/run-drift-check.js')]);
  const result = await runDriftCheck({ git, loaded, spec }, { scope });
  context.stdout(await render(driftReporters, format, result, context.color));
  return result.passed ? ExitCode.ok : ExitCode.blocking;
}

async function baselineAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const [git, loaded, spec] = await Promise.all([context.git(), context.config(), context.spec()]);
  const { recordDriftBaseline } = await import('../../drift/baseline/record-drift-baseline.js');
  const outcome = await recordDriftBaseline({ git, loaded, spec }, { update: Boolean(options.update) });
  if (context.json) {
    context.stdout(JSON.stringify(outcome, null, 2));
  } else {
    context.stdout(
      `br-guard: ${outcome.file}: ${outcome.entries} violation(s) recorded (${outcome.added} added, ${outcome.removed} pruned); later checks fail only on new ones`,
    );
  }
  return ExitCode.ok;
}
