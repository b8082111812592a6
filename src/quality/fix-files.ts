import { readFile } from 'node:fs/promises';
import type { Git } from '../adapters/git.js';
import { applyStagedFixes, writePreservingMode } from './apply-staged-fixes.js';
import { createFixPipeline } from './fix-pipeline.js';
import type { ResolvedScope } from './scope/resolve-scope.js';
import type { Checker, CheckContext } from './types.js';

/**
 * `--fix`: runs the fixers of the selected checks over the scope. Staged scopes go through the
 * safe index + work-tree path; other scopes rewrite work-tree files in place.
 */
export async function fixFiles(
  git: Git,
  scope: ResolvedScope,
  checkers: Checker[],
  base: Omit<CheckContext, 'files'>,
): Promise<{ fixed: string[]; notes: string[] }> {
  const pipeline = await createFixPipeline(checkers, base);
  if (!pipeline.tools.length || !scope.files.length) return { fixed: [], notes: [] };
  const paths = scope.files.map((file) => file.path);
  if (scope.staged) {
    const results = await applyStagedFixes(git, paths, pipeline.fix);
    return {
      fixed: results.filter((result) => result.indexUpdated).map((result) => result.path),
      notes: results.filter((result) => result.note).map((result) => `${result.path}: ${result.note}`),
    };
  }
  // All files at once: file reads and writes overlap the fixing of others.
  const outcomes = await Promise.all(
    paths.map(async (path): Promise<{ fixed?: string; note?: string }> => {
      const absolute = git.absolutePath(path);
      const text = await readFile(absolute, 'utf8');
      let result: string;
      try {
        result = await pipeline.fix(path, text);
      } catch (error) {
        return { note: `${path}: not fixed (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})` };
      }
      if (result === text) return {};
      await writePreservingMode(absolute, result);
      return { fixed: path };
    }),
  );
  return {
    fixed: outcomes.flatMap((outcome) => (outcome.fixed ? [outcome.fixed] : [])),
    notes: outcomes.flatMap((outcome) => (outcome.note ? [outcome.note] : [])),
  };
}
