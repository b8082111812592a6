import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseTypeScript, type SyntaxTree } from '../parse-typescript.js';
import type { Severity } from '../../domain/findings.js';

type Node = TSESTree.Node;

export interface SecurityHit {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
}

const childProcessModules = new Set(['child_process', 'node:child_process']);
const shellCalls = new Set(['exec', 'execSync']);
const sqlStart = /^\s*(?:select\s[\s\S]*\sfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|drop\s+table\b)/i;
const passwordName = /pass(?:word|wd)?|pwd|secret/i;

/**
 * Security rules on the TS/JS syntax tree: code evaluation, shell commands and SQL built from
 * variables, HTML sinks fed with variables, TLS verification turned off, weak password hashes.
 */
export async function findJsSecurityIssues(path: string, text: string): Promise<SecurityHit[]> {
  const tree = await parseTypeScript(path, text);
  const lines = text.split('\n');
  const hits: SecurityHit[] = [];
  const report = (node: Node, rule: string, severity: Severity, message: string): void => {
    const { line, column } = tree.positionOf(node);
    hits.push({ rule, severity, line, column, message });
  };
  const scan: Scan = { imports: { names: new Set(), modules: new Set() }, lines, report, tree };
  visit(tree.program, [], (node, ancestors) => {
    trackChildProcess(node, scan.imports);
    checkNode(node, ancestors, scan);
  });
  // In source order: the parsers list a node's children in different key orders.
  return hits.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

interface Scan {
  imports: Imports;
  lines: string[];
  report: Report;
  tree: SyntaxTree;
}

interface Imports {
  names: Set<string>;
  modules: Set<string>;
}

function checkNode(node: Node, ancestors: Node[], { imports, lines, report, tree }: Scan): void {
  const parent = ancestors.at(-1)?.type;
  switch (node.type) {
    case 'CallExpression':
      checkEval(node, report);
      checkShell(node, imports, report);
      checkHashAndHtml(node, ancestors, { lines, report, tree });
      return;
    case 'NewExpression':
      if (node.callee.type === 'Identifier' && node.callee.name === 'Function') {
        report(node, 'no-new-function', 'error', '`new Function()` evaluates a string as code; use a real function');
      }
      return;
    case 'TemplateLiteral':
      if (
        node.expressions.length &&
        parent !== 'TaggedTemplateExpression' &&
        sqlStart.test(node.quasis.map((q) => q.value.cooked ?? '').join('?'))
      ) {
        report(node, 'sql-injection', 'error', 'SQL built from a template literal with interpolated values; use parameterised queries');
      }
      return;
    case 'BinaryExpression':
      if (node.operator === '+' && parent !== 'BinaryExpression' && isSqlConcatenation(node)) {
        report(node, 'sql-injection', 'error', 'SQL built by string concatenation; use parameterised queries');
      }
      return;
    case 'AssignmentExpression':
      return checkAssignment(node, report);
    case 'Property':
      return checkProperty(node, report);
    case 'JSXAttribute':
      return checkJsxHtml(node, report);
  }
}

function checkJsxHtml(node: TSESTree.JSXAttribute, report: Report): void {
  if (node.name.type !== 'JSXIdentifier' || node.name.name !== 'dangerouslySetInnerHTML' || node.value?.type !== 'JSXExpressionContainer')
    return;
  const expression = node.value.expression;
  const html =
    expression.type === 'ObjectExpression'
      ? expression.properties.find((p) => p.type === 'Property' && keyName(p.key) === '__html')
      : undefined;
  if (html?.type === 'Property' && !isConstant(html.value as Node)) {
    report(node, 'xss-html-sink', 'warning', '`dangerouslySetInnerHTML` with a variable; sanitise it (e.g. DOMPurify) or render text');
  }
}

type Report = (node: Node, rule: string, severity: Severity, message: string) => void;

function calleeName(node: TSESTree.CallExpression): string | null {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  return callee.type === 'MemberExpression' ? keyName(callee.property) : null;
}

function checkEval(node: TSESTree.CallExpression, report: Report): void {
  const name = calleeName(node);
  if (node.callee.type === 'Identifier' && (name === 'eval' || name === 'Function')) {
    report(
      node,
      name === 'eval' ? 'no-eval' : 'no-new-function',
      'error',
      `\`${name}()\` evaluates a string as code; parse data instead (e.g. JSON.parse)`,
    );
  }
}

function checkShell(node: TSESTree.CallExpression, imports: Imports, report: Report): void {
  const callee = node.callee;
  const name = calleeName(node) ?? '';
  const viaImport = callee.type === 'Identifier' && imports.names.has(callee.name);
  const viaModule =
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    imports.modules.has(callee.object.name) &&
    shellCalls.has(name);
  if ((viaImport || viaModule) && node.arguments[0] && isInterpolated(node.arguments[0] as Node)) {
    report(
      node,
      'command-injection',
      'error',
      `child_process.${name}() with an interpolated command runs it through a shell; use execFile/spawn with an argument array`,
    );
  }
}

function checkHashAndHtml(
  node: TSESTree.CallExpression,
  ancestors: Node[],
  { lines, report, tree }: Pick<Scan, 'lines' | 'report' | 'tree'>,
): void {
  const name = calleeName(node);
  if (
    node.callee.type === 'MemberExpression' &&
    name === 'insertAdjacentHTML' &&
    node.arguments[1] &&
    !isConstant(node.arguments[1] as Node)
  ) {
    report(node, 'xss-html-sink', 'warning', '`insertAdjacentHTML` with a variable; sanitise it or insert text');
  }
  const algorithm = node.arguments[0];
  if (name !== 'createHash' || algorithm?.type !== 'Literal' || !/^(?:md5|sha1)$/i.test(String(algorithm.value))) return;
  const statement = [...ancestors].reverse().find((a) => a.type.endsWith('Statement') || a.type === 'VariableDeclaration') ?? node;
  const { line, endLine } = tree.positionOf(statement);
  const source = lines.slice(line - 1, endLine).join('\n');
  if (passwordName.test(source)) {
    report(node, 'weak-password-hash', 'error', `${String(algorithm.value)} is not a password hash; use scrypt, argon2 or bcrypt`);
  }
}

function checkAssignment(node: TSESTree.AssignmentExpression, report: Report): void {
  if (node.left.type !== 'MemberExpression') return;
  const name = keyName(node.left.property);
  if ((name === 'innerHTML' || name === 'outerHTML') && !isConstant(node.right)) {
    report(node, 'xss-html-sink', 'warning', `\`${name}\` assigned a variable; sanitise it or use textContent`);
  }
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && isZero(node.right)) {
    report(
      node,
      'tls-verification-disabled',
      'error',
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate checks for the whole process',
    );
  }
}

