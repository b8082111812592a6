import type { Command } from 'commander';
import { action } from '../action.js';

/** `br-guard init`: husky, the hook files, prepare, default standards and config, `.buildrunner/`. */
export function registerInitCommands(program: Command): void {
  program
    .command('init')
    .description("set up husky and br-guard's pre-commit, pre-push and post-merge hooks (idempotent)")
    .option('--ci <provider>', 'also write a CI workflow that runs br-guard check (github)')
    .option('--force', 'overwrite an existing CI workflow file')
    .action(
      action(async (context, options: Record<string, unknown>) => {
        const git = await context.git();
        const { runInit, formatInit } = await import('../../hooks/init/run-init.js');
        const result = await runInit(git, context.cwd, {
          ...(typeof options.ci === 'string' ? { ci: options.ci } : {}),
          force: Boolean(options.force),
        });
        if (context.json) context.stdout(JSON.stringify(result));
        context.stderr(formatInit(result));
        return 0;
      }),
    );
}
