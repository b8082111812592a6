import type { SyntaxNode } from '../../adapters/python-parser.js';
import { MetricsCounter, type FunctionMetrics } from './function-metrics.js';

const loopTypes = new Set(['for_statement', 'while_statement']);
const nestingTypes = new Set(['except_clause', 'conditional_expression']);

/** Measures every function (def, async def, methods) of a Python file. */
export async function measurePython(text: string): Promise<FunctionMetrics[]> {
  const { withPythonTree } = await import('../../adapters/python-parser.js');
  return withPythonTree(text, (root) => {
    const out: FunctionMetrics[] = [];
    visitFunctions(root, out);
    return out;
  });
}

function visitFunctions(node: SyntaxNode, out: FunctionMetrics[]): void {
  if (node.type === 'function_definition') out.push(measureFunction(node));
  for (const child of node.namedChildren) if (child) visitFunctions(child, out);
}

function measureFunction(fn: SyntaxNode): FunctionMetrics {
  const counter = new MetricsCounter();
  const body = fn.childForFieldName('body');
  if (body) walk(body, 0, counter);
  const params =
    fn.childForFieldName('parameters')?.namedChildren.filter((p) => p && p.type !== 'comment' && p.text !== 'self' && p.text !== 'cls') ??
    [];
  return {
    name: fn.childForFieldName('name')?.text ?? '<anonymous>',
    line: fn.startPosition.row + 1,
    column: fn.startPosition.column + 1,
    length: fn.endPosition.row - fn.startPosition.row + 1,
    params: params.length,
    cyclomatic: counter.cyclomatic,
    cognitive: counter.cognitive,
    nesting: counter.nesting,
  };
}

function walk(node: SyntaxNode, level: number, counter: MetricsCounter): void {
  const type = node.type;
  if (type === 'function_definition' || type === 'lambda') return;
  if (type === 'if_statement') return walkIf(node, level, counter);
  if (type === 'boolean_operator') return walkBoolean(node, level, counter);
  if (loopTypes.has(type) || nestingTypes.has(type) || type === 'match_statement') {
    counter.structure(level, type === 'match_statement' ? 0 : 1);
    counter.depth(level + 1);
    return walkChildren(node, level + 1, counter);
  }
  if (type === 'case_clause' || type === 'if_clause' || type === 'for_in_clause') counter.cyclomatic += 1;
  walkChildren(node, level, counter);
}

function walkIf(node: SyntaxNode, level: number, counter: MetricsCounter): void {
  counter.structure(level);
  counter.depth(level + 1);
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'elif_clause') {
      counter.flat(1);
      walkChildren(child, level + 1, counter);
    } else if (child.type === 'else_clause') {
      counter.flat();
      walkChildren(child, level + 1, counter);
    } else {
      walk(child, level + 1, counter);
    }
  }
}

/** `a and b and c or d`: three operators, two sequences of like operators. */
function walkBoolean(node: SyntaxNode, level: number, counter: MetricsCounter): void {
  const operators: string[] = [];
  const operands: SyntaxNode[] = [];
  const flatten = (current: SyntaxNode): void => {
    if (current.type === 'boolean_operator') {
      const left = current.childForFieldName('left');
      const right = current.childForFieldName('right');
      if (left) flatten(left);
      operators.push(current.childForFieldName('operator')?.type ?? 'and');
      if (right) flatten(right);
    } else {
      operands.push(current);
    }
  };
  flatten(node);
  const sequences = operators.filter((op, i) => i === 0 || op !== operators[i - 1]).length;
  counter.boolean(operators.length, sequences);
  for (const operand of operands) walk(operand, level, counter);
}

function walkChildren(node: SyntaxNode, level: number, counter: MetricsCounter): void {
  for (const child of node.namedChildren) if (child) walk(child, level, counter);
}
