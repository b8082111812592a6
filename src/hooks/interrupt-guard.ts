/**
 * Turns SIGINT/SIGTERM during a hook into "put everything back, then exit non-zero". Only
 * one restore runs; a second signal while it runs is ignored, because stopping a restore
 * half-way is the one thing worse than not restoring.
 */
export class InterruptGuard {
  private restore: (() => Promise<void>) | null = null;
  private restoring = false;
  private readonly listeners: Array<[NodeJS.Signals, () => void]> = [];

  constructor(
    private readonly exit: (code: number) => void = (code) => process.exit(code),
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  install(): void {
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const listener = (): void => void this.onSignal(signal, code);
      process.on(signal, listener);
      this.listeners.push([signal, listener]);
    }
  }

  /** While set, a signal runs `restore` before exiting. */
  arm(restore: () => Promise<void>): void {
    this.restore = restore;
  }

  disarm(): void {
    this.restore = null;
  }

  uninstall(): void {
    for (const [signal, listener] of this.listeners) process.off(signal, listener);
    this.listeners.length = 0;
  }

  async onSignal(signal: NodeJS.Signals, code: number): Promise<void> {
    if (this.restoring) return;
    this.restoring = true;
    const restore = this.restore;
    if (restore) {
      try {
        await restore();
        this.log(`br-guard: ${signal}: stopped; index and work tree are back as they were`);
      } catch (error) {
        this.log(`br-guard: ${signal}: could not restore everything (${(error as Error).message}); run br-guard doctor`);
      }
    } else {
      this.log(`br-guard: ${signal}: stopped`);
    }
    this.exit(code);
  }
}
