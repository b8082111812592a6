import type TsNs from 'typescript';
import type { EsNode } from './ts-url.js';

export type Ts = typeof import('typescript');
type Node = TsNs.Node;
// The conversions read fields of many TypeScript node kinds; a type per kind adds nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Convert = (converter: LiteConverter, node: any, parent: Node) => EsNode | null;
/** Registers a conversion for some syntax kinds. */
export type On = (kinds: TsNs.SyntaxKind[], convert: Convert) => void;

/** Converts one file; the per-kind conversions live in `lite-statements.ts` and `lite-expressions.ts`. */
export class LiteConverter {
  /** typescript-estree's `allowPattern`: converting the target of a destructuring assignment. */
  pattern = false;
  constructor(
    readonly ts: Ts,
    readonly source: TsNs.SourceFile,
    private readonly table: Convert[],
  ) {}

  program(): EsNode {
    return { type: 'Program', $n: this.source, $s: 0, body: this.list(this.source.statements, this.source) };
  }

  one(node: Node | undefined, parent: Node, pattern = false): EsNode | null {
    if (!node) return null;
    const convert = this.table[node.kind];
    const outer = this.pattern;
    this.pattern = pattern;
    const result = convert ? convert(this, node, parent) : this.unknown(node);
    this.pattern = outer;
    return result;
  }

  list(nodes: readonly Node[] | undefined, parent: Node): EsNode[] {
    const out: EsNode[] = [];
    if (nodes) for (const node of nodes) out.push(this.one(node, parent) as EsNode);
    return out;
  }

  /** Statement lists drop what typescript-estree drops (nodes it converts to null). */
  body(nodes: readonly Node[], parent: Node): EsNode[] {
    const out: EsNode[] = [];
    for (const node of nodes) {
      const converted = this.one(node, parent);
      if (converted) out.push(converted);
    }
    return out;
  }

  /** A kind this converter does not know: keep its expression children, in source order. */
  unknown(node: Node): EsNode {
    const children: EsNode[] = [];
    this.ts.forEachChild(node, (child) => {
      if (!this.ts.isTypeNode(child)) {
        const converted = this.one(child, node);
        if (converted) children.push(converted);
      }
    });
    return { type: `Lite${this.ts.SyntaxKind[node.kind]}`, $n: node, children };
  }

  params(parameters: readonly TsNs.ParameterDeclaration[], parent: Node, decorate: boolean): EsNode[] {
    return parameters.map((parameter) => {
      const converted = this.one(parameter, parent) as EsNode;
      if (decorate) converted.decorators = this.list(this.ts.getDecorators(parameter), parameter);
      return converted;
    });
  }

  decorators(node: Node): EsNode[] {
    return this.ts.canHaveDecorators(node) ? this.list(this.ts.getDecorators(node), node) : [];
  }

  has(node: Node, kind: TsNs.SyntaxKind): boolean {
    return (this.ts.canHaveModifiers(node) ? this.ts.getModifiers(node) : undefined)?.some((m) => m.kind === kind) ?? false;
  }

  /** `export` / `export default` around a declaration, as typescript-estree's `fixExports`. */
  exported(node: Node, result: EsNode): EsNode {
    const modifiers = this.ts.canHaveModifiers(node) ? this.ts.getModifiers(node) : undefined;
    const first = modifiers?.[0];
    if (first?.kind !== this.ts.SyntaxKind.ExportKeyword) return result;
    const isDefault = modifiers?.[1]?.kind === this.ts.SyntaxKind.DefaultKeyword;
    result.$s = this.nextTokenStart((isDefault ? modifiers?.[1] : first) as Node);
    return isDefault
      ? { type: 'ExportDefaultDeclaration', $n: node, $s: first.getStart(this.source), declaration: result }
      : { type: 'ExportNamedDeclaration', $n: node, $s: first.getStart(this.source), declaration: result, source: null, specifiers: [] };
  }

  nextTokenStart(token: Node): number {
    TRIVIA.lastIndex = token.end;
    TRIVIA.exec(this.source.text);
    return TRIVIA.lastIndex;
  }

  /** typescript-estree's `convertChainExpression`: one ChainExpression around an optional chain. */
  chain(result: EsNode, node: TsNs.Expression & { expression: TsNs.Expression }, childKey: string, optional: boolean): EsNode {
    const child = result[childKey] as EsNode | null;
    const unwrappable = child?.type === 'ChainExpression' && node.expression.kind !== this.ts.SyntaxKind.ParenthesizedExpression;
    if (!unwrappable && !optional) return result;
    if (unwrappable) result[childKey] = child.expression;
    return { type: 'ChainExpression', $n: node, expression: result };
  }

  functionLike(type: string, node: TsNs.SignatureDeclarationBase & { body?: Node }, id: EsNode | null, decorate: boolean): EsNode {
    return { type, $n: node, body: this.one(node.body, node), id, params: this.params(node.parameters, node, decorate) };
  }

  /** Object and class methods, accessors and constructors: the function starts at its `(`. */
  method(node: TsNs.MethodDeclaration | TsNs.AccessorDeclaration | TsNs.ConstructorDeclaration, decorate: boolean): EsNode {
    const value = this.functionLike(node.body ? 'FunctionExpression' : 'TSEmptyBodyFunctionExpression', node, null, decorate);
    value.$s = node.parameters.pos - 1;
    return value;
  }

  template(node: TsNs.TemplateLiteralLikeNode, tail: boolean, tagged: boolean): EsNode {
    const raw = this.source.text.slice(node.getStart(this.source) + 1, node.end - (tail ? 1 : 2));
    return { type: 'TemplateElement', $n: node, value: { cooked: tagged && !isValidEscape(raw) ? null : node.text, raw } };
  }

  literal(node: Node, value: unknown): EsNode {
    return { type: 'Literal', $n: node, value };
  }
}

/** Whitespace and comments between two tokens. */
const TRIVIA = /(?:\s+|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/y;

/** typescript-estree's test for a tagged template's cooked value. */
function isValidEscape(raw: string): boolean {
  if (!/\\[xu]/.test(raw)) return true;
  return !/\\u(?![0-9a-fA-F]{4}|{)/.test(raw) && !/\\x(?![0-9a-fA-F]{2})/.test(raw);
}

/** A node without children the scanner reads. */
export function leaf(type: string): Convert {
  return (_c, node) => ({ type, $n: node });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function named(node: any): EsNode {
  return { type: 'Identifier', $n: node, name: node.text };
}
