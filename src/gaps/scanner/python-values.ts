import type { Node } from 'web-tree-sitter';
import type { ValueExpr } from './types.js';

/** The value of a plain Python string literal (no f-strings), else undefined. */
export function pythonString(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((child): child is Node => child?.type === 'string_content')
    .map((child) => child.text)
    .join('');
}

/** The positional arguments of a call's argument list. */
export function positional(args: Node | null | undefined): Node[] {
  return (args?.namedChildren ?? []).filter(
    (child): child is Node => child !== null && child.type !== 'keyword_argument' && child.type !== 'comment',
  );
}

/**
 * A string computed from literals and names: f-strings (`f"{settings.API_V1_STR}/users"`),
 * concatenation, names and attributes (`settings.API_V1_STR`, `get_settings().API_V1_STR`),
 * subscripts with string keys (`config["api"]["prefix"]`), `os.getenv("X", "/default")`.
 * Undefined when any part is something else (another call, arithmetic, a format spec).
 */
export function pythonValue(node: Node | null | undefined): ValueExpr | undefined {
  return node ? READERS[node.type]?.(node) : undefined;
}

const READERS: Record<string, (node: Node) => ValueExpr | undefined> = {
  string: stringValue,
  concatenated_string: (node) => concatenated(node.namedChildren),
  identifier: (node) => [{ ref: node.text }],
  // A factory called without arguments is named as written: the resolver reads what it returns.
  attribute: (node) => (/^[A-Za-z_][\w.]*(?:\(\))?(?:\.[A-Za-z_]\w*)*$/.test(node.text) ? [{ ref: node.text }] : undefined),
  subscript: subscriptValue,
  binary_operator: (node) =>
    node.childForFieldName('operator')?.text === '+'
      ? concatenated([node.childForFieldName('left'), node.childForFieldName('right')])
      : undefined,
  parenthesized_expression: (node) => pythonValue(node.namedChildren[0]),
  call: (node) =>
    /^(?:os\.getenv|os\.environ\.get|getenv|environ\.get)$/.test(node.childForFieldName('function')?.text ?? '')
      ? pythonValue(positional(node.childForFieldName('arguments'))[1])
      : undefined,
};

function concatenated(nodes: ReadonlyArray<Node | null>): ValueExpr | undefined {
  const parts: ValueExpr = [];
  for (const child of nodes) {
    const inner = pythonValue(child);
    if (!inner) return undefined;
    parts.push(...inner);
  }
  return parts;
}

function stringValue(node: Node): ValueExpr | undefined {
  const parts: ValueExpr = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_start' || child.type === 'string_end') continue;
    const part =
      child.type === 'interpolation'
        ? interpolation(child)
        : child.type === 'string_content' || child.type === 'escape_sequence'
          ? [child.text]
          : undefined;
    if (!part) return undefined;
    parts.push(...part);
  }
  return parts;
}

/** `{settings.API_V1_STR}` in an f-string; a format spec or conversion makes it unknown. */
function interpolation(node: Node): ValueExpr | undefined {
  if (node.namedChildren.some((part) => part?.type === 'format_specifier' || part?.type === 'type_conversion')) return undefined;
  return pythonValue(node.childForFieldName('expression') ?? node.namedChildren[0]);
}

function subscriptValue(node: Node): ValueExpr | undefined {
  const base = pythonValue(node.childForFieldName('value'));
  const key = pythonString(node.childForFieldName('subscript'));
  const head = base?.[0];
  if (base?.length !== 1 || typeof head !== 'object' || key === undefined || !/^[\w-]+$/.test(key)) return undefined;
  return [{ ref: `${head.ref}.${key}` }];
}
