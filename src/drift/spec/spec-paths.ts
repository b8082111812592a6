import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Spec } from '../../domain/spec.js';

/** What the spec says about files: which it documents, which it requires. */
export interface SpecPaths {
  /** Named by a feature's Files or File Structure (exactly, by a folder entry, or by a glob). */
  documents(path: string): boolean;
  /** Named exactly as a file (not a folder or glob): deleting it removes something the spec asks for. */
  requires(path: string): boolean;
  /** The features whose Files name `path` exactly, for messages. */
  featuresNaming(path: string): string[];
}

/**
 * Cleans a spec path entry: drops backticks, a leading `./`, and any annotation after the path
 * ("core/x.py - the parser", "core/x.py (new)").
 */
export function cleanSpecPath(entry: string): string {
  const first = entry.replace(/`/g, '').trim().split(/\s+/)[0] ?? '';
  return first.replace(/^\.\//, '').replace(/[,;:]$/, '');
}

/**
 * Paths in a spec are relative to the repository root. A spec kept in a sub-folder (a package
 * of a monorepo, not `.buildrunner/`) may also write them relative to its own folder; both
 * readings are accepted, and both are exact: `index.ts` never matches `src/index.ts`.
 */
export function specPathForms(entry: string, specFile: string): string[] {
  const clean = cleanSpecPath(entry);
  if (!clean) return [];
  const dir = posix.dirname(specFile);
  const forms = [clean];
  if (dir !== '.' && dir !== '.buildrunner') forms.push(posix.normalize(posix.join(dir, clean)) + (clean.endsWith('/') ? '/' : ''));
  return forms;
}

const globChars = /[*?[\]{}!]/;

export function createSpecPaths(spec: Spec | null): SpecPaths {
  const exact = new Map<string, string[]>();
  const required = new Set<string>();
  const folders: string[] = [];
  const globs: Array<(path: string) => boolean> = [];
  const add = (entry: string, feature: string | null, isStructure: boolean, structureEntries: readonly string[]): void => {
    for (const form of specPathForms(entry, spec?.file ?? '')) {
      if (globChars.test(form)) {
        globs.push(picomatch(form, { dot: true }));
      } else if (form.endsWith('/')) {
        // A File Structure folder whose files are listed too is just a heading, not "anything here".
        const listed = isStructure && structureEntries.some((other) => other !== entry && cleanSpecPath(other).startsWith(form));
        if (!listed) folders.push(form);
      } else {
        const names = exact.get(form) ?? [];
        if (feature && !names.includes(feature)) names.push(feature);
        exact.set(form, names);
        required.add(form);
      }
    }
  };
  for (const feature of spec?.features ?? []) for (const file of feature.files) add(file, feature.name, false, []);
  const structure = spec?.fileStructure ?? [];
  for (const file of structure) add(file, null, true, structure);
  return {
    documents: (path) => exact.has(path) || folders.some((folder) => path.startsWith(folder)) || globs.some((glob) => glob(path)),
    requires: (path) => required.has(path),
    featuresNaming: (path) => exact.get(path) ?? [],
  };
}
