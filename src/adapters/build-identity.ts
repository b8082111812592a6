import { stat } from 'node:fs/promises';
import { readPackageVersion } from './package-version.js';

let memo: Promise<string> | null = null;

/**
 * Which br-guard build is running: its version, the stat of this very module and the stat of
 * tsc's build stamp (dist/.tsbuildinfo). An incremental tsc build re-emits only the files that
 * changed, so this module's stat alone stays the same across most rebuilds of a checkout; the
 * stamp is rewritten by every build that emits anything. A published package has no stamp and
 * never changes in place. Caches and the warm worker are keyed by it, so a checkout rebuilt
 * without a version bump never reuses what an older build computed. (The hook bundle keeps this
 * module's own URL, scripts/bundle-hook.mjs, so the hook and the worker agree on it.)
 */
export function brGuardBuildId(): Promise<string> {
  return (memo ??= computeBuildId());
}

async function computeBuildId(): Promise<string> {
  let version = 'unknown';
  try {
    version = readPackageVersion();
  } catch {
    // An unreadable manifest: the module's stat alone tells builds apart.
  }
  const [own, stamp] = await Promise.all([statPart(new URL(import.meta.url)), statPart(new URL('../../.tsbuildinfo', import.meta.url))]);
  return `${version}:${own}:${stamp}`;
}

/** size:mtimeNs:inode, or `-` for a file that is not there. */
export async function statPart(path: string | URL): Promise<string> {
  try {
    const info = await stat(path, { bigint: true });
    return `${info.size}:${info.mtimeNs}:${info.ino}`;
  } catch {
    return '-';
  }
}
