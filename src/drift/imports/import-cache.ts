import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../adapters/file-system.js';
import type { RawImport } from './raw-import.js';

/** Where parsed imports are kept between runs, keyed by blob id: content, not path or time. */
export const importCacheFile = join('.buildrunner', 'cache', 'drift', 'imports-v2.json');

type Packed = [specifier: string, line: number, typeOnly: 0 | 1, names?: string[]];

/**
 * Parsed imports per blob id, so a warm pre-commit only parses the files the commit changes.
 * A damaged or foreign cache file is ignored and rewritten, never trusted.
 */
export class ImportCache {
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly entries: Map<string, Packed[]>,
  ) {}

  static async load(root: string): Promise<ImportCache> {
    const path = join(root, importCacheFile);
    let entries = new Map<string, Packed[]>();
    try {
      const json = JSON.parse(await readFile(path, 'utf8')) as { version?: number; entries?: Record<string, Packed[]> };
      if (json.version === 2 && json.entries && typeof json.entries === 'object') entries = new Map(Object.entries(json.entries));
    } catch {
      // missing or unreadable: start empty
    }
    return new ImportCache(path, entries);
  }

  has(key: string): boolean {
    return Array.isArray(this.entries.get(key));
  }

  get(key: string): RawImport[] | undefined {
    const packed = this.entries.get(key);
    if (!Array.isArray(packed)) return undefined;
    return packed.map(([specifier, line, typeOnly, names]) => ({ specifier, line, typeOnly: typeOnly === 1, ...(names ? { names } : {}) }));
  }

  set(key: string, imports: readonly RawImport[]): void {
    this.entries.set(
      key,
      imports.map((i) => (i.names ? [i.specifier, i.line, i.typeOnly ? 1 : 0, i.names] : [i.specifier, i.line, i.typeOnly ? 1 : 0])),
    );
    this.dirty = true;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Writes the cache when it changed; drops entries no current file uses once it grows past twice that. */
  async save(inUse: ReadonlySet<string>): Promise<void> {
    if (this.entries.size > Math.max(2 * inUse.size, 1000)) {
      for (const key of this.entries.keys()) if (!inUse.has(key)) this.entries.delete(key);
      this.dirty = true;
    }
    if (!this.dirty) return;
    try {
      // One line, not flushed to disk: a machine-local cache, read back by JSON.parse; when a crash
      // loses it, the next check parses again.
      await writeFileAtomic(this.path, JSON.stringify({ version: 2, entries: Object.fromEntries(this.entries) }), { durable: false });
    } catch {
      // A read-only checkout still gets a correct check, just not a faster next one.
    }
    this.dirty = false;
  }
}
