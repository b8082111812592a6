import type { EvidenceUse } from './evidence-dependencies.js';
import type { EvidenceMemory, EvidenceRecord } from './evidence-memory.js';

// The remembered evidence as a file: `.buildrunner/manifest.json`, field `evidence` (see evidence-memory.ts).

/** Reads the `evidence` field of a parsed manifest file, ignoring entries of the wrong shape. */
export function parseEvidenceMemory(value: unknown): EvidenceMemory {
  const memory: EvidenceMemory = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return memory;
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object') continue;
    const { text, records } = entry as { text?: unknown; records?: unknown };
    if (typeof text !== 'string' || !Array.isArray(records)) continue;
    const valid = records.filter(
      (record): record is EvidenceRecord =>
        Boolean(record) &&
        typeof (record as EvidenceRecord).file === 'string' &&
        ((record as EvidenceRecord).symbol === null || typeof (record as EvidenceRecord).symbol === 'string') &&
        typeof (record as EvidenceRecord).hash === 'string' &&
        typeof (record as EvidenceRecord).size === 'number' &&
        typeof (record as EvidenceRecord).line === 'number' &&
        optionalStrings((record as EvidenceRecord).twins) &&
        optionalEndpoint((record as EvidenceRecord).endpoint) &&
        optionalUses((record as EvidenceRecord).uses) &&
        optionalStrings((record as EvidenceRecord).terms),
    );
    if (valid.length > 0) memory[id] = { text, records: valid };
  }
  return memory;
}

function optionalStrings(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
}

function optionalUses(value: unknown): boolean {
  if (value === undefined) return true;
  return (
    Array.isArray(value) &&
    value.every((use) => Boolean(use) && typeof (use as EvidenceUse).name === 'string' && typeof (use as EvidenceUse).file === 'string')
  );
}

function optionalEndpoint(value: unknown): boolean {
  if (value === undefined) return true;
  const endpoint = value as { method?: unknown; path?: unknown } | null;
  return Boolean(endpoint) && typeof endpoint?.method === 'string' && typeof endpoint.path === 'string';
}

/** The manifest file's path, relative to the repository root. */
export const MEMORY_FILE = '.buildrunner/manifest.json';

/**
 * Reads remembered evidence from `.buildrunner/manifest.json`; none when the file is absent. A
 * file that is not JSON is bad input (exit 2 naming it), never silently replaced.
 */
export async function readEvidenceMemory(root: string): Promise<{ memory: EvidenceMemory; file: Record<string, unknown> | null }> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  let text: string;
  try {
    text = await readFile(join(root, MEMORY_FILE), 'utf8');
  } catch {
    return { memory: {}, file: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { InputError } = await import('../domain/errors.js');
    throw new InputError(`not valid JSON (${(error as Error).message}); fix it or delete it and run \`br-guard manifest\``, {
      file: MEMORY_FILE,
      line: 1,
    });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { memory: {}, file: null };
  const file = parsed as Record<string, unknown>;
  return { memory: parseEvidenceMemory(file.evidence), file };
}

/**
 * Writes the remembered evidence into the manifest file atomically (temp file, then rename),
 * only when it changed; the manifest's own fields are kept, or written from `manifest` when the
 * file does not exist yet.
 */
export async function writeEvidenceMemory(
  root: string,
  memory: EvidenceMemory,
  previous: { memory: EvidenceMemory; file: Record<string, unknown> | null },
  manifest: object,
): Promise<boolean> {
  if (stableJson(memory) === stableJson(previous.memory)) return false;
  if (Object.keys(memory).length === 0 && !previous.file) return false;
  const { join } = await import('node:path');
  const { writeFileAtomic } = await import('../adapters/file-system.js');
  const base = previous.file ?? { ...manifest };
  await writeFileAtomic(join(root, MEMORY_FILE), `${JSON.stringify({ ...base, evidence: sortedMemory(memory) }, null, 2)}\n`);
  return true;
}

function sortedMemory(memory: EvidenceMemory): EvidenceMemory {
  return Object.fromEntries(Object.entries(memory).sort(([a], [b]) => a.localeCompare(b)));
}

function stableJson(memory: EvidenceMemory): string {
  return JSON.stringify(sortedMemory(memory));
}
