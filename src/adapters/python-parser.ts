import { createRequire } from 'node:module';
import type { Node as SyntaxNode, Parser as ParserType } from 'web-tree-sitter';

export type { SyntaxNode };

let parserPromise: Promise<ParserType> | undefined;

/**
 * A tree-sitter parser for Python, loaded once per process and only when first needed (the
 * WebAssembly runtime and grammar cost tens of milliseconds). Shared by gap analysis and quality.
 */
export function pythonParser(): Promise<ParserType> {
  parserPromise ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/**
 * Parses Python source and hands the root node to `visit`; the tree is freed afterwards (it
 * lives in WebAssembly memory, which the garbage collector does not reclaim).
 */
export async function withPythonTree<T>(text: string, visit: (root: SyntaxNode) => T): Promise<T> {
  const parser = await pythonParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter could not parse the Python source');
  try {
    return visit(tree.rootNode);
  } finally {
    tree.delete();
  }
}
