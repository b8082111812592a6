import { Git, type GitRunOptions } from '../../src/adapters/git.js';
import type { RunResult } from '../../src/adapters/process-runner.js';

/** A captured answer: stdout (exit 0), or a whole result. */
export type FakeAnswer = string | Buffer | { code: number; stdout?: string; stderr?: string };

export interface FakeGit {
  git: Git;
  /** Every command run, as its arguments joined by spaces (stdin after ` < `). */
  calls: string[];
}

/**
 * A Git whose commands are answered in memory from captured output, keyed by the arguments
 * joined with spaces (`stdin` appended after ` < ` where a command reads it). A command with no
 * answer fails the test: a unit under test that runs something unexpected is a finding.
 */
export function fakeGit(answers: Record<string, FakeAnswer>, root = '/repo'): FakeGit {
  const calls: string[] = [];
  const git = Git.withExecutor({ root, gitDir: `${root}/.git` }, async (_cwd, args, options: GitRunOptions) => {
    const key = options.input === undefined ? args.join(' ') : `${args.join(' ')} < ${options.input.toString()}`;
    calls.push(key);
    const answer = answers[key];
    if (answer === undefined) throw new Error(`fake git: no answer for \`git ${key}\``);
    return toResult(answer);
  });
  return { git, calls };
}

function toResult(answer: FakeAnswer): RunResult {
  if (typeof answer === 'string' || Buffer.isBuffer(answer)) {
    const buffer = Buffer.isBuffer(answer) ? answer : Buffer.from(answer);
    return { code: 0, stdout: buffer.toString('utf8'), stdoutBuffer: buffer, stderr: '', timedOut: false, signal: null };
  }
  const buffer = Buffer.from(answer.stdout ?? '');
  return {
    code: answer.code,
    stdout: buffer.toString('utf8'),
    stdoutBuffer: buffer,
    stderr: answer.stderr ?? '',
    timedOut: false,
    signal: null,
  };
}
