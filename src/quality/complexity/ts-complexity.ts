import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseTypeScript, type SyntaxTree } from '../parse-typescript.js';
import { MetricsCounter, type FunctionMetrics } from './function-metrics.js';

type Node = TSESTree.Node;

const functionTypes = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const loopTypes = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/** Measures every function of a TS/JS file. Throws on a syntax error (the caller reports it). */
export async function measureTypeScript(path: string, text: string): Promise<FunctionMetrics[]> {
  const tree = await parseTypeScript(path, text);
  const results: FunctionMetrics[] = [];
  visitFunctions(tree, tree.program, null, results);
  // In source order: the parsers list a node's children in different key orders.
  return results.sort((a, b) => a.line - b.line || a.column - b.column);
}

function visitFunctions(tree: SyntaxTree, node: Node, parent: Node | null, out: FunctionMetrics[]): void {
  if (functionTypes.has(node.type)) {
    out.push(measureFunction(tree, node as TSESTree.FunctionLike, parent));
  }
  for (const child of children(node)) visitFunctions(tree, child, node, out);
}

function measureFunction(tree: SyntaxTree, fn: TSESTree.FunctionLike, parent: Node | null): FunctionMetrics {
  const counter = new MetricsCounter();
  if (fn.body) walk(fn.body, 0, counter);
  const { line, column, endLine } = tree.positionOf(fn);
  return {
    name: functionName(fn, parent),
    line,
    column,
    length: endLine - line + 1,
    params: fn.params.length,
    cyclomatic: counter.cyclomatic,
    cognitive: counter.cognitive,
    nesting: counter.nesting,
  };
}

/** Walks a function body; nested functions are measured on their own, not here. */
function walk(node: Node, level: number, counter: MetricsCounter): void {
  if (functionTypes.has(node.type)) return;
  switch (node.type) {
    case 'IfStatement':
      walkIf(node, level, counter, false);
      return;
    case 'ConditionalExpression':
    case 'SwitchStatement':
    case 'CatchClause':
      counter.structure(level, node.type === 'SwitchStatement' ? 0 : 1);
      counter.depth(level + 1);
      for (const child of children(node)) walk(child, level + 1, counter);
      return;
    case 'SwitchCase':
      if (node.test) counter.cyclomatic += 1;
      break;
    case 'LogicalExpression':
      walkLogical(node, level, counter);
      return;
    case 'BreakStatement':
    case 'ContinueStatement':
      if (node.label) counter.flat();
      break;
    default:
      if (loopTypes.has(node.type)) {
        counter.structure(level);
        counter.depth(level + 1);
        for (const child of children(node)) walk(child, level + 1, counter);
        return;
      }
  }
  for (const child of children(node)) walk(child, level, counter);
}

function walkIf(node: TSESTree.IfStatement, level: number, counter: MetricsCounter, isElseIf: boolean): void {
  if (isElseIf) counter.flat(1);
  else counter.structure(level);
  counter.depth(level + 1);
  walk(node.test, level + 1, counter);
  walk(node.consequent, level + 1, counter);
  if (!node.alternate) return;
  if (node.alternate.type === 'IfStatement') {
    walkIf(node.alternate, level, counter, true);
  } else {
    counter.flat();
    walk(node.alternate, level + 1, counter);
  }
}

/** `a && b && c || d`: three operators (paths), two sequences of like operators (cognitive). */
function walkLogical(node: TSESTree.LogicalExpression, level: number, counter: MetricsCounter): void {
  const operators: string[] = [];
  const operands: Node[] = [];
  const flatten = (current: Node): void => {
    if (current.type === 'LogicalExpression') {
      flatten(current.left);
      operators.push(current.operator);
      flatten(current.right);
    } else {
      operands.push(current);
    }
  };
  flatten(node);
  const sequences = operators.filter((op, i) => i === 0 || op !== operators[i - 1]).length;
  counter.boolean(operators.length, sequences);
  for (const operand of operands) walk(operand, level, counter);
}

function functionName(fn: TSESTree.FunctionLike, parent: Node | null): string {
  if ('id' in fn && fn.id) return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (
    (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') &&
    parent.key.type === 'Identifier'
  ) {
    return parent.key.name;
  }
  return '<anonymous>';
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'type' in item) out.push(item as Node);
    } else if (value && typeof value === 'object' && 'type' in value) {
      out.push(value as Node);
    }
  }
  return out;
}
