import type { Node } from 'web-tree-sitter';
import type { FileScan, ValueExpr } from './types.js';
import { positional, pythonString, pythonValue } from './python-values.js';
import { isDocstring, keywordArgument, keywordList, line } from './python-nodes.js';
import { normalizeRoutePath } from './route-path.js';

const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route']);
// `FastAPI(root_path=)` is where a proxy mounts the app, not a prefix of its routes.
const ROUTER_FACTORIES: Record<string, string> = { APIRouter: 'prefix', Blueprint: 'url_prefix', FastAPI: '', Flask: '', Api: 'prefix' };
const REGISTRATION_CALLS = new Set(['add_url_rule', 'add_api_route', 'add_resource']);
const DOTTED_NAME = /^[A-Za-z_][\w.]*$/;

/** Statements that hold other statements: what is inside them runs at the same level. */
export const PYTHON_BLOCKS = new Set([
  'if_statement',
  'try_statement',
  'with_statement',
  'block',
  'else_clause',
  'except_clause',
  'finally_clause',
]);

/**
 * The web side of a Python file: route decorators, router factories, mounts, registration calls
 * (`add_url_rule`, `add_resource`), the values their paths are computed from. The module scanner
 * extends it and owns the rest (symbols, imports, tests, commands, stubs).
 */
export abstract class PythonRouteScanner {
  /** The web framework module this file imports (`fastapi`, `flask`), for failing closed. */
  protected framework: string | null = null;
  /** Classes of this file → the HTTP methods they define (`MethodView`, flask-restful `Resource`). */
  protected readonly viewMethods = new Map<string, string[]>();
  protected registrations = 0;

  constructor(
    protected readonly scan: FileScan,
    protected readonly isTestFile: boolean,
  ) {}

  /** A decorator of a function or class (command or route), also when found inside a function body. */
  protected abstract decorator(decorator: Node, functionName: string, startLine: number, classMethods?: string[]): void;

  protected warn(at: number, message: string): void {
    // Tests build apps to exercise them: what they register is not the served API.
    if (!this.isTestFile) (this.scan.warnings ??= []).push({ line: at, message });
  }

  protected setValue(name: string, value: ValueExpr): void {
    (this.scan.values ??= {})[name] = value;
  }

  private setExpr(name: string, expr: ValueExpr | undefined): void {
    if (expr) this.setValue(name, expr);
  }

