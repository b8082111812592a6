import type { Command } from 'commander';
import { action } from '../action.js';

/**
 * `br-guard hook pre-commit|pre-push|post-merge` (what the hook scripts run) and
 * `br-guard hook restore REF` (the one command that undoes a hook that was killed).
 */
export function registerHookCommands(program: Command): void {
  const hook = program.command('hook').description('run a git hook (what the .husky scripts call), or restore a hook backup');
  for (const [name, description, args] of [
    ['pre-commit', 'secrets, drift and quality (with fixes) on what is staged', '[args...]'],
    ['pre-push', 'drift (and optionally gaps, quality) on each pushed range; refs on stdin', '[remote] [url]'],
    ['post-merge', 'refresh manifest and progress, report spec changes and new gaps', '[squash]'],
  ] as const) {
    hook
      .command(`${name} ${args}`)
      .description(description)
      .action(
        action(async (context, _options, ...positional: unknown[]) => {
          const { runHook, readAllStdin } = await import('../../hooks/run-hook.js');
          const args = positional.flatMap((value) =>
            Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)],
          );
          return runHook(name, args, {
            env: process.env,
            color: context.color,
            stderr: context.stderr,
            readStdin: readAllStdin,
            openGit: context.git,
          });
        }),
      );
  }
  hook
    .command('restore [ref]')
    .description('put back the index and work tree saved before a hook changed files (refs/buildrunner/backup/...)')
    .option('--discard', 'forget the leftover backup of an interrupted hook and keep the files as they are')
    .action(
      action(async (context, options, ref?: string) => {
        const git = await context.git();
        const { restoreBackup, discardLeftover, newestBackupRef } = await import('../../hooks/restore-backup.js');
        if (options.discard) {
          const dropped = await discardLeftover(git);
          context.stderr(
            dropped
              ? `br-guard: forgot the interrupted hook's backup; it stays in ${dropped} if you change your mind`
              : 'br-guard: no interrupted hook to forget',
          );
          return 0;
        }
        let target = ref;
        if (!target) {
          const { findLeftoverBackup } = await import('../../hooks/backup.js');
          const leftover = await findLeftoverBackup(git.gitDir);
          // A marker too damaged to name its backup: the newest one is from just before it.
          target = leftover?.unreadable ? ((await newestBackupRef(git)) ?? undefined) : leftover?.ref;
        }
        if (!target) {
          const { UsageError } = await import('../../domain/errors.js');
          throw new UsageError('no interrupted hook found; name the backup: br-guard hook restore refs/buildrunner/backup/<name>');
        }
        const result = await restoreBackup(git, target);
        if (context.json) context.stdout(JSON.stringify(result));
        context.stderr(
          `br-guard: restored index and ${result.restoredFiles.length} work tree file(s) from ${result.ref}\n` +
            `  the state just before is saved in ${result.savedAs} (br-guard hook restore ${result.savedAs} undoes this)`,
        );
        return 0;
      }),
    );
}
