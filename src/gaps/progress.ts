import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../adapters/file-system.js';
import { InputError } from '../domain/errors.js';

export interface ProgressEntry {
  at: string;
  commit: string;
  completion: number;
}

export function progressPath(root: string): string {
  return join(root, '.buildrunner', 'progress.jsonl');
}

/**
 * The recorded history. Recording (every gaps run) skips lines that do not parse, so a damaged
 * history never stops an analysis; `strict` (what `gaps progress` shows) refuses them instead,
 * naming the file and line, because a history that silently lost entries would mislead.
 */
export async function readProgress(root: string, options: { strict?: boolean } = {}): Promise<ProgressEntry[]> {
  let text: string;
  try {
    text = await readFile(progressPath(root), 'utf8');
  } catch {
    return [];
  }
  const entries: ProgressEntry[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const entry = parseEntry(line);
    if (entry) entries.push(entry);
    else if (options.strict) {
      throw new InputError('not a progress entry {"at","commit","completion"} (fix or delete the line)', {
        file: '.buildrunner/progress.jsonl',
        line: index + 1,
      });
    }
  }
  return entries;
}

function parseEntry(line: string): ProgressEntry | null {
  try {
    const entry = JSON.parse(line) as ProgressEntry | null;
    return entry && typeof entry.commit === 'string' && typeof entry.completion === 'number' ? entry : null;
  } catch {
    return null;
  }
}

/**
 * Appends `{at, commit, completion}` when `commit` differs from the last recorded one, so the
 * history has one entry per commit however often gaps runs. Read, append, write a temporary
 * file, rename: a crash never leaves half a line.
 */
export async function recordProgress(root: string, commit: string, completion: number, now: Date = new Date()): Promise<boolean> {
  const entries = await readProgress(root);
  if (entries.at(-1)?.commit === commit) return false;
  let existing = '';
  try {
    existing = await readFile(progressPath(root), 'utf8');
  } catch {
    existing = '';
  }
  if (existing && !existing.endsWith('\n')) existing += '\n';
  await writeFileAtomic(progressPath(root), `${existing}${JSON.stringify({ at: now.toISOString(), commit, completion })}\n`);
  return true;
}
