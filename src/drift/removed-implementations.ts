import type { Git } from '../adapters/git.js';
import type { FileChange } from './diff/change-set.js';
import type { Snapshot } from './diff/snapshot.js';

/** A staged change that deletes, empties or stubs the remembered evidence of a requirement. */
export interface RemovedImplementation {
  itemId: string;
  text: string;
  file: string;
  symbol: string | null;
  line: number;
  what: 'deleted' | 'emptied' | 'stubbed' | 'hollowed' | 'unserved' | 'dangling' | 'cut';
  /** For `dangling`: the deleted definition the evidence still calls. */
  use?: { name: string; file: string };
}

/**
 * Checks the change against the evidence gap analysis remembered for done items
 * (`.buildrunner/manifest.json`, `evidence`): only files the change touches are read and
 * scanned, on the after side (the index, for `--staged`). Nothing remembered, nothing to do.
 */
export async function findRemovedImplementations(
  git: Git,
  changes: readonly FileChange[],
  after: Snapshot,
): Promise<RemovedImplementation[]> {
  const { readEvidenceMemory } = await import('../gaps/evidence-memory-file.js');
  let memory;
  try {
    ({ memory } = await readEvidenceMemory(git.root));
  } catch {
    // A broken manifest is gap analysis's to report; drift has nothing to compare with.
    return [];
  }
  const items = Object.entries(memory);
  if (items.length === 0) return [];
  const touched = new Set<string>();
  for (const change of changes) {
    touched.add(change.path);
    if (change.from) touched.add(change.from);
  }
  // A record's file, or a file defining something a record calls (deleting it breaks the caller).
  const recorded = new Set(
    items.flatMap(([, item]) => item.records.flatMap((record) => [record.file, ...(record.uses ?? []).map((use) => use.file)])),
  );
  const hit = [...recorded].filter((file) => touched.has(file));
  if (hit.length === 0) return [];
  const [{ isScannable, scanFile }, { objectionsTo }] = await Promise.all([
    import('../gaps/scanner/scan-file.js'),
    import('../gaps/evidence-memory.js'),
  ]);
  // The after side of every touched file: a definition may have moved to any of them.
  const wanted = [...touched].filter((file) => isScannable(file));
  const present = await after.files();
  const texts = await after.readMany(wanted.filter((file) => present.has(file)));
  const scans = new Map<string, Awaited<ReturnType<typeof scanFile>>>();
  for (const [file, text] of texts) if (text !== null) scans.set(file, await scanFile(file, text));
  const only = new Set(hit);
  const found: RemovedImplementation[] = [];
  for (const [itemId, item] of items.sort(([a], [b]) => a.localeCompare(b))) {
    const objections = objectionsTo(item, { scans }, only);
    // A deleted file says it all for the definitions in it; each definition is named once.
    const goneFiles = new Set(objections.filter((o) => o.record.symbol === null && o.what === 'deleted').map((o) => o.record.file));
    const seen = new Set<string>();
    for (const objection of objections) {
      if (objection.record.symbol !== null && goneFiles.has(objection.record.file)) continue;
      const key = `${objection.record.file}\0${objection.record.symbol ?? ''}\0${objection.use?.name ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({
        itemId,
        text: item.text,
        file: objection.record.file,
        symbol: objection.record.symbol,
        line: objection.record.line,
        what: objection.what,
        ...(objection.use ? { use: objection.use } : {}),
      });
    }
  }
  return found;
}
