import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Who a process is: its pid and when it started. A pid alone is not an identity: a killed
 * process stays a zombie until its parent reaps it (in a container without an init, never),
 * and `kill(pid, 0)` succeeds on a zombie; once reaped, the pid is reused by a stranger. The
 * start time tells a stranger from the original, and the state tells a zombie from the living.
 */
export interface ProcessIdentity {
  pid: number;
  /** Linux: `/proc/<pid>/stat` field 22 (clock ticks since boot); macOS: `ps -o lstart=`. */
  startTime: string;
}

export interface ProcessStatus {
  /** One letter: R, S, D, T, Z (zombie), X (dead), ... */
  state: string;
  startTime: string;
}

/**
 * Parses `/proc/<pid>/stat`. The command name (field 2) is in parentheses and may itself hold
 * spaces and `)`, so the fields are read after the last `)`: state is field 3, start time 22.
 */
export function parseProcStat(text: string): ProcessStatus | null {
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const fields = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  const state = fields[0];
  const startTime = fields[19];
  if (!state || !startTime || !/^\d+$/.test(startTime)) return null;
  return { state, startTime };
}

/** Parses `ps -o stat=,lstart= -p PID` (macOS, BSD): `Z    Wed Dec  2 04:09:51 2026`. */
export function parsePsStatLstart(text: string): ProcessStatus | null {
  const match = /^\s*(\S+)\s+(.+?)\s*$/.exec(text.split('\n').find((line) => line.trim()) ?? '');
  if (!match) return null;
  return { state: match[1]!.charAt(0), startTime: match[2]!.replace(/\s+/g, ' ') };
}

/** A status says "alive" unless it is a zombie or dead. */
export function isLivingState(state: string): boolean {
  return state !== 'Z' && state !== 'X' && state !== 'x';
}

/** The status of a process right now, or null when there is no such process. */
export function readProcessStatus(pid: number): ProcessStatus | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (process.platform === 'linux') {
    try {
      return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return null;
    }
  }
  if (process.platform === 'win32') return null;
  try {
    return parsePsStatLstart(
      execFileSync('ps', ['-o', 'stat=,lstart=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  } catch {
    return null; // ps exits 1 when the pid does not exist.
  }
}

/** This process's identity, recorded where a later process must tell whether it still runs. */
export function currentProcessIdentity(): ProcessIdentity | null {
  const status = readProcessStatus(process.pid);
  return status ? { pid: process.pid, startTime: status.startTime } : null;
}

/**
 * Whether the process that recorded `startTime` under `pid` still runs: the pid exists, is not
 * a zombie, and started at the recorded time. Without a recorded start time (a marker from an
 * older br-guard) only the first two can be told.
 */
export function isProcessRunning(pid: number, startTime: string | null | undefined, read = readProcessStatus): boolean {
  if (process.platform === 'win32' && read === readProcessStatus) return signalZeroSucceeds(pid);
  const status = read(pid);
  if (!status || !isLivingState(status.state)) return false;
  return !startTime || status.startTime === startTime;
}

function signalZeroSucceeds(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
