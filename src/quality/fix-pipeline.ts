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
  const fixers: Array<{ checker: Checker; fix: TextFixer }> = [];
  for (const checker of checkers) {
    if (!checker.fixer) continue;
    try {
      const fix = await checker.fixer(base);
      if (fix) fixers.push({ checker, fix });
    } catch {
      // A tool that cannot load cannot fix; its check reports why.
    }
  }
  return {
    tools: fixers.map((entry) => entry.checker.name),
    fix: async (path, text) => {
      const applicable = fixers.filter((entry) => entry.checker.appliesTo(path));
      let current = text;
      let lastChange: Checker | null = null;
      for (const { checker, fix } of applicable) {
        const next = await fix(path, current);
        if (next !== current) lastChange = checker;
        current = next;
      }
      if (lastChange && !lastChange.formatter) {
        for (const { checker, fix } of applicable) if (checker.formatter) current = await fix(path, current);
      }
      return current;
    },
  };
}
