import { emptyScan, type FileScan, type ScannedSymbol } from './types.js';
import { urlParts, type EsNode } from './ts-url.js';
import { isTestPath } from './test-paths.js';
import { memberText, nameOf, unwrap } from './es-nodes.js';

const CLIENT_MODULES = new Set(['axios', 'ky', 'ky-universal', 'redaxios']);

/** A function being walked: its name and parameters (routes on a parameter belong to the function). */
export interface FunctionFrame {
  name: string | null;
  params: Map<string, number>;
  /** Set when this named function forwards a parameter to an HTTP client. */
  named: boolean;
  /** The callback of `fixtures.forEach((fixture) => …)` over a list of strings: its parameter takes each of them. */
  matrix?: { name: string; values: string[] };
}

/**
 * The TypeScript scanner's state and what it reads from top-level statements: symbols,
 * imports and exports (ESM and CommonJS). Routes and calls are added by the subclasses.
 */
export class TsScannerBase {
  protected readonly result: FileScan;
  protected readonly constants = new Map<string, string>();
  /** Module constants that are lists of strings (`const fixtures = ['lockfile', 'packager']`), the strings only. */
  protected readonly stringLists = new Map<string, string[]>();
  /** Local names bound to express/fastify/koa/hono servers and routers. */
  protected readonly servers = new Set<string>();
  /** Local names of HTTP clients (imported axios/ky and their instances) → base path. */
  protected readonly clients = new Map<string, { prefix: string; external: boolean }>();
  protected readonly imported = new Set<string>();
  protected readonly frames: FunctionFrame[] = [];
  protected readonly testParents: string[] = [];
  protected readonly isTestFile: boolean;
  protected yargs = false;

  /** The line a node starts on (from its offset, see `ParsedJs.lineOf`). */
  private readonly locate: (node: EsNode) => number;

  constructor(path: string, lines: number, locate: (node: EsNode) => number) {
    this.result = emptyScan(path, 'ts', lines);
    this.locate = locate;
    // axios loaded from a <script> tag is a global.
    this.clients.set('axios', { prefix: '', external: false });
    this.isTestFile = isTestPath(path);
  }

  protected line(node: EsNode): number {
    return this.locate(node);
  }

  protected addSymbol(symbol: ScannedSymbol): void {
    this.result.symbols.push(symbol);
    if (symbol.exported && symbol.kind !== 'method') this.result.exports[symbol.name] = symbol.name;
  }

  protected collectTopLevel(statement: EsNode, exported = false): void {
    switch (statement.type) {
      case 'ImportDeclaration':
        this.collectImport(statement);
        return;
      case 'ExportNamedDeclaration':
        this.collectNamedExport(statement);
        return;
      case 'ExportDefaultDeclaration':
        this.collectDefaultExport(statement.declaration as EsNode);
        return;
      case 'FunctionDeclaration':
      case 'TSDeclareFunction':
        if (statement.id) this.addSymbol({ name: statement.id.name, kind: 'function', line: this.line(statement), exported });
        return;
      case 'ClassDeclaration':
        if (statement.id) this.addClass(statement, exported);
        return;
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSEnumDeclaration':
        this.addSymbol({ name: statement.id.name, kind: 'type', line: this.line(statement), exported });
        return;
      case 'VariableDeclaration':
        for (const declarator of statement.declarations as EsNode[])
          this.collectDeclarator(declarator, exported, statement.kind === 'const');
        return;
      case 'ExpressionStatement':
        this.collectCommonJsExport(statement.expression);
        return;
      default:
        return;
    }
  }

  /** `import a, { b as c } from 'm'`, `import * as ns from 'm'`. */
  private collectImport(statement: EsNode): void {
    const names = (statement.specifiers as EsNode[]).map((s) => ({
      local: s.local.name as string,
      imported: s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : nameOf(s.imported),
    }));
    this.addImport(statement.source.value, names, this.line(statement));
  }

  /** `export const x`, `export { a as b }`, `export { a } from 'm'` (a re-export is an import too). */
  private collectNamedExport(statement: EsNode): void {
    if (statement.declaration) this.collectTopLevel(statement.declaration, true);
    for (const specifier of (statement.specifiers ?? []) as EsNode[]) {
      const local = nameOf(specifier.local);
      const exportedName = nameOf(specifier.exported);
      if (statement.source) this.addImport(statement.source.value, [{ local: exportedName, imported: local }], this.line(statement));
      this.result.exports[exportedName] = statement.source ? exportedName : local;
    }
  }

