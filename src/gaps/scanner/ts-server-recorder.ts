import { normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { handlerNames, memberText, nameOf, unwrap } from './es-nodes.js';
import { TsScannerBase, type FunctionFrame } from './ts-scanner-base.js';
import type { RawRoute, ValueExpr } from './types.js';
import { collectEnumValues, collectValues, esValue, literalOf } from './ts-values.js';
import { sourceText } from './ts-server-nodes.js';

// The record every server framework's reader writes into: named values, the server module, routes and mounts.
const SERVER_MODULES = /^(?:express|fastify|hono|@hono\/|koa|@koa\/router|koa-router|@nestjs\/common|@trpc\/server)/;
/** A catch-all that only serves the built front end (`serveStatic(...)`, `res.sendFile(.../index.html)`). */
const STATIC_HANDLER = /\b(?:serveStatic|sendFile|static|index\.html)\b/;
const CATCH_ALLS = new Set(['*', '/*', '(.*)', '/(.*)', '{*splat}', '/{*splat}', '*splat', '/*splat']);

export abstract class TsServerRecorder extends TsScannerBase {
  /** Call nodes already read as part of a chain: the walk skips them. */
  protected readonly handledCalls = new WeakSet<object>();
  /** A server module is imported and something is registered: failing closed needs both. */
  protected serverModule: string | null = null;
  protected registrations = 0;

  protected setValue(name: string, value: ValueExpr): void {
    (this.result.values ??= {})[name] = value;
  }

  protected override collectTopLevel(statement: EsNode, exported = false): void {
    super.collectTopLevel(statement, exported);
    this.topLevelReaders[statement.type as string]?.(statement);
  }

  private readonly into = (key: string, value: ValueExpr): void => this.setValue(key, value);

  /** What each kind of top-level statement gives besides declarations: named values, the server module. */
  private readonly topLevelReaders: Record<string, (statement: EsNode) => void> = {
    ImportDeclaration: (statement) => this.noteServerModule(statement.source),
    VariableDeclaration: (statement) => {
      for (const declarator of statement.declarations as EsNode[]) {
        if (declarator.id.type === 'Identifier' && declarator.init) collectValues(declarator.id.name, declarator.init, this.into);
        const init = unwrap(declarator.init);
        if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require')
          this.noteServerModule(init.arguments[0]);
      }
    },
    TSEnumDeclaration: (statement) => collectEnumValues(statement, this.into),
    ClassDeclaration: (statement) => {
      for (const member of (statement.body?.body ?? []) as EsNode[]) {
        if (member.type === 'PropertyDefinition' && member.static && member.value && statement.id)
          collectValues(`${statement.id.name}.${nameOf(member.key)}`, member.value, this.into);
      }
    },
    ExportDefaultDeclaration: (statement) => {
      if (unwrap(statement.declaration)?.type === 'ObjectExpression') collectValues('default', statement.declaration, this.into);
    },
    ExpressionStatement: (statement) => this.commonJsExport(statement.expression as EsNode),
  };

  private noteServerModule(source: EsNode | undefined): void {
    if (source?.type === 'Literal' && SERVER_MODULES.test(String(source.value))) this.serverModule ??= String(source.value);
  }

  /** `module.exports = {...}` values; `module.exports = router.routes()` (Koa) exports the router: mounting it mounts the router. */
  private commonJsExport(expression: EsNode): void {
    if (expression.type !== 'AssignmentExpression' || memberText(expression.left) !== 'module.exports') return;
    collectValues('default', expression.right, this.into);
    const right = unwrap(expression.right) as EsNode;
    const callee = right.type === 'CallExpression' ? memberText(right.callee) : null;
    if (callee && /^\w+\.(?:routes|middleware)$/.test(callee)) this.result.exports.default = callee.split('.')[0] as string;
  }

  /**
   * A `const` inside a function (`const globalPrefix = 'api'` in NestJS's `bootstrap()`): kept as
   * a value of the file unless a module-level name already holds it.
   */
  protected localValue(node: EsNode): void {
    if (this.frames.length === 0 || node.id.type !== 'Identifier' || !node.init) return;
    const name = node.id.name as string;
    if (this.result.values?.[name]) return;
    const expr = esValue(node.init);
    if (expr && expr.some((part) => typeof part === 'string')) this.setValue(name, expr);
  }

  /** A route's owner: a server parameter of a plugin function is owned by that function (`fastify.register(plugin)`). */
  protected ownerName(name: string): string {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as FunctionFrame;
      if (frame.params.has(name)) return frame.name ?? name;
    }
    return name;
  }

  protected mountTarget(node: EsNode): string | null {
    if (node.type === 'Identifier') return node.name;
    if (node.type === 'MemberExpression') return memberText(node);
    if (node.type === 'CallExpression') {
      if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
        // A synthetic local name without dots (the linker splits names on dots).
        const local = `$require${this.result.imports.length}`;
        this.addImport(String(node.arguments[0].value), [{ local, imported: 'default' }], this.line(node));
        return local;
      }
      // Koa: `app.use(router.routes())`.
      if (node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier') return node.callee.object.name;
    }
    return null;
  }

  protected pushRoute(owner: string | null, method: string, path: ValueExpr, node: EsNode, extra: Partial<RawRoute> = {}): void {
    this.registrations++;
    const literal = literalOf(path);
    const handlers = node.type === 'CallExpression' ? handlerNames((node.arguments as EsNode[]).slice(1)) : [];
    this.result.routes.push({
      owner,
      method,
      path: literal === undefined ? '' : normalizeRoutePath(literal),
      line: this.line(node),
      ...(literal === undefined ? { pathExpr: path } : {}),
      ...(handlers.length > 0 ? { handlers } : {}),
      ...extra,
    });
  }

  protected pushMount(owner: string, prefix: ValueExpr, target: string, node: EsNode, trpc?: 'router' | 'handler'): void {
    this.registrations++;
    const literal = literalOf(prefix);
    this.result.mounts.push({
      owner,
      prefix: trpc === 'router' ? (literal ?? '') : literal ? normalizeRoutePath(literal) : '',
      target,
      line: this.line(node),
      ...(literal === undefined ? { prefixExpr: prefix } : {}),
      ...(trpc ? { trpc } : {}),
    });
  }

  /** A catch-all that serves the built front end is not an API endpoint. */
  protected isStaticRoute(path: ValueExpr | undefined, args: EsNode[]): boolean {
    const literal = path && literalOf(path);
    if (literal === undefined || !CATCH_ALLS.has(literal)) return false;
    return args.slice(1).some((arg) => STATIC_HANDLER.test(sourceText(arg)));
  }

  /** Fail closed: a server module is imported and something registered, yet no route was read. */
  protected checkNothingRead(): void {
    const read = this.result.routes.length + this.result.mounts.length + this.result.routers.length;
    if (this.serverModule && this.registrations > 0 && read === 0 && !this.isTestFile && !this.result.warnings?.length)
      (this.result.warnings ??= []).push({
        line: 1,
        message: `uses ${this.serverModule} and registers routes, but no route could be read from it`,
      });
  }
}
