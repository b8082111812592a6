import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import type { InterruptGuard } from './interrupt-guard.js';
import type { SkipSettings } from './skip-settings.js';
import type { HookSystems } from './system-deps.js';

/** Everything a hook needs, injected so tests can run hooks against fakes or real repos. */
export interface HookDeps {
  git: Git;
  loadConfig: () => Promise<LoadedConfig>;
  systems: HookSystems;
  skips: SkipSettings;
  guard: InterruptGuard;
  now: () => Date;
  /**
   * The staged raw diff against HEAD (`stagedDiffArgs('HEAD')`) when the hook read it before
   * opening the repository; the pre-commit's snapshot starts from it instead of reading it again.
   */
  stagedDiff?: string;
}
