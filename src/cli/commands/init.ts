import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { action } from '../action.js';

/** `br-guard init`: husky, the hook files, prepare, default standards and config, `.buildrunner/`. */
export function registerInitCommands(program: Command): void {
  program
    .command('init')
    .description("set up husky and br-guard's pre-commit, pre-push and post-merge hooks (idempotent)")
    .option('--ci <provider>', 'also write a CI workflow that runs br-guard check (github)')
    .option('--force', 'overwrite an existing CI workflow file (and, with --draft-spec, an existing spec)')
    .option('--draft-spec', 'also write a PROJECT_SPEC.md drafted from the repository (as `br-guard spec draft`)')
    .option('--baseline', "also record today's drift and quality findings as baselines, so check fails only on new ones")
    .option('--engines <engines>', 'lint and format engines for the new config: default (ESLint, Prettier) or native (oxlint, oxfmt)')
    .action(
      action(async (context, options: Record<string, unknown>) => {
        const engines = options.engines ?? 'default';
        if (engines !== 'default' && engines !== 'native')
          throw new UsageError(`--engines: expected default or native, got "${String(engines)}"`);
        const git = await context.git();
        // Drafted (or refused: a spec exists, nothing to draft from) before init sets anything up.
        const draft =
          options.draftSpec === true ? await (await import('./spec-draft.js')).prepareDraft(context, { force: options.force }) : null;
        const { runInit, formatInit } = await import('../../hooks/init/run-init.js');
        const result = await runInit(git, context.cwd, {
          ...(typeof options.ci === 'string' ? { ci: options.ci } : {}),
          force: Boolean(options.force),
          engines,
        });
        context.stderr(formatInit(result));
        const specDraft = draft ? await (await import('./spec-draft.js')).writeDraft(context, draft) : null;
        // After the draft: the drift baseline judges the code against the spec just written.
        let baselines = null;
        if (options.baseline === true) {
          const { recordBaselines, formatBaselines } = await import('./record-baselines.js');
          baselines = await recordBaselines(context, git);
          context.stderr(await formatBaselines(baselines));
        }
        if (context.json)
          context.stdout(JSON.stringify({ ...result, ...(specDraft ? { specDraft } : {}), ...(baselines ? { baselines } : {}) }));
        return 0;
      }),
    );
}
