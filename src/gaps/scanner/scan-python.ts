import { createRequire } from 'node:module';
import type { Node, Parser as ParserType } from 'web-tree-sitter';
import { emptyScan, type FileScan } from './types.js';
import { markersInComment } from './markers.js';
import { normalizeRoutePath } from './route-path.js';
import { isTestPath } from './test-paths.js';
import { PYTHON_CLIENT_HINT, pythonCalls } from './py-calls.js';

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route']);
const ROUTER_FACTORIES: Record<string, string> = { APIRouter: 'prefix', Blueprint: 'url_prefix', FastAPI: 'root_path', Flask: '' };

let parserPromise: Promise<ParserType> | undefined;

/** Loads web-tree-sitter and the tree-sitter-python grammar once per process (lazily: ~100 ms). */
export async function loadPythonParser(): Promise<ParserType> {
  return (parserPromise ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const wasm = createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
    const language = await Language.load(wasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })());
}

/** Scans a Python file with tree-sitter: symbols, imports, tests, commands, stubs, markers, routes. */
export async function scanPython(path: string, content: string): Promise<FileScan> {
  const parser = await loadPythonParser();
  const tree = parser.parse(content);
  const scan = emptyScan(path, 'python', content.split('\n').length);
  if (!tree) {
    scan.error = 'tree-sitter returned no tree';
    return scan;
  }
  try {
    const hints = { markers: /\b(?:TODO|FIXME|XXX|HACK)\b/.test(content), raises: content.includes('NotImplemented') };
    new PythonScanner(scan, isTestPath(path) || /(?:^|\/)conftest\.py$/.test(path), hints).module(tree.rootNode);
    if (PYTHON_CLIENT_HINT.test(content)) scan.calls.push(...pythonCalls(tree.rootNode));
  } finally {
    tree.delete();
  }
  return scan;
}

class PythonScanner {
  private commandStyle: 'typer' | 'click' | null = null;

  constructor(
    private readonly scan: FileScan,
    private readonly isTestFile: boolean,
    /** What the text can contain at all: walking the tree for absent things is the slow part. */
    private readonly hints: { markers: boolean; raises: boolean },
  ) {}