  /** `export default name`, `export default function f() {}`; anything else is exported as `default`. */
  private collectDefaultExport(declaration: EsNode): void {
    if (declaration.type === 'Identifier') this.result.exports.default = declaration.name;
    else if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
      this.collectTopLevel(declaration, true);
      this.result.exports.default = declaration.id.name;
    } else this.result.exports.default = 'default';
  }

  protected addClass(node: EsNode, exported: boolean): void {
    const name = node.id.name as string;
    this.addSymbol({ name, kind: 'class', line: this.line(node), exported });
    for (const member of node.body.body as EsNode[]) {
      if ((member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') && member.kind !== 'constructor') {
        const methodName = nameOf(member.key);
        if (methodName) this.addSymbol({ name: methodName, kind: 'method', line: this.line(member), exported, container: name });
      }
    }
  }

  protected collectDeclarator(declarator: EsNode, exported: boolean, isConst: boolean): void {
    if (declarator.id.type === 'ObjectPattern') {
      for (const property of declarator.id.properties as EsNode[]) {
        if (property.type === 'Property' && property.value.type === 'Identifier') {
          this.addSymbol({ name: property.value.name, kind: 'variable', line: this.line(declarator), exported });
        }
      }
      return;
    }
    if (declarator.id.type !== 'Identifier') return;
    const name = declarator.id.name as string;
    const init = unwrap(declarator.init);
    const kind = init && /^(?:Arrow)?Function/.test(init.type) ? 'function' : init?.type === 'ClassExpression' ? 'class' : 'variable';
    this.addSymbol({ name, kind, line: this.line(declarator), exported });
    if (isConst && init?.type === 'ArrayExpression') {
      const strings = stringsOf(init);
      if (strings.length > 0) this.stringLists.set(name, strings);
    }
    if (isConst && init) {
      const parts = urlParts(init, { constants: this.constants, params: new Map() });
      if (parts && parts.every((part) => part.kind === 'text'))
        this.constants.set(name, parts.map((part) => (part.kind === 'text' ? part.value : '')).join(''));
    }
  }

  protected collectCommonJsExport(expression: EsNode): void {
    if (expression.type !== 'AssignmentExpression' || expression.left.type !== 'MemberExpression') return;
    const target = memberText(expression.left);
    const value = unwrap(expression.right) as EsNode;
    if (target === 'module.exports') {
      if (value.type === 'Identifier') this.result.exports.default = value.name;
      else if (value.type === 'ObjectExpression') {
        for (const property of value.properties as EsNode[]) {
          if (property.type === 'Property' && property.value.type === 'Identifier')
            this.result.exports[nameOf(property.key)] = property.value.name;
        }
      } else {
        this.result.exports.default = 'default';
      }
    } else if (target?.startsWith('exports.') || target?.startsWith('module.exports.')) {
      const exportedName = target.split('.').pop() as string;
      this.result.exports[exportedName] = value.type === 'Identifier' ? value.name : exportedName;
    }
  }

  protected addImport(source: string, names: Array<{ local: string; imported: string }>, line: number): void {
    this.result.imports.push({ source, names, line });
    for (const { local } of names) this.imported.add(local);
    if (CLIENT_MODULES.has(source)) {
      for (const { local, imported } of names)
        if (imported === 'default' || imported === '*') this.clients.set(local, { prefix: '', external: false });
    }
    if (source === 'yargs' || source.startsWith('yargs/')) this.yargs = true;
  }
}

/** The string literals of an array literal; what is not one is `…` (`[...Object.keys(AGENTS), 'unknown']` → `…, unknown`). */
export function stringsOf(array: EsNode): string[] {
  const strings = (array.elements as Array<EsNode | null>).map((element) =>
    element?.type === 'Literal' && typeof element.value === 'string' ? element.value : '…',
  );
  return strings.some((value) => value !== '…') ? strings.filter((value, i) => value !== '…' || strings[i - 1] !== '…') : [];
}