  /** `@app.get("/x")`, `@bp.route("/x", methods=[...])`; a class's own methods when it is a view. */
  protected routeDecorator(owner: string, member: string, args: Node | null, startLine: number, classMethods?: string[]): void {
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
  protected functionBody(body: Node | null): void {
    for (const statement of body?.namedChildren ?? []) if (statement) this.bodyStatement(statement);
  }

  private bodyStatement(statement: Node): void {
    if (PYTHON_BLOCKS.has(statement.type)) {
      this.functionBody(statement);
      return;
    }
    switch (statement.type) {
      case 'expression_statement':
        this.bodyExpression(statement.namedChildren[0]);
        return;
      case 'decorated_definition':
        this.nestedDecorated(statement);
        return;
      case 'function_definition':
        this.functionBody(statement.childForFieldName('body'));
        return;
      default:
        return;
    }
  }

  /** `app.register_blueprint(...)` and `app = Flask(...)` inside a function body. */
  private bodyExpression(expression: Node | null | undefined): void {
    if (expression?.type === 'call') {
      this.mountCall(expression);
      return;
    }
    if (expression?.type !== 'assignment') return;
    const left = expression.childForFieldName('left');
    const right = expression.childForFieldName('right');
    if (left?.type === 'identifier' && right?.type === 'call') this.routerDeclaration(left.text, right);
  }

  /** A decorated function or class inside a function body: its decorators, and a function's body. */
  private nestedDecorated(statement: Node): void {
    const definition = statement.childForFieldName('definition');
    const name = definition?.childForFieldName('name')?.text ?? '';
    const decorators = statement.namedChildren.filter((child): child is Node => child?.type === 'decorator');
    const startLine = line(decorators[0] ?? statement);
    for (const decorator of decorators) this.decorator(decorator, name, startLine);
    if (definition?.type === 'function_definition') this.functionBody(definition.childForFieldName('body'));
  }

  /** `@lru_cache def get_settings(): return Settings()`: `get_settings()` is an instance of that class. */
  protected returnedInstance(node: Node, name: string): void {
    const statements = (node.childForFieldName('body')?.namedChildren ?? []).filter(
      (child): child is Node => child !== null && child.type !== 'comment' && !isDocstring(child),
    );
    const only = statements.length === 1 ? statements[0] : undefined;
    const value = only?.type === 'return_statement' ? only.namedChildren[0] : undefined;
    const callee = value?.type === 'call' ? value.childForFieldName('function')?.text : undefined;
    if (callee && /^[A-Z][\w]*$/.test(callee.split('.').pop() ?? '')) this.setValue(`${name}()`, [{ ref: callee }]);
  }

  /**
   * Module constants and class attributes with literal defaults, for the linker:
   * `API_V1_STR: str = "/api/v1"` in `class Settings(BaseSettings)`, `Field(default="/x")`,
   * `settings = Settings()` (an alias of the class), dict literals (`config["api"]["prefix"]`).
   */
  protected recordValue(name: string, right: Node): void {
    if (right.type === 'call') this.recordCallValue(name, right);
    else if (right.type === 'dictionary') this.recordDictionary(name, right);
    else this.setExpr(name, pythonValue(right));
  }

  private recordCallValue(name: string, right: Node): void {
    const callee = right.childForFieldName('function');
    const args = right.childForFieldName('arguments');
    const last = callee?.text.split('.').pop() ?? '';
    if (last === 'Field') {
      this.setExpr(name, pythonValue(positional(args)[0] ?? keywordArgument(args, 'default')));
      return;
    }
    const ref = instanceRef(callee, last, positional(args).length === 0);
    if (ref) this.setValue(name, [{ ref }]);
    else this.setExpr(name, pythonValue(right));
  }

  /** `CONFIG = {"api": {"prefix": "/api"}}`: each string key is a value of its own (`CONFIG.api.prefix`). */
  private recordDictionary(name: string, right: Node): void {
    for (const pair of right.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = pythonString(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (key !== undefined && /^[\w-]+$/.test(key) && value) this.recordValue(`${name}.${key}`, value);
    }
  }

  /** `router = APIRouter(prefix="/users")`, `bp = Blueprint("x", __name__, url_prefix="/x")`, `app = FastAPI()`. */
  protected routerDeclaration(name: string, call: Node): void {
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
    if (callee === 'Api' && wrapped && DOTTED_NAME.test(wrapped.text))
      this.scan.mounts.push({ owner: wrapped.text, prefix: '', target: name, line: line(call) });
  }

  /** A call statement that may register routes or mount a router (`app.include_router(...)`). */
  protected mountCall(call: Node): void {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') return;
    const member = callee.childForFieldName('attribute')?.text ?? '';
    const owner = callee.childForFieldName('object')?.text ?? '';
    const args = call.childForFieldName('arguments');
    if (REGISTRATION_CALLS.has(member)) this.registrationCall(owner, member, args, line(call));
    else if (member === 'init_app') this.initApp(owner, args, line(call));
    else if (member === 'include_router' || member === 'register_blueprint') this.includeCall(owner, member, args, line(call));
  }

  /** flask-restful `api.init_app(app)`: the API hangs under the app. */
  private initApp(owner: string, args: Node | null, at: number): void {
    if (!this.framework) return;
    const app = positional(args)[0];
    if (app?.type === 'identifier') this.scan.mounts.push({ owner: app.text, prefix: '', target: owner, line: at });
  }

  /** `app.include_router(users.router, prefix="/api")`, `app.register_blueprint(bp, url_prefix="/x")`. */
  private includeCall(owner: string, member: string, args: Node | null, at: number): void {
    this.registrations++;
    const target = positional(args)[0];
    if (!target) return;
    const value = keywordArgument(args, member === 'include_router' ? 'prefix' : 'url_prefix');
    const prefix = pythonString(value);
    const expr = prefix === undefined && value ? pythonValue(value) : undefined;
    if (value && prefix === undefined && !expr) this.warn(at, `${member} prefix \`${value.text.slice(0, 60)}\` could not be read`);
    this.scan.mounts.push({
      owner,
      prefix: prefix ? normalizeRoutePath(prefix) : '',
      target: target.text,
      line: at,
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
    if (member === 'add_resource') {
      this.addResource(owner, args, at);
      return;
    }
    const listed = positional(args);
    const pathNode = listed[0] ?? keywordArgument(args, 'rule') ?? keywordArgument(args, 'path');
    const explicit = keywordList(args, 'methods').map((method) => method.toUpperCase());
    const viewClass = asViewClass(member, args, listed);
    if (explicit.length > 0 || !viewClass) {
      this.addRoutes(owner, explicit.length > 0 ? explicit : ['GET'], pathNode, at);
      return;
    }
    const methods = this.viewMethods.get(viewClass) ?? ['*'];
    this.addRoutes(owner, methods, pathNode, at, methods[0] === '*' ? viewClass : undefined);
  }

  /** flask-restful `api.add_resource(Resource, "/a", "/b")`: every path serves the resource's methods. */
  private addResource(owner: string, args: Node | null, at: number): void {
    const listed = positional(args);
    const name = listed[0]?.text ?? '';
    const methods = this.viewMethods.get(name) ?? ['*'];
    const view = methods[0] === '*' && DOTTED_NAME.test(name) ? name : undefined;
    for (const pathNode of listed.slice(1)) this.addRoutes(owner, methods, pathNode, at, view);
  }
}

/**
 * What an assignment from a call names for the resolver: `Settings()`, `config.Settings()` (an
 * instance reads the class's defaults), `get_settings()` (whatever that function returns, see
 * `returnedInstance`); undefined for any other call.
 */
function instanceRef(callee: Node | null, last: string, noArguments: boolean): string | undefined {
  if (!callee || !DOTTED_NAME.test(callee.text)) return undefined;
  if (/^[A-Z]/.test(last)) return callee.text;
  return noArguments ? `${callee.text}()` : undefined;
}

/** The class of a `View.as_view(...)` given as the view of `add_url_rule` / `add_api_route`. */
function asViewClass(member: string, args: Node | null, listed: Node[]): string | undefined {
  const isUrlRule = member === 'add_url_rule';
  const viewNode = keywordArgument(args, isUrlRule ? 'view_func' : 'endpoint') ?? listed[isUrlRule ? 2 : 1];
  return /^([A-Za-z_][\w.]*)\.as_view\(/.exec(viewNode?.text ?? '')?.[1];
}
