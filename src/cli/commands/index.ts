import type { Command } from 'commander';

/**
 * Every command group registers itself here. Group modules only declare commands and options;
 * their actions import the system they drive lazily, so `br-guard hook pre-commit` never loads
 * eslint unless it has files to lint.
 */
export function registerCommands(program: Command): void {
  void program;
}
