import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../adapters/file-system.js';

/** `.buildrunner/cache/build-durations.json`: the last measured duration (ms) of each task, for the critical path. */
export function durationsPath(root: string): string {
  return join(root, '.buildrunner', 'cache', 'build-durations.json');
}

export async function readDurations(root: string): Promise<Record<string, number>> {
  try {
    const value = JSON.parse(await readFile(durationsPath(root), 'utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  } catch {
    return {};
  }
}

/** Records durations one write at a time, so two tasks finishing together both land. */
export function durationRecorder(root: string): (taskId: string, ms: number) => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return (taskId, ms) => {
    chain = chain.then(async () => {
      const durations = await readDurations(root);
      durations[taskId] = ms;
      await writeJsonAtomic(durationsPath(root), durations);
    });
    return chain;
  };
}
