import { readFile, stat } from 'node:fs/promises';

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
  const manifest = new URL('../../../package.json', import.meta.url);
  const version = await readFile(manifest, 'utf8')
    .then((text) => (JSON.parse(text) as { version?: string }).version ?? 'unknown')
    .catch(() => 'unknown');
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
