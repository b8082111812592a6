import type { Command } from 'commander';
import { createContext, type CommandContext, type GlobalOptions } from './context.js';

/** An action returns its exit code; it never calls process.exit itself. */
export type CommandAction<A extends unknown[] = unknown[]> = (context: CommandContext, ...args: A) => Promise<number>;

/**
 * Wraps a command action: builds the context from the global options, runs the action, and
 * returns its exit code. Errors bubble to the one boundary in `runCli`.
 */
export function action<A extends unknown[]>(
  run: (context: CommandContext, options: Record<string, unknown>, ...args: A) => Promise<number>,
): (...commanderArgs: unknown[]) => Promise<void> {
  return async (...commanderArgs: unknown[]) => {
    const command = commanderArgs[commanderArgs.length - 1] as Command;
    const options = command.optsWithGlobals() as Record<string, unknown> & GlobalOptions;
    const positional = commanderArgs.slice(0, -2) as A;
    const context = await createContext(options);
    lastExitCode(command).code = await run(context, options, ...positional);
  };
}

const exitCodes = new WeakMap<Command, { code: number }>();
/** The exit code the last action of this program returned (kept on the root command). */
export function lastExitCode(command: Command): { code: number } {
  let root = command;
  while (root.parent) root = root.parent;
  let entry = exitCodes.get(root);
  if (!entry) exitCodes.set(root, (entry = { code: 0 }));
  return entry;
}
