import { pathStems } from './code-index.js';
import { isTestPath } from './scanner/test-paths.js';

// Spec paths and repository layouts disagree; one resolver decides where a named file lives.

export type FileMatch = { file: string; match: 'exact' | 'suffix' | 'counterpart' };

/**
 * Where a file the spec names lives: the exact path; else the one file whose path ends with it
 * (a package root the spec left out) — both count as present; else a counterpart with the same
 * name words in another place or language (`core/gap_analyzer.py` ↔ `src/gaps/gap-analyzer.ts`),
 * which counts as partial: the spec and the layout disagree.
 */
export function resolveSpecFile(specPath: string, files: readonly string[]): FileMatch | null {
  const wanted = specPath
    .replace(/^\.?\//, '')
    .replace(/`/g, '')
    .trim();
  if (files.includes(wanted)) return { file: wanted, match: 'exact' };
  const suffixed = files.filter((file) => file.endsWith(`/${wanted}`)).sort();
  if (suffixed.length > 0) return { file: suffixed[0] as string, match: 'suffix' };
  const base = wanted.split('/').pop() ?? wanted;
  const stems = [...pathStems(base)].sort().join(' ');
  if (!stems) return null;
  // A test file's counterpart is a test file, a source file's a source file.
  const wantTest = isTestPath(wanted);
  const counterparts = files
    .filter(
      (file) =>
        isTestPath(file) === wantTest &&
        !/\.(?:md|txt)$/.test(file) &&
        [...pathStems(file.split('/').pop() ?? file)].sort().join(' ') === stems,
    )
    .sort();
  return counterparts[0] ? { file: counterparts[0], match: 'counterpart' } : null;
}
