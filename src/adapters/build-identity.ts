import { stat } from 'node:fs/promises';
import { readPackageVersion } from './package-version.js';

let memo: Promise<string> | null = null;

/**
 * Which br-guard build is running: its version and the stat of this very module, which every
 * build rewrites. Caches and the warm worker are keyed by it, so a checkout rebuilt without a
 * version bump never reuses what an older build computed.
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
  return `${version}:${await statPart(new URL(import.meta.url))}`;
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
