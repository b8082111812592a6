import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../adapters/file-system.js';
import { brGuardBuildId } from '../adapters/build-identity.js';
import { CONFIG_SEARCH_PLACES } from './find-config-file.js';
import { STANDARDS_PLACES } from './load-quality-standards.js';
import type { LoadedConfig } from './types.js';

/** Where the last valid config is kept, with the key of the files it was read from. */
export const CONFIG_CACHE_FILE = '.buildrunner/cache/config.json';
const FORMAT = 1;

/** A script config can import anything: its file's bytes do not say what it returns. */
const SCRIPT_PLACES = new Set(CONFIG_SEARCH_PLACES.filter((place) => /\.[cm]?js$/.test(place)));

/**
 * The config as `load` reads it, from `.buildrunner/cache/config.json` when the bytes of every
 * place a config or standards file may be (present or not) and br-guard's build are those it was
 * read from. A hook then loads neither cosmiconfig nor yaml (about a third of its module loading)
 * for a config that did not change. Only a valid config is kept: a bad one is read, and reported,
 * every time. A missing, damaged or stale cache is read again and rewritten (temp file, rename).
 */
export async function loadConfigCached(root: string, load: (root: string) => Promise<LoadedConfig>): Promise<LoadedConfig> {
  const key = await configKey(root);
  if (key === null) return load(root);
  const file = join(root, CONFIG_CACHE_FILE);
  const cached = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as unknown)
    .catch(() => null);
  if (isCacheEntry(cached) && cached.key === key) return cached.loaded;
  const loaded = await load(root);
  // Best effort: a read-only checkout still gets its config, only not faster next time.
  await writeJsonAtomic(file, { format: FORMAT, key, loaded }).catch(() => undefined);
  return loaded;
}

/** A hash of the build and of each candidate file's bytes; null when a script config is present. */
async function configKey(root: string): Promise<string | null> {
  const places = [...CONFIG_SEARCH_PLACES, ...STANDARDS_PLACES];
  const contents = await Promise.all(places.map((place) => readFile(join(root, place)).catch(() => null)));
  if (places.some((place, i) => SCRIPT_PLACES.has(place) && contents[i] !== null)) return null;
  const hash = createHash('sha256').update(`${FORMAT}\0${await brGuardBuildId()}\0${root}`);
  places.forEach((place, i) => {
    const content = contents[i];
    hash.update(`\0${place}\0${content ? `${content.length}\0` : '-'}`);
    if (content) hash.update(content);
  });
  return hash.digest('hex');
}

function isCacheEntry(value: unknown): value is { format: number; key: string; loaded: LoadedConfig } {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  const loaded = entry.loaded as Record<string, unknown> | null | undefined;
  return (
    entry.format === FORMAT &&
    typeof entry.key === 'string' &&
    !!loaded &&
    typeof loaded === 'object' &&
    !!loaded.config &&
    typeof loaded.config === 'object' &&
    !!loaded.standards &&
    typeof loaded.standards === 'object'
  );
}
