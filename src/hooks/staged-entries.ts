import type { StagedFile, StagedSnapshot } from '../adapters/staged-snapshot.js';

/**
 * The staged files the text stages (quality with fixes) may read, and a note for each one left
 * out: over `maxBytes` (its size is read, its content never) or binary. The blobs read here stay
 * in the snapshot for the stages that follow.
 */
export async function textEntries(snapshot: StagedSnapshot, maxBytes: number): Promise<{ text: StagedFile[]; notes: string[] }> {
  const entries = snapshot.changedFiles();
  if (!entries.length) return { text: [], notes: [] };
  const { skipped } = await snapshot.textBlobs(
    entries.map((entry) => entry.blob),
    maxBytes,
  );
  return {
    text: entries.filter((entry) => !skipped.has(entry.blob)),
    notes: entries.flatMap((entry) => {
      const reason = skipped.get(entry.blob);
      return reason ? [`br-guard: ${entry.path}: skipped by the text checks (${reason})`] : [];
    }),
  };
}
