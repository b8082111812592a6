/**
 * Whether this process may use the warm worker. Off by default: only the pre-commit hook and
 * `br-guard quality check` turn it on (a library caller should not leave a background process
 * behind), and `BR_GUARD_WORKER=0` turns it off whatever asks (no spawn, no connect). Under CI
 * (`CI` set) it is off unless `BR_GUARD_WORKER=1`: a job checks once, and a worker would only
 * outlive it.
 */
let allowed = false;

export function allowWarmWorker(): void {
  allowed = true;
}

export function warmWorkerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!allowed || env.BR_GUARD_WORKER === '0') return false;
  return env.BR_GUARD_WORKER === '1' || !env.CI || env.CI === 'false' || env.CI === '0';
}

/** For tests that exercise both paths in one process. */
export function disallowWarmWorker(): void {
  allowed = false;
}
