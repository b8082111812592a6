import { ToolMissingError } from '../domain/errors.js';
import type { Checker, CheckContext, TextFixer } from './types.js';

/**
 * Chains the fixers of the selected checkers in registry order (Prettier, then ESLint; Ruff, then
 * Black), each applied only to the files its checker reads. When a lint fix changes formatted
 * text, the formatters run once more, so the result is both lint-fixed and formatted, and the
 * last tool to touch it has already judged exactly that text (the re-check reuses its verdict).
 * Throws when a fixer cannot handle the text (a syntax error), so callers can leave that file alone.
 */
export async function createFixPipeline(
  checkers: Checker[],
  base: Omit<CheckContext, 'files'>,
): Promise<{ fix: TextFixer; tools: string[] }> {
  // Each fixer loads its tool up front (ESLint: its flat config and plugins), all at once.
  const loaded = await Promise.all(
    checkers.map(async (checker) => {
      try {
        const fix = checker.fixer ? await checker.fixer(base) : null;
        return fix ? { checker, fix } : null;
      } catch {
        return null; // A tool that cannot load cannot fix; its check reports why.
      }
    }),
  );
  const fixers = loaded.filter((entry): entry is { checker: Checker; fix: TextFixer } => entry !== null);
  // A fixer whose tool turns out not to be installed (Black, found only when first run) drops
  // out; the others still fix (Ruff fixes and formats Python on its own). Its check says why.
  const missing = new Set<string>();
  const apply = async (checker: Checker, fix: TextFixer, path: string, text: string): Promise<string> => {
    if (missing.has(checker.name)) return text;
    try {
      return await fix(path, text);
    } catch (error) {
      if (!(error instanceof ToolMissingError)) throw error;
      missing.add(checker.name);
      return text;
    }
  };
  return {
    tools: fixers.map((entry) => entry.checker.name),
    fix: async (path, text) => {
      const applicable = fixers.filter((entry) => entry.checker.appliesTo(path));
      let current = text;
      let lastChange: Checker | null = null;
      for (const { checker, fix } of applicable) {
        const next = await apply(checker, fix, path, current);
        if (next !== current) lastChange = checker;
        current = next;
      }
      if (lastChange && !lastChange.formatter) {
        for (const { checker, fix } of applicable) if (checker.formatter) current = await apply(checker, fix, path, current);
      }
      return current;
    },
  };
}
