import { createRequire } from 'node:module';
import type { Node, Parser as ParserType } from 'web-tree-sitter';
import { emptyScan, type FileScan, type ValueExpr } from './types.js';
import { positional, pythonString, pythonValue } from './python-values.js';

export { pythonString, pythonValue };
import { markersInComment } from './markers.js';
import { normalizeRoutePath } from './route-path.js';
import { isTestPath } from './test-paths.js';
import { PYTHON_CLIENT_HINT, pythonCalls } from './py-calls.js';

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route']);
// `FastAPI(root_path=)` is where a proxy mounts the app, not a prefix of its routes.
const ROUTER_FACTORIES: Record<string, string> = { APIRouter: 'prefix', Blueprint: 'url_prefix', FastAPI: '', Flask: '', Api: 'prefix' };
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const FRAMEWORKS = /^(?:fastapi|flask|flask_restful|flask_restx|flask_smorest)(?:\.|$)/;
/** Registrations made inside functions (`create_app()`): only walked when the text names one. */
const REGISTRATIONS = /\b(?:register_blueprint|include_router|add_url_rule|add_resource|add_api_route|route|init_app)\b/;

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
    const hints = {
      markers: /\b(?:TODO|FIXME|XXX|HACK)\b/.test(content),
      raises: content.includes('NotImplemented'),
      registrations: REGISTRATIONS.test(content),
    };
    new PythonScanner(scan, isTestPath(path) || /(?:^|\/)conftest\.py$/.test(path), hints).module(tree.rootNode);
    if (PYTHON_CLIENT_HINT.test(content)) scan.calls.push(...pythonCalls(tree.rootNode));
  } finally {
    tree.delete();
  }
  return scan;
}

class PythonScanner {
  private commandStyle: 'typer' | 'click' | null = null;
  /** The web framework module this file imports (`fastapi`, `flask`), for failing closed. */
  private framework: string | null = null;
  /** Classes of this file → the HTTP methods they define (`MethodView`, flask-restful `Resource`). */
  private readonly viewMethods = new Map<string, string[]>();
  private registrations = 0;

  constructor(
    private readonly scan: FileScan,
    private readonly isTestFile: boolean,
    /** What the text can contain at all: walking the tree for absent things is the slow part. */
    private readonly hints: { markers: boolean; raises: boolean; registrations: boolean },
  ) {}

