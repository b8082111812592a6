import type { Command } from 'commander';
import { action } from '../action.js';

/** `br-guard init`: husky, the hook files, prepare, default standards and config, `.buildrunner/`. */
export function registerInitCommands(program: Command): void {
  program
    .command('init')
    .description("set up husky and br-guard's pre-commit, pre-push and post-merge hooks (idempotent)")
    .action(
      action(async (context) => {
        const git = await context.git();
        const { runInit, formatInit } = await import('../../hooks/init/run-init.js');
        const result = await runInit(git, context.cwd);
        if (context.json) context.stdout(JSON.stringify(result));
        context.stderr(formatInit(result));
        return 0;
      }),
    );
}
