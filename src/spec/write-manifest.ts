import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../domain/spec.js';
import { writeFileAtomic } from '../adapters/file-system.js';

export const MANIFEST_PATH = '.buildrunner/manifest.json';

/** The manifest as written to disk (pretty, so it diffs well when a project commits it). */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Writes `.buildrunner/manifest.json` atomically; returns its absolute path.
 * @param serialized the manifest already serialized with `serializeManifest` (spares a second
 *   serialization when the caller prints it too)
 */
export async function writeManifest(root: string, manifest: Manifest, serialized = serializeManifest(manifest)): Promise<string> {
  const path = join(root, MANIFEST_PATH);
  // Evidence remembered by gap analysis (`evidence`) outlives a rewrite of the checklist.
  const evidence = await rememberedEvidence(path);
  await writeFileAtomic(path, evidence === undefined ? serialized : serializeManifest({ ...manifest, evidence } as Manifest));
  return path;
}

async function rememberedEvidence(path: string): Promise<unknown> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { evidence?: unknown };
    return parsed && typeof parsed === 'object' && parsed.evidence && typeof parsed.evidence === 'object' ? parsed.evidence : undefined;
  } catch {
    return undefined;
  }
}