function checkProperty(node: TSESTree.Property, report: Report): void {
  const name = keyName(node.key);
  if (name === 'rejectUnauthorized' && node.value.type === 'Literal' && node.value.value === false) {
    report(node, 'tls-verification-disabled', 'error', '`rejectUnauthorized: false` turns off TLS certificate checks');
  }
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && isZero(node.value as Node)) {
    report(node, 'tls-verification-disabled', 'error', 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off TLS certificate checks');
  }
}

/** Remembers how child_process is reachable: imported names (`exec`) and module aliases (`cp`). */
function trackChildProcess(node: Node, imports: Imports): void {
  if (node.type === 'ImportDeclaration' && childProcessModules.has(String(node.source.value))) {
    for (const specifier of node.specifiers) {
      if (specifier.type !== 'ImportSpecifier') imports.modules.add(specifier.local.name);
      else if (shellCalls.has(keyName(specifier.imported) ?? '')) imports.names.add(specifier.local.name);
    }
  }
  if (node.type === 'VariableDeclarator' && isChildProcessRequire(node.init)) trackRequire(node.id, imports);
}

function isChildProcessRequire(init: Node | null): boolean {
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return false;
  const source = init.arguments[0];
  return source?.type === 'Literal' && childProcessModules.has(String(source.value));
}

function trackRequire(id: TSESTree.BindingName, imports: Imports): void {
  if (id.type === 'Identifier') imports.modules.add(id.name);
  if (id.type !== 'ObjectPattern') return;
  for (const property of id.properties) {
    if (property.type === 'Property' && shellCalls.has(keyName(property.key) ?? '') && property.value.type === 'Identifier')
      imports.names.add(property.value.name);
  }
}

function isSqlConcatenation(node: TSESTree.BinaryExpression): boolean {
  const operands: Node[] = [];
  const flatten = (current: Node): void => {
    if (current.type === 'BinaryExpression' && current.operator === '+') {
      flatten(current.left as Node);
      flatten(current.right);
    } else operands.push(current);
  };
  flatten(node);
  const first = operands[0];
  const startsWithSql = first?.type === 'Literal' && typeof first.value === 'string' && sqlStart.test(first.value);
  return startsWithSql && operands.some((operand) => !isConstant(operand));
}

function isInterpolated(node: Node): boolean {
  if (node.type === 'TemplateLiteral') return node.expressions.length > 0;
  return node.type === 'BinaryExpression' && !isConstant(node);
}

function isConstant(node: Node): boolean {
  if (node.type === 'Literal') return true;
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'BinaryExpression') return isConstant(node.left as Node) && isConstant(node.right);
  return false;
}

function isZero(node: Node): boolean {
  return node.type === 'Literal' && (node.value === 0 || node.value === '0');
}

function keyName(node: Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  return null;
}

function visit(node: Node, ancestors: Node[], callback: (node: Node, ancestors: Node[]) => void): void {
  callback(node, ancestors);
  ancestors.push(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object' && 'type' in item) visit(item as Node, ancestors, callback);
    } else if (value && typeof value === 'object' && 'type' in value) {
      visit(value as Node, ancestors, callback);
    }
  }
  ancestors.pop();
}
