import { join } from 'node:path';
import { readJsonState, writeJsonAtomic } from '../../adapters/file-system.js';
import type { DriftViolation, StaleBaselineEntry } from '../types.js';

/** Where known violations are recorded, relative to the repo root. */
export const driftBaselineFile = '.buildrunner/drift-baseline.json';

export interface BaselineEntry {
  rule: string;
  /** What the violation names (file, dependency, import edge, cycle): never a line number. */
  key: string;
  file: string | null;
  message: string;
}

export interface DriftBaseline {
  version: 1;
  updatedAt: string;
  entries: BaselineEntry[];
}

export function baselineId(entry: { rule: string; key: string }): string {
  return `${entry.rule}\0${entry.key}`;
}

/** The recorded baseline, or null when there is none; a damaged file is an input error. */
export function readDriftBaseline(root: string): Promise<DriftBaseline | null> {
  return readJsonState(
    root,
    driftBaselineFile,
    isDriftBaseline,
    'not a drift baseline (expected {"version": 1, "entries": [...]}); rerun `br-guard drift baseline --update` after removing it',
  );
}

function isDriftBaseline(value: unknown): value is DriftBaseline {
  const json = value as Partial<DriftBaseline> | null;
  return (
    json?.version === 1 &&
    Array.isArray(json.entries) &&
    json.entries.every((e) => e && typeof e.rule === 'string' && typeof e.key === 'string')
  );
}

/** Marks violations the baseline knows; lists entries that matched none (only meaningful for whole-tree runs). */
export function applyBaseline(
  violations: readonly DriftViolation[],
  baseline: DriftBaseline | null,
): { violations: DriftViolation[]; stale: StaleBaselineEntry[] } {
  if (!baseline) return { violations: [...violations], stale: [] };
  const known = new Set(baseline.entries.map(baselineId));
  const seen = new Set<string>();
  const marked = violations.map((violation) => {
    const id = baselineId(violation);
    if (!known.has(id)) return violation;
    seen.add(id);
    return { ...violation, baselined: true };
  });
  const stale = baseline.entries.filter((e) => !seen.has(baselineId(e))).map((e) => ({ rule: e.rule, key: e.key, file: e.file }));
  return { violations: marked, stale };
}

/** Writes the baseline atomically; entries sorted so the file diffs well in review. */
export async function writeDriftBaseline(root: string, violations: readonly DriftViolation[], now = new Date()): Promise<DriftBaseline> {
  const entries = new Map<string, BaselineEntry>();
  for (const v of violations) entries.set(baselineId(v), { rule: v.rule, key: v.key, file: v.file, message: v.message });
  const baseline: DriftBaseline = {
    version: 1,
    updatedAt: now.toISOString(),
    entries: [...entries.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.key.localeCompare(b.key)),
  };
  await writeJsonAtomic(join(root, driftBaselineFile), baseline);
  return baseline;
}
