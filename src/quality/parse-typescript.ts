import type { TSESTree } from '@typescript-eslint/typescript-estree';

const cache = new Map<string, { text: string; ast: Promise<TSESTree.Program> }>();
const LIMIT = 1000;

/**
 * Parses TS/JS once for the checks that read the syntax tree (complexity and security run side
 * by side on the same files). JSX is on except for .ts/.mts/.cts. Throws on a syntax error.
 */
export function parseTypeScript(path: string, text: string): Promise<TSESTree.Program> {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.ast;
  const ast = import('@typescript-eslint/typescript-estree').then(({ parse }) =>
    parse(text, { loc: true, range: true, jsx: !/\.(?:ts|mts|cts)$/.test(path), comment: false }),
  );
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(path, { text, ast });
  return ast;
}
