import { relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import type { Git } from '../../adapters/git.js';
import { UsageError } from '../../domain/errors.js';
import { ExitCode } from '../../domain/exit-codes.js';
import { action } from '../action.js';
import { chooseFormat, render } from '../output-format.js';
import { offeredFormats } from '../../report/reporter-map.js';
import type { CommandContext } from '../context.js';
import type { QualityScope } from '../../quality/types.js';

interface CheckOptions {
  staged?: boolean;
  since?: string;
  all?: boolean;
  fix?: boolean;
  sarif?: boolean;
  markdown?: boolean;
  only?: string;
  json?: boolean;
}

/** `br-guard quality check`, `quality baseline`, `quality secrets-baseline` and `quality history`. */
export function registerQualityCommands(program: Command): void {
  const quality = program.command('quality').description('quality gates: format, types, security, secrets, complexity');
  quality
    .command('check')
    .description('run the quality gate on files, the index (--staged), changes since REF, or everything (--all)')
    .argument('[files...]', 'files to check (default: what is staged)')
    .option('--staged', 'check the content staged in the index')
    .option('--since <ref>', 'check files changed since REF (committed or not)')
    .option('--all', 'check every tracked and untracked, not ignored file')
    .option('--fix', 'apply Prettier, ESLint, Ruff and Black fixes first, then re-check')
    .option('--only <checks>', 'comma-separated check names to run (e.g. eslint,prettier,secrets)')
    .option('--sarif', 'print SARIF 2.1.0 on stdout')
    .option('--markdown', 'print a Markdown report on stdout')
    .action(action(checkAction));
  quality
    .command('secrets-baseline')
    .description('accept the secrets found today: record their fingerprints in .buildrunner/secrets-baseline.json')
    .action(action(baselineAction));
  quality
    .command('baseline')
    .description("record today's findings of every check in .buildrunner/quality-baseline.json so later checks fail only on new ones")
    .option('--update', "rewrite an existing baseline: record today's findings again (new ones added, fixed ones pruned)")
    .action(action(qualityBaselineAction));
  quality
    .command('history')
    .description('scan the lines each commit added for secrets (default: the whole history); exit 1 when one is found')
    .argument('[range]', 'commits to scan, e.g. main..HEAD or v1.0..')
    .action(action(historyAction));
}

async function historyAction(context: CommandContext, _options: Record<string, unknown>, range?: string): Promise<number> {
  const git = await context.git();
  const { scanHistory } = await import('../../quality/secrets/scan-history.js');
  const result = await scanHistory(git, range ? { range } : {});
  for (const what of result.unreadable) context.stderr(`br-guard: quality history: could not read ${what}`);
  if (context.json) {
    context.stdout(JSON.stringify({ findings: result.findings, commits: result.commits, unreadable: result.unreadable }, null, 2));
  } else {
    for (const f of result.findings) context.stdout(`${f.commit.slice(0, 12)} ${f.file}:${f.line} ${f.rule}: ${f.message}`);
    context.stderr(`br-guard: quality history: ${result.commits} commit(s) scanned, ${result.findings.length} secret(s) found`);
  }
  return result.findings.length ? ExitCode.blocking : ExitCode.ok;
}

async function checkAction(context: CommandContext, options: Record<string, unknown>, files: string[] = []): Promise<number> {
  const opts = options as CheckOptions;
  // A person re-running the check after a commit (or before one) gets the warm worker's loaded tools.
  (await import('../../quality/warm-worker/worker-switch.js')).allowWarmWorker();
  const { qualityReporters } = await import('../../report/quality-reporters.js');
  const format = chooseFormat(
    { json: context.json, sarif: opts.sarif, markdown: opts.markdown },
    offeredFormats(qualityReporters),
    'quality check',
  );
  const only = opts.only
    ? opts.only
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
    : undefined;
  const [{ git, scope }, loaded] = await Promise.all([
    context.git().then(async (opened) => {
      const chosen = await withSnapshot(opened, scopeFrom(opts, files, context.cwd, opened.root));
      await startTools(opened, chosen, only);
      return { git: opened, scope: chosen };
    }),
    context.config(),
  ]);
  const { runQualityCheck } = await import('../../quality/run-quality-check.js');
  const result = await runQualityCheck({ git, loaded }, { scope, fix: Boolean(opts.fix), ...(only ? { only } : {}) });
  context.stdout(await render(qualityReporters, format, result, context.color));
  if (format !== 'text') for (const note of result.fixNotes) context.stderr(`br-guard: ${note}`);
  return result.passed ? ExitCode.ok : ExitCode.blocking;
}

/** A staged scope reads the index once, into the snapshot the check then judges. */
async function withSnapshot(git: Git, scope: ReturnType<typeof scopeFrom>): Promise<QualityScope> {
  if (scope.kind !== 'staged') return scope;
  const { StagedSnapshot } = await import('../../adapters/staged-snapshot.js');
  return { kind: 'staged', snapshot: await StagedSnapshot.take(git) };
}

/**
 * For a staged or file scope, starts the slow tools (ESLint) loading before the config and the
 * files are read: their names are all it needs. `--all` and `--since` start them once the scope is known.
 */
async function startTools(git: Git, scope: QualityScope, only: string[] | undefined): Promise<void> {
  const paths =
    scope.kind === 'staged' ? (scope.snapshot?.changedFiles() ?? []).map((file) => file.path) : scope.kind === 'files' ? scope.files : [];
  if (!paths.length) return;
  const { prepareQualityCheck } = await import('../../quality/run-quality-check.js');
  prepareQualityCheck(git.root, paths, only);
}

function scopeFrom(opts: CheckOptions, files: string[], cwd: string, root: string) {
  const chosen = [opts.staged, opts.since !== undefined, opts.all, files.length > 0].filter(Boolean).length;
  if (chosen > 1) throw new UsageError('choose one scope: FILES, --staged, --since REF or --all');
  if (opts.all) return { kind: 'all' as const };
  if (opts.since !== undefined) return { kind: 'since' as const, ref: opts.since };
  if (files.length) {
    return {
      kind: 'files' as const,
      files: files.map((file) => {
        const path = relative(root, resolve(cwd, file));
        if (path.startsWith('..')) throw new UsageError(`${file}: outside the repository`);
        return path.split(sep).join('/');
      }),
    };
  }
  return { kind: 'staged' as const };
}

async function baselineAction(context: CommandContext): Promise<number> {
  const [git, loaded] = await Promise.all([context.git(), context.config()]);
  const { runQualityCheck } = await import('../../quality/run-quality-check.js');
  const { writeSecretsBaseline, readSecretsBaselineEntries, SECRETS_BASELINE } = await import('../../quality/secrets/secrets-baseline.js');
  const known = await readSecretsBaselineEntries(git.root);
  const result = await runQualityCheck({ git, loaded }, { scope: { kind: 'all' }, fix: false, only: ['secrets'] });
  // The secrets the baseline already holds come back as `baselined`: only the others are added.
  const entries = result.findings
    .filter((f) => f.status !== 'baselined')
    .map((f) => ({ fingerprint: f.fingerprint, file: f.file ?? '', rule: f.rule }));
  await writeSecretsBaseline(git.root, [...known, ...entries]);
  if (context.json) context.stdout(JSON.stringify({ file: SECRETS_BASELINE, added: entries.length, total: known.length + entries.length }));
  else context.stderr(`br-guard: recorded ${entries.length} new secret fingerprint(s) in ${SECRETS_BASELINE}`);
  return ExitCode.ok;
}

async function qualityBaselineAction(context: CommandContext, options: Record<string, unknown>): Promise<number> {
  const [git, loaded] = await Promise.all([context.git(), context.config()]);
  const { recordQualityBaseline, formatQualityBaseline } = await import('../../quality/baseline/record-quality-baseline.js');
  const outcome = await recordQualityBaseline({ git, loaded }, { update: Boolean(options.update) });
  if (context.json) context.stdout(JSON.stringify(outcome, null, 2));
  else for (const line of formatQualityBaseline(outcome)) context.stdout(`br-guard: ${line}`);
  return ExitCode.ok;
}