  module(root: Node): void {
    for (const comment of this.hints.markers ? root.descendantsOfType('comment') : []) {
      if (comment) this.scan.todos.push(...markersInComment(comment.text.replace(/^#/, ''), line(comment)));
    }
    for (const statement of root.namedChildren) if (statement) this.statement(statement, true);
    const extracted = this.scan.routes.length + this.scan.mounts.length;
    if (this.framework && this.registrations > 0 && extracted === 0 && !this.scan.warnings?.length)
      this.warn(1, `uses ${this.framework} and registers routes, but no route could be read from it`);
  }

  private warn(at: number, message: string): void {
    // Tests build apps to exercise them: what they register is not the served API.
    if (!this.isTestFile) (this.scan.warnings ??= []).push({ line: at, message });
  }

  private setValue(name: string, value: ValueExpr): void {
    (this.scan.values ??= {})[name] = value;
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
        this.expressionStatement(node, topLevel, container);
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
        if (FRAMEWORKS.test(source)) this.framework ??= source.split('.')[0] as string;
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
    if (FRAMEWORKS.test(moduleNode.text)) this.framework ??= moduleNode.text.split('.')[0] as string;
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
      const methods = this.scan.symbols
        .filter((symbol) => symbol.container === name && HTTP_METHODS.includes(symbol.name))
        .map((symbol) => symbol.name.toUpperCase());
      if (methods.length > 0) this.viewMethods.set(name, methods);
      // flask-smorest / Flask `@bp.route("/x")` on a `MethodView`: the class serves what it defines.
      for (const decorator of decorators) this.decorator(decorator, name, startLine, methods.length > 0 ? methods : ['*']);
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
    if (this.hints.registrations) this.functionBody(node.childForFieldName('body'));
    const abstract =
      containerIsAbstract || decoratorTexts.some((text) => /(?:^|\.)(?:abstractmethod|overload|abstractproperty)\b/.test(text));
    this.checkStub(node, name, abstract);
    if (topLevel) this.returnedInstance(node, name);
  }

  private decorator(decorator: Node, functionName: string, startLine: number, classMethods?: string[]): void {
    const call = decorator.namedChildren.find((child) => child?.type === 'call') ?? null;
    const callee = call?.childForFieldName('function') ?? decorator.namedChildren[0] ?? null;
    if (!callee || callee.type !== 'attribute') return;
    const owner = callee.childForFieldName('object')?.text ?? '';
    const member = callee.childForFieldName('attribute')?.text ?? '';
    const args = call?.childForFieldName('arguments') ?? null;
    if (classMethods && member !== 'route') return;
    if (member === 'command' || (member === 'group' && owner !== 'click')) {
      const explicit = stringArg(args, 0) ?? keywordString(args, 'name');
      const style = this.commandStyle ?? (owner === 'click' ? 'click' : 'typer');
      this.scan.commands.push({ name: explicit ?? functionName.replace(/_/g, '-'), line: startLine, framework: style });
      return;
    }
    if (!ROUTE_DECORATORS.has(member) || !args) return;
    this.registrations++;
    const pathNode = positional(args)[0] ?? keywordArgument(args, 'path') ?? keywordArgument(args, 'rule');
    let methods = [member.toUpperCase()];
    if (member === 'route' || member === 'api_route') {
      const listed = keywordList(args, 'methods');
      methods = listed.length > 0 ? listed.map((method) => method.toUpperCase()) : (classMethods ?? ['GET']);
    }
    this.addRoutes(owner, methods, pathNode, startLine);
  }

  /** Routes with a literal path, or a path given as a value (`PREFIX + "/x"`, an f-string). */
  private addRoutes(owner: string, methods: string[], pathNode: Node | null | undefined, at: number, view?: string): void {
    const literal = pythonString(pathNode);
    const expr = literal === undefined && pathNode ? pythonValue(pathNode) : undefined;
    if (literal === undefined && !expr) {
      if (this.framework) this.warn(at, `route path ${pathNode ? `\`${pathNode.text.slice(0, 60)}\`` : '(none)'} could not be read`);
      return;
    }
    for (const method of methods) {
      this.scan.routes.push({
        owner,
        method,
        path: literal === undefined ? '' : normalizeRoutePath(literal),
        line: at,
        ...(expr ? { pathExpr: expr } : {}),
        ...(view ? { view } : {}),
      });
    }
  }

  /**
   * Registrations inside a function body (`def create_app(): app = Flask(...);
   * app.register_blueprint(...)`, routes decorated inside it). Only calls and assignments are
   * read: symbols stay those of the module.
   */
  private functionBody(body: Node | null): void {
    for (const statement of body?.namedChildren ?? []) {
      if (!statement) continue;
      switch (statement.type) {
        case 'expression_statement': {
          const expression = statement.namedChildren[0];
          if (expression?.type === 'call') this.mountCall(expression);
          else if (expression?.type === 'assignment') {
            const left = expression.childForFieldName('left');
            const right = expression.childForFieldName('right');
            if (left?.type === 'identifier' && right?.type === 'call') this.routerDeclaration(left.text, right);
          }
          break;
        }
        case 'decorated_definition': {
          const definition = statement.childForFieldName('definition');
          const name = definition?.childForFieldName('name')?.text ?? '';
          const decorators = statement.namedChildren.filter((child): child is Node => child?.type === 'decorator');
          const startLine = line(decorators[0] ?? statement);
          for (const decorator of decorators) this.decorator(decorator, name, startLine);
          if (definition?.type === 'function_definition') this.functionBody(definition.childForFieldName('body'));
          break;
        }
        case 'function_definition':
          this.functionBody(statement.childForFieldName('body'));
          break;
        case 'if_statement':
        case 'try_statement':
        case 'with_statement':
        case 'block':
        case 'else_clause':
        case 'except_clause':
        case 'finally_clause':
          this.functionBody(statement);
          break;
        default:
          break;
      }
    }
  }

  /** `@lru_cache def get_settings(): return Settings()`: `get_settings()` is an instance of that class. */
  private returnedInstance(node: Node, name: string): void {
    const statements = (node.childForFieldName('body')?.namedChildren ?? []).filter(
      (child): child is Node => child !== null && child.type !== 'comment' && !isDocstring(child),
    );
    const only = statements.length === 1 ? statements[0] : undefined;
    const value = only?.type === 'return_statement' ? only.namedChildren[0] : undefined;
    const callee = value?.type === 'call' ? value.childForFieldName('function')?.text : undefined;
    if (callee && /^[A-Z][\w]*$/.test(callee.split('.').pop() ?? '')) this.setValue(`${name}()`, [{ ref: callee }]);
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

  private expressionStatement(node: Node, topLevel: boolean, container?: string): void {
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
        if (right && (topLevel || container)) this.recordValue(container ? `${container}.${left.text}` : left.text, right);
        if (right?.type === 'call') this.routerDeclaration(left.text, right);
      }
      return;
    }
    if (expression.type === 'call') this.mountCall(expression);
  }

  /**
   * Module constants and class attributes with literal defaults, for the linker:
   * `API_V1_STR: str = "/api/v1"` in `class Settings(BaseSettings)`, `Field(default="/x")`,
   * `settings = Settings()` (an alias of the class), dict literals (`config["api"]["prefix"]`).
   */
  private recordValue(name: string, right: Node): void {
    if (right.type === 'call') {
      const callee = right.childForFieldName('function');
      const args = right.childForFieldName('arguments');
      const last = callee?.text.split('.').pop() ?? '';
      if (last === 'Field') {
        const value = positional(args)[0] ?? keywordArgument(args, 'default');
        const expr = value && pythonValue(value);
        if (expr) this.setValue(name, expr);
        return;
      }
      const noArguments = positional(args).length === 0;
      // `Settings()`, `config.Settings()`: an instance reads the class's defaults.
      if (callee && /^[A-Z]/.test(last) && /^[A-Za-z_][\w.]*$/.test(callee.text)) this.setValue(name, [{ ref: callee.text }]);
      // `settings = get_settings()`: whatever that function returns (see `returnedInstance`).
      else if (callee && noArguments && /^[A-Za-z_][\w.]*$/.test(callee.text)) this.setValue(name, [{ ref: `${callee.text}()` }]);
      else {
        const expr = pythonValue(right);
        if (expr) this.setValue(name, expr);
      }
      return;
    }
    if (right.type === 'dictionary') {
      for (const pair of right.namedChildren) {
        if (pair?.type !== 'pair') continue;
        const key = pythonString(pair.childForFieldName('key'));
        const value = pair.childForFieldName('value');
        if (key !== undefined && /^[\w-]+$/.test(key) && value) this.recordValue(`${name}.${key}`, value);
      }
      return;
    }
    const expr = pythonValue(right);
    if (expr) this.setValue(name, expr);
  }

  /** `router = APIRouter(prefix="/users")`, `bp = Blueprint("x", __name__, url_prefix="/x")`, `app = FastAPI()`. */
  private routerDeclaration(name: string, call: Node): void {
    const callee = call.childForFieldName('function')?.text.split('.').pop() ?? '';
    const prefixKey = ROUTER_FACTORIES[callee];
    if (prefixKey === undefined) return;
    const args = call.childForFieldName('arguments');
    const value = prefixKey ? keywordArgument(args, prefixKey) : null;
    const prefix = pythonString(value) ?? '';
    const expr = prefix === '' && value ? pythonValue(value) : undefined;
    this.scan.routers.push({
      name,
      prefix: prefix ? normalizeRoutePath(prefix) : '',
      line: line(call),
      ...(expr ? { prefixExpr: expr } : {}),
    });
    // flask-restful `Api(bp)`: the API's resources hang under the blueprint (or app) it wraps.
    const wrapped = positional(args)[0];
    if (callee === 'Api' && wrapped && /^[A-Za-z_][\w.]*$/.test(wrapped.text))
      this.scan.mounts.push({ owner: wrapped.text, prefix: '', target: name, line: line(call) });
  }

  /** `app.include_router(users.router, prefix="/api")`, `app.register_blueprint(bp, url_prefix="/x")`. */
  private mountCall(call: Node): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return;
    const member = callee.childForFieldName('attribute')?.text ?? '';
    const owner = callee.childForFieldName('object')?.text ?? '';
    const args = call.childForFieldName('arguments');
    if (member === 'add_url_rule' || member === 'add_api_route' || member === 'add_resource') {
      this.registrationCall(owner, member, args, line(call));
      return;
    }
    if (member === 'init_app' && this.framework) {
      // flask-restful `api.init_app(app)`: the API hangs under the app.
      const app = positional(args)[0];
      if (app?.type === 'identifier') this.scan.mounts.push({ owner: app.text, prefix: '', target: owner, line: line(call) });
      return;
    }
    if (member !== 'include_router' && member !== 'register_blueprint') return;
    this.registrations++;
    const target = positional(args)[0];
    if (!target) return;
    const prefixKey = member === 'include_router' ? 'prefix' : 'url_prefix';
    const value = keywordArgument(args, prefixKey);
    const prefix = pythonString(value);
    const expr = prefix === undefined && value ? pythonValue(value) : undefined;
    if (value && prefix === undefined && !expr) this.warn(line(call), `${member} prefix \`${value.text.slice(0, 60)}\` could not be read`);
    this.scan.mounts.push({
      owner,
      prefix: prefix ? normalizeRoutePath(prefix) : '',
      target: target.text,
      line: line(call),
      ...(member === 'register_blueprint' && value ? { replacesPrefix: true } : {}),
      ...(expr ? { prefixExpr: expr } : {}),
    });
  }

  /**
   * `bp.add_url_rule("/x", view_func=f, methods=[...])` (a `MethodView` serves the methods it
   * defines), FastAPI `app.add_api_route("/x", f, methods=[...])`, flask-restful
   * `api.add_resource(Resource, "/a", "/b")`.
   */
  private registrationCall(owner: string, member: string, args: Node | null, at: number): void {
    this.registrations++;
    const listed = positional(args);
    if (member === 'add_resource') {
      const resource = listed[0];
      const name = resource?.text ?? '';
      const methods = this.viewMethods.get(name) ?? ['*'];
      const view = methods[0] === '*' && /^[A-Za-z_][\w.]*$/.test(name) ? name : undefined;
      for (const pathNode of listed.slice(1)) this.addRoutes(owner, methods, pathNode, at, view);
      return;
    }
    const pathNode = listed[0] ?? keywordArgument(args, 'rule') ?? keywordArgument(args, 'path');
    const explicit = keywordList(args, 'methods').map((method) => method.toUpperCase());
    const viewNode =
      keywordArgument(args, member === 'add_url_rule' ? 'view_func' : 'endpoint') ?? listed[member === 'add_url_rule' ? 2 : 1];
    const viewClass = /^([A-Za-z_][\w.]*)\.as_view\(/.exec(viewNode?.text ?? '')?.[1];
    let methods = explicit.length > 0 ? explicit : ['GET'];
    let view: string | undefined;
    if (explicit.length === 0 && viewClass) {
      methods = this.viewMethods.get(viewClass) ?? ['*'];
      if (methods[0] === '*') view = viewClass;
    }
    this.addRoutes(owner, methods, pathNode, at, view);
  }
}

function line(node: Node): number {
  return node.startPosition.row + 1;
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string';
}

function stringArg(args: Node | null, index: number): string | undefined {
  return pythonString(positional(args)[index]);
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