  module(root: Node): void {
    for (const comment of this.hints.markers ? root.descendantsOfType('comment') : []) {
      if (comment) this.scan.todos.push(...markersInComment(comment.text.replace(/^#/, ''), line(comment)));
    }
    for (const statement of root.namedChildren) if (statement) this.statement(statement, true);
  }

  private statement(node: Node, topLevel: boolean, container?: string, containerIsAbstract = false): void {
    switch (node.type) {
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node);
        return;
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        const decorators = node.namedChildren.filter((child): child is Node => child?.type === 'decorator');
        if (definition) this.definition(definition, decorators, topLevel, container, containerIsAbstract);
        return;
      }
      case 'function_definition':
      case 'class_definition':
        this.definition(node, [], topLevel, container, containerIsAbstract);
        return;
      case 'expression_statement':
        this.expressionStatement(node, topLevel);
        return;
      case 'if_statement':
      case 'try_statement':
      case 'with_statement':
      case 'block':
      case 'else_clause':
      case 'except_clause':
      case 'finally_clause':
        // `if __name__ == "__main__":` and try/except around imports still hold module-level code.
        for (const child of node.namedChildren) if (child) this.statement(child, topLevel, container, containerIsAbstract);
        return;
      default:
        return;
    }
  }

  private importStatement(node: Node): void {
    if (node.type === 'import_statement') {
      for (const child of node.namedChildren) {
        if (!child) continue;
        const dotted = child.type === 'aliased_import' ? child.childForFieldName('name') : child;
        const alias = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : undefined;
        if (!dotted) continue;
        const source = dotted.text;
        this.noteFramework(source);
        this.scan.imports.push({ source, names: [{ local: alias ?? source.split('.')[0]!, imported: '*' }], line: line(node) });
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const names: Array<{ local: string; imported: string }> = [];
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'aliased_import') {
        const imported = child.childForFieldName('name')?.text ?? '';
        names.push({ local: child.childForFieldName('alias')?.text ?? imported, imported });
      } else names.push({ local: child.text, imported: child.text });
    }
    this.scan.imports.push({ source: moduleNode.text, names, line: line(node) });
    this.noteFramework(moduleNode.text);
  }

  private noteFramework(module: string): void {
    if (module === 'typer' || module.startsWith('typer.')) this.commandStyle = 'typer';
    if (module === 'click') this.commandStyle ??= 'click';
  }

  private definition(node: Node, decorators: Node[], topLevel: boolean, container: string | undefined, containerIsAbstract: boolean): void {
    const name = node.childForFieldName('name')?.text ?? '';
    const startLine = line(decorators[0] ?? node);
    if (node.type === 'class_definition') {
      this.scan.symbols.push({ name, kind: 'class', line: line(node), exported: topLevel && !name.startsWith('_') });
      if (topLevel) this.scan.exports[name] = name;
      const bases = node.childForFieldName('superclasses')?.text ?? '';
      const abstract = /\b(?:ABC|Protocol|ABCMeta)\b/.test(bases);
      const body = node.childForFieldName('body');
      for (const child of body?.namedChildren ?? []) if (child) this.statement(child, false, name, abstract);
      return;
    }
    const decoratorTexts = decorators.map((decorator) => decorator.text.replace(/^@\s*/, ''));
    this.scan.symbols.push({
      name,
      kind: container ? 'method' : 'function',
      line: line(node),
      exported: topLevel && !name.startsWith('_'),
      ...(container ? { container } : {}),
    });
    if (topLevel) this.scan.exports[name] = name;
    if (this.isTestFile && name.startsWith('test')) {
      this.scan.tests.push({ name, line: line(node), parents: container ? [container] : [] });
    }
    for (const decorator of decorators) this.decorator(decorator, name, startLine);
    const abstract =
      containerIsAbstract || decoratorTexts.some((text) => /(?:^|\.)(?:abstractmethod|overload|abstractproperty)\b/.test(text));
    this.checkStub(node, name, abstract);
  }

  private decorator(decorator: Node, functionName: string, startLine: number): void {
    const call = decorator.namedChildren.find((child) => child?.type === 'call') ?? null;
    const callee = call?.childForFieldName('function') ?? decorator.namedChildren[0] ?? null;
    if (!callee || callee.type !== 'attribute') return;
    const owner = callee.childForFieldName('object')?.text ?? '';
    const member = callee.childForFieldName('attribute')?.text ?? '';
    const args = call?.childForFieldName('arguments') ?? null;
    if (member === 'command' || (member === 'group' && owner !== 'click')) {
      const explicit = stringArg(args, 0) ?? keywordString(args, 'name');
      const style = this.commandStyle ?? (owner === 'click' ? 'click' : 'typer');
      this.scan.commands.push({ name: explicit ?? functionName.replace(/_/g, '-'), line: startLine, framework: style });
      return;
    }
    if (!ROUTE_DECORATORS.has(member) || !args) return;
    const path = stringArg(args, 0) ?? keywordString(args, 'path') ?? keywordString(args, 'rule');
    if (path === undefined) return;
    let methods = [member.toUpperCase()];
    if (member === 'route' || member === 'api_route') {
      const listed = keywordList(args, 'methods');
      methods = listed.length > 0 ? listed.map((method) => method.toUpperCase()) : member === 'route' ? ['GET'] : ['GET'];
    }
    for (const method of methods) this.scan.routes.push({ owner, method, path: normalizeRoutePath(path), line: startLine });
  }

  private checkStub(node: Node, name: string, abstract: boolean): void {
    const body = node.childForFieldName('body');
    if (!body) return;
    for (const raise of this.hints.raises ? body.descendantsOfType('raise_statement') : []) {
      if (!raise || abstract) continue;
      const raised = raise.namedChildren[0];
      const raisedName = raised?.type === 'call' ? raised.childForFieldName('function')?.text : raised?.text;
      if (raisedName === 'NotImplementedError' || raisedName === 'NotImplemented') {
        this.scan.stubs.push({ name, line: line(raise), reason: 'not-implemented' });
      }
    }
    if (abstract || /^__\w+__$/.test(name)) return;
    const statements = body.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
    const meaningful = statements.filter((statement, index) => !(index === 0 && isDocstring(statement)));
    // A body of only `pass`, `...` or a docstring does nothing.
    if (
      meaningful.every(
        (statement) => statement.type === 'pass_statement' || (statement.type === 'expression_statement' && statement.text === '...'),
      )
    ) {
      this.scan.stubs.push({ name, line: line(node), reason: 'pass-body' });
    }
  }

  private expressionStatement(node: Node, topLevel: boolean): void {
    const expression = node.namedChildren[0];
    if (!expression) return;
    if (expression.type === 'assignment') {
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.type === 'identifier') {
        if (topLevel) {
          this.scan.symbols.push({ name: left.text, kind: 'variable', line: line(node), exported: !left.text.startsWith('_') });
          this.scan.exports[left.text] = left.text;
        }
        if (right?.type === 'call') this.routerDeclaration(left.text, right);
      }
      return;
    }
    if (expression.type === 'call') this.mountCall(expression);
  }

