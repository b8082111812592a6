import { pathExists } from '../adapters/file-system.js';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';

/**
 * Whether the repository has a spec at all (config `spec`, PROJECT_SPEC.md,
 * .buildrunner/PROJECT_SPEC.md). Stages that need one are skipped, and say so, when it has
 * none; a spec that exists but does not parse is an error that blocks.
 */
export async function findSpecFile(git: Git, loaded: LoadedConfig): Promise<string | null> {
  const candidates = loaded.config.spec ? [loaded.config.spec] : ['PROJECT_SPEC.md', '.buildrunner/PROJECT_SPEC.md'];
  for (const candidate of candidates) if (await pathExists(git.absolutePath(candidate))) return candidate;
  return loaded.config.spec;
}
