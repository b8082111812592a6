import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
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
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
    // Without dynamic tiering V8 compiles every function of both modules with its optimising
    // tier in the background as soon as they load, instead of running the parser in its
    // baseline tier until each function has run enough: 4,000 Python files scan in ~0.63 s
    // instead of ~0.9–1.1 s, for the same CPU. V8 reads the flag when it compiles a module, so
    // it is set for these two compiles only (Ruff's `--liftoff-only` still wins when set).
    setFlagsFromString('--no-wasm-dynamic-tiering');
    let language: Awaited<ReturnType<typeof Language.load>>;
    try {
      await Parser.init();
      language = await Language.load(wasm);
    } finally {
      setFlagsFromString('--wasm-dynamic-tiering');
    }
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
