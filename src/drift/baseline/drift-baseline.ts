import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../adapters/file-system.js';
import { InputError } from '../../domain/errors.js';
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
export async function readDriftBaseline(root: string): Promise<DriftBaseline | null> {
  let text: string;
  try {
    text = await readFile(join(root, driftBaselineFile), 'utf8');
  } catch {
    return null;
  }
  let json: Partial<DriftBaseline> | null = null;
  try {
    json = JSON.parse(text) as Partial<DriftBaseline>;
  } catch {
    // reported below
  }
  const valid =
    json?.version === 1 &&
    Array.isArray(json.entries) &&
    json.entries.every((e) => e && typeof e.rule === 'string' && typeof e.key === 'string');
  if (!valid) {
    throw new InputError(
      `not a drift baseline (expected {"version": 1, "entries": [...]}); rerun \`br-guard drift baseline --update\` after removing it`,
      {
        file: driftBaselineFile,
      },
    );
  }
  return json as DriftBaseline;
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
