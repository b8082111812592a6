import type { SpecFeature } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { AddGap } from './gap-adder.js';

// Gaps read off the code alone, with no spec item behind them: stubs and TODO markers.

export function codeGaps(
  index: CodeIndex,
  specNamed: ReadonlyMap<string, string>,
  featureOf: (file: string) => SpecFeature | null,
  addGap: AddGap,
): void {
  for (const scan of [...index.scans.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const feature = featureOf(scan.path);
    const seen = new Map<string, number>();
    const occurrence = (key: string): string => {
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      return count > 1 ? `${key}#${count}` : key;
    };
    for (const stub of scan.stubs) {
      if (stub.reason === 'empty-body' && !specNamed.has(scan.path)) continue;
      const what =
        stub.reason === 'not-implemented'
          ? 'raises a not-implemented error'
          : stub.reason === 'pass-body'
            ? 'has a body of only pass/...'
            : 'has an empty body';
      const subject = stub.name ? `${stub.name} in ${scan.path}` : `code in ${scan.path}`;
      addGap('stub', occurrence(`${scan.path} ${stub.name ?? ''} ${stub.reason}`), {
        feature,
        item: null,
        message: `${subject} ${what}`,
        file: scan.path,
        line: stub.line,
        related: [],
        details: [],
      });
    }
    for (const todo of scan.todos) {
      addGap('todo', occurrence(`${scan.path} ${todo.tag} ${todo.text}`), {
        feature,
        item: null,
        message: `${todo.tag} marker: ${todo.text || '(no text)'}`,
        file: scan.path,
        line: todo.line,
        related: [],
        details: [],
      });
    }
  }
}