  /** `router = APIRouter(prefix="/users")`, `bp = Blueprint("x", __name__, url_prefix="/x")`, `app = FastAPI()`. */
  private routerDeclaration(name: string, call: Node): void {
    const callee = call.childForFieldName('function')?.text.split('.').pop() ?? '';
    const prefixKey = ROUTER_FACTORIES[callee];
    if (prefixKey === undefined) return;
    const prefix = prefixKey ? (keywordString(call.childForFieldName('arguments'), prefixKey) ?? '') : '';
    this.scan.routers.push({ name, prefix: prefix ? normalizeRoutePath(prefix) : '', line: line(call) });
  }

  /** `app.include_router(users.router, prefix="/api")`, `app.register_blueprint(bp, url_prefix="/x")`. */
  private mountCall(call: Node): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return;
    const member = callee.childForFieldName('attribute')?.text;
    if (member !== 'include_router' && member !== 'register_blueprint') return;
    const args = call.childForFieldName('arguments');
    const target = args?.namedChildren.find((child) => child !== null && child.type !== 'keyword_argument');
    if (!target) return;
    const prefixKey = member === 'include_router' ? 'prefix' : 'url_prefix';
    const prefix = keywordString(args, prefixKey);
    this.scan.mounts.push({
      owner: callee.childForFieldName('object')?.text ?? '',
      prefix: prefix ? normalizeRoutePath(prefix) : '',
      target: target.text,
      line: line(call),
      ...(member === 'register_blueprint' && prefix !== undefined ? { replacesPrefix: true } : {}),
    });
  }
}

function line(node: Node): number {
  return node.startPosition.row + 1;
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string';
}

/** The value of a plain Python string literal (no f-strings), else undefined. */
export function pythonString(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  return node.namedChildren
    .filter((child): child is Node => child?.type === 'string_content')
    .map((child) => child.text)
    .join('');
}

function stringArg(args: Node | null, index: number): string | undefined {
  const positional = (args?.namedChildren ?? []).filter((child) => child !== null && child.type !== 'keyword_argument');
  return pythonString(positional[index]);
}

function keywordArgument(args: Node | null, key: string): Node | null {
  for (const child of args?.namedChildren ?? []) {
    if (child?.type === 'keyword_argument' && child.childForFieldName('name')?.text === key) return child.childForFieldName('value');
  }
  return null;
}

function keywordString(args: Node | null, key: string): string | undefined {
  return pythonString(keywordArgument(args, key));
}

function keywordList(args: Node | null, key: string): string[] {
  const value = keywordArgument(args, key);
  if (!value || (value.type !== 'list' && value.type !== 'tuple')) return [];
  return value.namedChildren.map((child) => pythonString(child)).filter((text): text is string => text !== undefined);
}
