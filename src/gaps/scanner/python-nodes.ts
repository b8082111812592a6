import type { Node } from 'web-tree-sitter';
import { positional, pythonString } from './python-values.js';

/** The 1-based line a tree-sitter node starts on. */
export function line(node: Node): number {
  return node.startPosition.row + 1;
}

/** A statement that is only a string literal (a docstring). */
export function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string';
}

/** The string literal at a positional index of an argument list. */
export function stringArg(args: Node | null, index: number): string | undefined {
  return pythonString(positional(args)[index]);
}

/** The value node of a keyword argument (`prefix="/x"` → the string node). */
export function keywordArgument(args: Node | null, key: string): Node | null {
  for (const child of args?.namedChildren ?? []) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === key) return child.childForFieldName('value');
  }
  return null;
}

export function keywordString(args: Node | null, key: string): string | undefined {
  return pythonString(keywordArgument(args, key));
}

/** The string literals of a list or tuple keyword argument (`methods=["GET", "POST"]`). */
export function keywordList(args: Node | null, key: string): string[] {
  const value = keywordArgument(args, key);
  if (!value || (value.type !== 'list' && value.type !== 'tuple')) return [];
  return value.namedChildren.map((child) => pythonString(child)).filter((text): text is string => text !== undefined);
}
