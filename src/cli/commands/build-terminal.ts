import { createInterface } from 'node:readline';
import { userInfo } from 'node:os';
import type { CommandContext } from '../context.js';
import type { BuildEvent } from '../../build/execute-build.js';
import type { GateDecision, GateRecord } from '../../build/build-state.js';
import type { GateAnswer } from '../../build/gates.js';

/** Who answers a gate: `--by`, else git's user.name, else the login name. */
export async function whoAnswers(context: CommandContext, by: unknown): Promise<string> {
  if (typeof by === 'string' && by.trim()) return by.trim();
  const git = await context.git();
  const name = (await git.run(['config', 'user.name'], { allowFailure: true })).stdout.trim();
  return name || userInfo().username;
}

/** Whether a person is at the terminal to answer gates. */
export function interactive(context: CommandContext): boolean {
  return !context.json && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY) && process.env.CI === undefined;
}

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Ctrl-C at the prompt. */
  onInterrupt?: () => void;
  /** Treat the streams as a terminal (default: whether the output is a TTY). */
  terminal?: boolean;
}

/** Asks the person at the terminal to answer a gate; a gate with a timeout takes its default when the time runs out. */
export function terminalAsk(
  by: string,
  io: TerminalIo = { input: process.stdin, output: process.stderr },
): (gate: GateRecord, choices: GateDecision[]) => Promise<GateAnswer | null> {
  return (gate, choices) =>
    new Promise((resolve) => {
      const rl = createInterface({
        input: io.input,
        output: io.output,
        terminal: io.terminal ?? Boolean((io.output as { isTTY?: boolean }).isTTY),
      });
      let timer: NodeJS.Timeout | undefined;
      const finish = (answer: GateAnswer | null) => {
        if (timer) clearTimeout(timer);
        rl.close();
        resolve(answer);
      };
      const answer = (decision: GateDecision, who: string) =>
        finish({ gate: gate.id, decision, by: who, at: new Date().toISOString(), note: null });
      if (gate.timeoutAt && gate.defaultAction) {
        const action = gate.defaultAction;
        timer = setTimeout(() => answer(action, 'timeout'), Math.max(0, Date.parse(gate.timeoutAt) - Date.now()));
      }
      rl.on('SIGINT', () => {
        finish(null);
        io.onInterrupt?.();
      });
      const ask = () =>
        rl.question(`\ngate ${gate.id}: ${gate.message}\n  ${choices.join(' / ')}? `, (text) => {
          const typed = text.trim().toLowerCase();
          const picked = typed ? choices.find((choice) => choice.startsWith(typed)) : undefined;
          if (picked) answer(picked, by);
          else ask();
        });
      ask();
    });
}

/**
 * Progress on stderr: on a TTY one live line (which tasks run, done/total, elapsed), otherwise
 * one line per event.
 */
export interface ProgressReporter {
  onEvent: (event: BuildEvent) => void;
  /** While a prompt waits, the live line must not draw over it. */
  suspend: () => void;
  resume: () => void;
  stop: () => void;
}

export function progressReporter(
  context: CommandContext,
  total: number,
  live = Boolean(process.stderr.isTTY) && !context.json,
): ProgressReporter {
  const started = Date.now();
  const running = new Set<string>();
  let done = 0;
  let suspended = false;
  const render = () => {
    if (suspended) return;
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\r\x1b[K[${done}/${total}] ${elapsed}s running: ${[...running].join(', ') || '-'}`);
  };
  const timer = live ? setInterval(render, 250) : undefined;
  timer?.unref();
  const say = (line: string) => {
    if (live && !suspended) process.stderr.write('\r\x1b[K');
    context.stderr(line);
    if (live) render();
  };
  return {
    onEvent: (event) => {
      if (event.type === 'task-start') {
        running.add(event.task);
        say(`▶ ${event.task}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`);
      } else if (event.type === 'task-end') {
        running.delete(event.task);
        if (event.status === 'done') done++;
        const time = `${(event.durationMs / 1000).toFixed(1)}s`;
        say(
          event.status === 'done'
            ? `✓ ${event.task} (${time})`
            : `✗ ${event.task} failed with exit ${event.exitCode} (${time}); log: ${event.log}`,
        );
      } else if (event.type === 'gate') {
        say(`⏸ gate ${event.gate.id}: ${event.gate.message}`);
      } else if (event.type === 'checkpoint') {
        say(`checkpoint ${event.name} (batch ${event.batch + 1} finished)`);
      } else {
        say(`warning: ${event.message}`);
      }
    },
    suspend: () => {
      if (live) process.stderr.write('\r\x1b[K');
      suspended = true;
    },
    resume: () => {
      suspended = false;
    },
    stop: () => {
      if (timer) clearInterval(timer);
      if (live && !suspended) process.stderr.write('\r\x1b[K');
    },
  };
}
