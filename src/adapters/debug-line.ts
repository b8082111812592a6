/** One line on stderr under `BR_GUARD_DEBUG` (any value): why a fast path was not taken, and the like. */
export function debugLine(line: string): void {
  if (process.env.BR_GUARD_DEBUG) process.stderr.write(`br-guard: debug: ${line}\n`);
}
