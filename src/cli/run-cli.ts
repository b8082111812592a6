import { Command, CommanderError } from 'commander';
import { isUserError } from '../domain/errors.js';
import { ExitCode } from '../domain/exit-codes.js';
import { createContext, type CommandContext, type GlobalOptions } from './context.js';
import { registerCommands } from './commands/index.js';
import { readPackageVersion } from './package-version.js';

/** An action returns its exit code; it never calls process.exit itself. */
export type CommandAction<A extends unknown[] = unknown[]> = (
  context: CommandContext,
  ...args: A
) => Promise<number>;

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
    exitCodeOf(command).code = await run(context, options, ...positional);
  };
}

const exitCodes = new WeakMap<Command, { code: number }>();
function exitCodeOf(command: Command): { code: number } {
  let root = command;
  while (root.parent) root = root.parent;
  let entry = exitCodes.get(root);
  if (!entry) exitCodes.set(root, (entry = { code: 0 }));
  return entry;
}

export function buildProgram(): Command {
  const program = new Command('br-guard')
    .description('Keeps a spec-driven build honest: build orchestration, gap analysis, quality gates, drift checks.')
    .version(readPackageVersion(), '-V, --version')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--cwd <dir>', 'run as if started in DIR')
    .option('--spec <file>', 'the spec file (default: config `spec`, PROJECT_SPEC.md, .buildrunner/PROJECT_SPEC.md)')
    .option('--no-color', 'never colour the output')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });
  registerCommands(program);
  return program;
}

/** The one error boundary: maps every outcome to an exit code and at most one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCodeOf(program).code;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander already printed the message for usage errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.ok;
    }
    return ExitCode.usage;
  }
  if (isUserError(error)) {
    process.stderr.write(`br-guard: ${error.toLine()}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (process.env.BR_GUARD_DEBUG === '1' && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  } else {
    process.stderr.write(
      `br-guard: internal error: ${message}\n  This is a bug in br-guard. Rerun with BR_GUARD_DEBUG=1 to see the stack, and report it.\n`,
    );
  }
  return 70;
}
