import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { loadJsParser, nodeEnd, nodeStart, type JsNode } from '../adapters/parse-js.js';
import type { LineTable } from '../adapters/line-table.js';

/** Where a node sits, 1-based, whichever parser built the tree. */
export interface NodePosition {
  line: number;
  column: number;
  endLine: number;
}

/** A file's syntax tree for the checks that walk it, with positions read off offsets. */
export interface SyntaxTree {
  program: TSESTree.Program;
  positionOf(node: TSESTree.Node): NodePosition;
}

/** A file that does not parse; the linters and the compiler report it, the tree checks skip it. */
export class SyntaxTreeError extends Error {}

const cache = new Map<string, { text: string; tree: Promise<SyntaxTree> }>();
const LIMIT = 1000;

/**
 * Parses TS/JS once for the checks that read the syntax tree (complexity and security run side
 * by side on the same files), through the one JS/TS parser (oxc-parser, typescript-estree as its
 * fallback). Both give the TS-ESTree shape, so the checks are typed against it. Throws
 * SyntaxTreeError on a syntax error: oxc recovers from some, but a partial tree would measure
 * functions that are not there.
 */
export function parseTypeScript(path: string, text: string): Promise<SyntaxTree> {
  const hit = cache.get(path);
  if (hit && hit.text === text) return hit.tree;
  const tree = loadJsParser().then((parser) => {
    const parsed = parser.parse(path, text);
    const error = parsed.errors[0];
    if (error) throw new SyntaxTreeError(`${path}:${error.line}: ${error.message}`);
    return { program: parsed.program as unknown as TSESTree.Program, positionOf: (node: TSESTree.Node) => position(parsed.lines, node) };
  });
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(path, { text, tree });
  return tree;
}

function position(lines: LineTable, node: TSESTree.Node): NodePosition {
  const start = nodeStart(node as unknown as JsNode);
  // The end offset is exclusive: the last character sits one before it.
  const end = Math.max(start, nodeEnd(node as unknown as JsNode) - 1);
  return { line: lines.lineAt(start), column: lines.columnAt(start), endLine: lines.lineAt(end) };
}
