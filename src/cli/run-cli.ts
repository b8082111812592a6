import { createRequire } from 'node:module';
import type * as commander from 'commander';
import { classifyError, errorLines } from '../domain/errors.js';
import { ExitCode } from '../domain/exit-codes.js';
import { lastExitCode } from './action.js';
import { registerCommands } from './commands/index.js';
import { readPackageVersion } from '../adapters/package-version.js';

// commander is CommonJS: requiring it directly skips the ESM wrapper, whose export scan
// (cjs-module-lexer) cost about 10 ms of every CLI start.
const { Command, CommanderError } = createRequire(import.meta.url)('commander') as typeof commander;
type Command = commander.Command;

export function buildProgram(): Command {
  const program = new Command('br-guard')
    .description('Keeps a spec-driven build honest: build orchestration, gap analysis, quality gates, drift checks.')
    .version(readPackageVersion(), '-V, --version')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--cwd <dir>', 'run as if started in DIR')
    .option('--spec <file>', 'the spec file (default: config `spec`, PROJECT_SPEC.md, .buildrunner/PROJECT_SPEC.md)')
    .option('--no-color', 'never colour the output')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      // Usage errors are one line, like every other user error: `br-guard: <what> (see --help)`.
      outputError: (text, write) => write(`br-guard: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    });
  registerCommands(program);
  return program;
}

/** The one error boundary: maps every outcome to an exit code and at most one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await noticeInterruptedHook(argv);
    await program.parseAsync(argv, { from: 'user' });
    return lastExitCode(program).code;
  } catch (error) {
    return reportError(error);
  }
}

/** A hook killed mid-run (SIGKILL) leaves a backup: every command says how to restore it. */
async function noticeInterruptedHook(argv: string[]): Promise<void> {
  if (argv[0] === 'hook') return; // `hook` reports it itself (pre-commit blocks on it; restore acts on it).
  const at = argv.indexOf('--cwd');
  const cwd = at !== -1 && argv[at + 1] ? argv[at + 1]! : process.cwd();
  const { leftoverNotice } = await import('../hooks/leftover-notice.js');
  const notice = await leftoverNotice(cwd);
  if (notice) process.stderr.write(`${notice}\n`);
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander already printed the message for usage errors.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.ok;
    }
    return ExitCode.usage;
  }
  const report = classifyError(error);
  process.stderr.write(`${errorLines(report).join('\n')}\n`);
  return report.exitCode;
}
