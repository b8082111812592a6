import { appendFileSync } from 'node:fs';

/**
 * `BR_GUARD_TRACE=<file>`: a timeline of one run (wall-clock milliseconds, and what happened),
 * appended to the file when the process exits. For finding out where a slow hook spends its
 * time; off (one env read) otherwise. Several processes may append to one file (the hook and the
 * warm worker): each line names its pid.
 */
const target = process.env.BR_GUARD_TRACE || null;
/** Whether this run is traced: callers that build a mark's text guard it with this (hot paths). */
export const tracing = target !== null;
const marks: string[] = [];

function flush(): void {
  try {
    if (target && marks.length) appendFileSync(target, marks.splice(0).join(''));
  } catch {
    // A trace that cannot be written is no reason to fail the run.
  }
}

if (target)
  process.on('exit', () => {
    traceMark(`exit (RSS ${Math.round(process.memoryUsage.rss() / 1024 / 1024)} MB)`);
    flush();
  });

/** Notes that `what` happened now (no-op unless BR_GUARD_TRACE is set). */
export function traceMark(what: string): void {
  if (!target) return;
  marks.push(`${process.pid} ${(performance.timeOrigin + performance.now()).toFixed(1)} ${what}\n`);
  // A long-lived process (the warm worker) writes as it goes rather than holding everything.
  if (marks.length >= 200) flush();
}
