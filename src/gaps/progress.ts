import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../adapters/file-system.js';

export interface ProgressEntry {
  at: string;
  commit: string;
  completion: number;
}

export function progressPath(root: string): string {
  return join(root, '.buildrunner', 'progress.jsonl');
}

/** The recorded history; lines that do not parse (a hand edit) are skipped, not fatal. */
export async function readProgress(root: string): Promise<ProgressEntry[]> {
  let text: string;
  try {
    text = await readFile(progressPath(root), 'utf8');
  } catch {
    return [];
  }
  const entries: ProgressEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as ProgressEntry;
      if (typeof entry.commit === 'string' && typeof entry.completion === 'number') entries.push(entry);
    } catch {
      continue;
    }
  }
  return entries;
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
