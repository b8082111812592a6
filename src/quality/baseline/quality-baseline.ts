import { join } from 'node:path';
import { readJsonState, writeJsonAtomic } from '../../adapters/file-system.js';
import type { Finding } from '../../domain/findings.js';

/** Where today's accepted quality findings are recorded, relative to the repo root. */
export const QUALITY_BASELINE = '.buildrunner/quality-baseline.json';

/**
 * One accepted finding, by content: its fingerprint (rule, file and the line's text, never the
 * line number) and how many findings share it (two identical lines in a file), so a third one
 * with the same text is new. `check`, `rule` and `file` are there for a person reading the file.
 */
export interface QualityBaselineEntry {
  fingerprint: string;
  check: string;
  rule: string;
  file: string | null;
  count: number;
}

/** No timestamps, sorted: recording the same findings twice writes the same bytes. */
export interface QualityBaseline {
  version: 1;
  findings: QualityBaselineEntry[];
}

/** The recorded baseline, or null when there is none; a damaged file is an input error (exit 2) naming it. */
export function readQualityBaseline(root: string): Promise<QualityBaseline | null> {
  return readJsonState(
    root,
    QUALITY_BASELINE,
    isQualityBaseline,
    'not a quality baseline (expected {"version": 1, "findings": [...]}); `br-guard quality baseline --update` records it again',
  );
}

function isQualityBaseline(value: unknown): value is QualityBaseline {
  const json = value as Partial<QualityBaseline> | null;
  return json?.version === 1 && Array.isArray(json.findings) && json.findings.every(isEntry);
}

function isEntry(entry: unknown): entry is QualityBaselineEntry {
  const e = entry as Partial<QualityBaselineEntry> | null;
  return Boolean(e) && typeof e!.fingerprint === 'string' && typeof e!.check === 'string' && Number.isInteger(e!.count ?? 1);
}

/** Groups findings by fingerprint into the baseline's entries, sorted so the file diffs well. */
export function baselineEntries(findings: readonly Finding[]): QualityBaselineEntry[] {
  const entries = new Map<string, QualityBaselineEntry>();
  for (const f of findings) {
    const entry = entries.get(f.fingerprint);
    if (entry) entry.count++;
    else entries.set(f.fingerprint, { fingerprint: f.fingerprint, check: f.check, rule: f.rule, file: f.file, count: 1 });
  }
  return [...entries.values()].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.check.localeCompare(b.check) ||
      a.rule.localeCompare(b.rule) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}

/** Writes the baseline atomically (a temporary file, then a rename). */
export async function writeQualityBaseline(root: string, findings: readonly Finding[]): Promise<QualityBaseline> {
  const baseline: QualityBaseline = { version: 1, findings: baselineEntries(findings) };
  await writeJsonAtomic(join(root, QUALITY_BASELINE), baseline);
  return baseline;
}
