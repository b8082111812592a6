import type { HookDeps } from './hook-deps.js';
import { runStage } from './run-stage.js';
import type { StageOutcome } from './stage-outcome.js';

/** Writes an automatic checkpoint when a build is running or paused; says nothing otherwise. */
export async function runAutoCheckpoint(deps: HookDeps, hook: string): Promise<StageOutcome | null> {
  let active: boolean;
  try {
    active = await deps.systems.isBuildActive(deps.git.root);
  } catch {
    // No build system in this install, or no readable build state: nothing to checkpoint.
    return null;
  }
  if (!active) return null;
  return runStage('checkpoint', 'br-guard build checkpoints', async () => {
    const checkpoint = await deps.systems.createCheckpoint(deps.git, { auto: true, message: `automatic checkpoint (${hook})` });
    return { status: 'passed', summary: `automatic checkpoint ${checkpoint.name} (${checkpoint.commit.slice(0, 8)})`, details: [] };
  });
}
