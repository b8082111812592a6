import { normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap, verbMethod } from './es-nodes.js';
import { TsScannerBase, type FunctionFrame } from './ts-scanner-base.js';
import type { RawRoute, ValueExpr } from './types.js';
import { collectEnumValues, collectValues, esValue, literalOf } from './ts-values.js';
import { isTrpcFactory, nextRouteDir, procedureKind, trimStar, TRPC_HANDLERS, TRPC_KINDS, TRPC_MERGE, TRPC_ROUTER } from './ts-trpc.js';
import { flattenChain, isPathLike, lastMember, onMethods, optionsPrefix, sourceText, versionsOf } from './ts-server-nodes.js';

export { nextRouteDir, versionsOf };

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
export const SERVER_FACTORIES = new Set(['express', 'Router', 'fastify', 'Fastify', 'Hono', 'Koa', 'KoaRouter', 'OpenAPIHono']);
/** Names that hold a server or router by convention. */
const SERVER_NAME = /^(?:app|server|router|routes?|fastify|instance|koa)$|(?:Router|App|Server|Routes)$/;
const SERVER_MODULES = /^(?:express|fastify|hono|@hono\/|koa|@koa\/router|koa-router|@nestjs\/common|@trpc\/server)/;
/** A catch-all that only serves the built front end (`serveStatic(...)`, `res.sendFile(.../index.html)`). */
const STATIC_HANDLER = /\b(?:serveStatic|sendFile|static|index\.html)\b/;
const CATCH_ALLS = new Set(['*', '/*', '(.*)', '/(.*)', '{*splat}', '/{*splat}', '*splat', '/*splat']);

/**
 * Server registrations read through values and chains, on top of the base scanner: named
 * values of the file (constants, config objects, enums, static fields) for the linker, Hono and
 * Express chains (`new Hono().basePath('/api').get(...).route(...)`), prefixes and paths given
 * as names, Koa `router.prefix()`, NestJS `setGlobalPrefix(value)` and URI versioning, tRPC
 * routers and handlers.
 */
export abstract class TsServerScanner extends TsScannerBase {
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
    this.result.routes.push({
      owner,
      method,
      path: literal === undefined ? '' : normalizeRoutePath(literal),
      line: this.line(node),
      ...(literal === undefined ? { pathExpr: path } : {}),
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

  /**
   * Chains on a server: `new Hono().basePath('/api').get('/x', h).route('/users', users)`,
   * `app.basePath('/api').route(...)`. The chain's base names the owner (the declared name for a
   * fresh server); `basePath` prefixes what follows it. Returns false when the chain is not one.
   */
  protected serverChain(name: string | null, init: EsNode): boolean {
    const { calls, base } = flattenChain(init);
    const owner = calls.length > 0 ? this.chainOwner(name, base) : null;
    if (!owner) return false;
    const members = calls.map((call) => String(call.callee.property.name ?? ''));
    const known = owner === name || this.servers.has(owner);
    // An unknown base (an imported `app`, a client named like a server) must show a server's own methods.
    if (!members.some((member) => member === 'basePath' || (known && (member === 'route' || HTTP_VERBS.has(member))))) return false;
    // `router.route('/x').get(h)` (Express) is a different construct: left to `visitRouteChain`.
    if (members[0] === 'route' && (calls[0] as EsNode).arguments.length === 1) return false;
    if (name && owner === name) this.servers.add(name);
    let prefix: ValueExpr = [];
    let declaredPrefix = false;
    for (const [index, call] of calls.entries()) {
      this.handledCalls.add(call);
      const member = members[index] as string;
      if (member !== 'basePath') {
        this.chainLink(this.ownerName(owner), member, call, prefix);
        continue;
      }
      prefix = [...prefix, ...(esValue(call.arguments[0]) ?? [])];
      declaredPrefix ||= owner === name;
    }
    if (name && owner === name)
      this.result.routers.push({ name, prefix: '', line: this.line(init), ...(declaredPrefix ? { prefixExpr: prefix } : {}) });
    return true;
  }

  /** The owner of a chain: the declared name for a fresh server, or a server-like base name. */
  private chainOwner(name: string | null, base: EsNode): string | null {
    if (base.type === 'NewExpression' || base.type === 'CallExpression') {
      const factory = (memberText(base.callee) ?? '').split('.').pop() ?? '';
      return (SERVER_FACTORIES.has(factory) || /Router$/.test(factory)) && name ? name : null;
    }
    if (base.type !== 'Identifier' || this.clients.has(base.name)) return null;
    return this.servers.has(base.name) || SERVER_NAME.test(base.name) ? (base.name as string) : null;
  }

  /** One call of a chain after the prefix so far: `.route(path, sub)`, a verb, `.on([methods], path)`. */
  private chainLink(owner: string, member: string, call: EsNode, prefix: ValueExpr): void {
    const args = call.arguments as EsNode[];
    if (member === 'route' && args.length >= 2) {
      const target = this.mountTarget(unwrap(args[1]) as EsNode);
      const path = esValue(args[0]);
      if (target && path) this.pushMount(owner, [...prefix, '/', ...path], target, call);
      return;
    }
    if (!HTTP_VERBS.has(member) && member !== 'on') return;
    const methods = member === 'on' ? onMethods(args[0]) : [verbMethod(member)];
    const path = esValue(member === 'on' ? args[1] : args[0]);
    if (!path || this.isStaticRoute(path, args)) return;
    for (const method of methods) this.pushRoute(owner, method, [...prefix, '/', ...path], call);
  }

  /**
   * tRPC: `router({ list: publicProcedure.query(...), post: postRouter })`, `createTRPCRouter`,
   * `t.router`, `mergeRouters(a, b)`. Procedures become routes of the router (the linker adds the
   * handler's mount and the dotted path); sub-routers are `trpc: 'router'` mounts keyed by name.
   */
  protected trpcRouter(name: string, init: EsNode): boolean {
    if (init.type !== 'CallExpression') return false;
    const callee = lastMember(init.callee);
    if (TRPC_MERGE.test(callee)) return this.trpcMerge(name, init);
    if (!TRPC_ROUTER.test(callee)) return false;
    const shape = unwrap(init.arguments[0]) as EsNode | undefined;
    if (shape?.type !== 'ObjectExpression') return false;
    const entries: Array<() => void> = [];
    // Procedures or `...Router` entries make it a tRPC router (`createRouter({ history, routes })` is vue-router's).
    let named = isTrpcFactory(init, callee) ? 1 : 0;
    for (const property of shape.properties as EsNode[]) {
      const entry = this.trpcEntry(name, property);
      if (!entry) continue;
      if (entry.named) named++;
      entries.push(entry.apply);
    }
    if (entries.length === 0 || named === 0) return false;
    for (const entry of entries) entry();
    this.result.routers.push({ name, prefix: '', line: this.line(init) });
    return true;
  }

  /** `mergeRouters(a, b)`: each argument is a sub-router mounted at the root. */
  private trpcMerge(name: string, init: EsNode): boolean {
    const targets = (init.arguments as EsNode[]).map((arg) => memberText(arg)).filter((t): t is string => Boolean(t));
    if (targets.length === 0) return false;
    for (const target of targets) this.pushMount(name, [], target, init, 'router');
    this.result.routers.push({ name, prefix: '', line: this.line(init) });
    return true;
  }

  /**
   * One property of a router's shape, applied only once the shape is known to be a tRPC router: a
   * procedure (a route), a sub-router by name (a mount), or a nested `router({...})`. `named` says
   * whether the entry itself shows it is tRPC.
   */
  private trpcEntry(name: string, property: EsNode): { apply: () => void; named: boolean } | undefined {
    if (property.type !== 'Property') return undefined;
    const key = nameOf(property.key);
    const value = unwrap(property.value) as EsNode;
    if (!key || !value) return undefined;
    const kind = procedureKind(value);
    if (kind) return { named: true, apply: () => this.pushRoute(name, TRPC_KINDS[kind] as string, [], property, { procedure: key }) };
    const target = memberText(value);
    if (target) return { named: /router$/i.test(target), apply: () => this.pushMount(name, [key], target, property, 'router') };
    if (value.type !== 'CallExpression') return undefined;
    const nested = `${name}$${key}`;
    return {
      named: false,
      apply: () => {
        if (this.trpcRouter(nested, value)) this.pushMount(name, [key], nested, property, 'router');
      },
    };
  }

  /**
   * A tRPC request handler serving a router: `createNextApiHandler({ router })` (mounted where the
   * Next.js file is), `fetchRequestHandler({ endpoint: '/api/trpc', router })`,
   * `app.use('/trpc', createExpressMiddleware({ router }))`.
   */
  protected trpcHandler(node: EsNode, mountPrefix: ValueExpr | null, owner: string): boolean {
    const name = (memberText(node.callee) ?? '').split('.').pop() ?? '';
    if (!TRPC_HANDLERS.has(name)) return false;
    const options = node.arguments[0] as EsNode | undefined;
    const router = memberText(propertyValue(options, 'router'));
    if (!router) return false;
    this.handledCalls.add(node);
    const endpoint = propertyValue(options, 'endpoint');
    let prefix: ValueExpr | null = endpoint ? (esValue(endpoint) ?? null) : mountPrefix;
    if (!prefix) {
      const next = nextRouteDir(this.result.path);
      prefix = [next ?? '/trpc'];
    }
    this.pushMount(owner, prefix, router, node, 'handler');
    return true;
  }

  /**
   * Calls read as server registrations beyond `app.get('/literal', h)`: chains and value paths,
   * Hono `route`, Koa `router.prefix()`, NestJS `setGlobalPrefix(value)` and URI versioning, tRPC
   * handlers. Returns true when the call was read here (the caller then skips it).
   */
  protected visitServerCall(node: EsNode, owner: string | null, member: string | null): boolean {
    if (this.handledCalls.has(node)) return true;
    if (member === null || TRPC_HANDLERS.has(member)) return this.trpcHandler(node, null, '@trpc');
    const args = node.arguments as EsNode[];
    if (member === 'setGlobalPrefix') return this.globalPrefixCall(node, args[0]);
    if (member === 'enableVersioning') return (this.nestVersioning(args[0]), true);
    if (!owner) return this.trpcHandler(node, null, '@trpc');
    return this.ownedServerCall(node, owner, member, args);
  }

  /** A call on a named object: NestJS `RouterModule`, mounts, Koa calls, then chains and verbs. */
  private ownedServerCall(node: EsNode, owner: string, member: string, args: EsNode[]): boolean {
    if (owner === 'RouterModule' && (member === 'register' || member === 'forRoutes'))
      return (this.visitNestRouterModule(args[0], '@nest-router'), true);
    if (member === 'use' || member === 'register') return this.visitValueMount(node, owner, member);
    if (this.servers.has(owner) && (member === 'del' || member === 'prefix')) return this.koaCall(node, owner, member);
    return this.chainOrVerbCall(node, owner, member, args);
  }

  /** `app.basePath('/api').get(...)` (a chain), Hono `app.route(path, sub)`, `app.get(PATH, h)` with a value path. */
  private chainOrVerbCall(node: EsNode, owner: string, member: string, args: EsNode[]): boolean {
    const object = unwrap(node.callee.object) as EsNode;
    if (object.type === 'CallExpression' && this.serverChain(null, node)) return true;
    if (args.length < 2 || !(this.servers.has(owner) || SERVER_NAME.test(owner))) return false;
    if (member === 'route') return this.honoRoute(node, owner, args);
    return HTTP_VERBS.has(member) && !this.clients.has(owner) && this.valueRoute(node, owner, member, args);
  }

  /** NestJS `app.setGlobalPrefix(value)`. */
  private globalPrefixCall(node: EsNode, argument: EsNode | undefined): boolean {
    const expr = esValue(argument);
    const literal = expr && literalOf(expr);
    if (literal !== undefined) this.result.globalPrefix = normalizeRoutePath(literal);
    else if (expr) this.result.globalPrefixExpr = expr;
    else (this.result.warnings ??= []).push({ line: this.line(node), message: 'setGlobalPrefix argument could not be read' });
    return true;
  }

  /** koa-router: `router.del(path, ...)` is DELETE; `router.prefix('/api')` sets the router's prefix. */
  private koaCall(node: EsNode, owner: string, member: string): boolean {
    const args = node.arguments as EsNode[];
    const expr = esValue(args[0]);
    if (member === 'del') {
      if (expr && args.length >= 2) this.pushRoute(this.ownerName(owner), 'DELETE', expr, node);
      return Boolean(expr) && args.length >= 2;
    }
    if (!expr) return true;
    const literal = literalOf(expr);
    this.result.routers.push({
      name: owner,
      prefix: literal ? normalizeRoutePath(literal) : '',
      line: this.line(node),
      ...(literal === undefined ? { prefixExpr: expr } : {}),
    });
    return true;
  }

  /** Hono `app.route('/users', users)`. */
  private honoRoute(node: EsNode, owner: string, args: EsNode[]): boolean {
    const target = this.mountTarget(unwrap(args[1]) as EsNode);
    const path = esValue(args[0]);
    if (!target || !path) return false;
    this.pushMount(this.ownerName(owner), path, target, node);
    return true;
  }

  /**
   * `app.get(PATH, h)` with a path given as a value (literal paths are left to the verb reader,
   * counted for failing closed); a static-file catch-all is dropped; an unreadable path on a
   * known server is a warning.
   */
  private valueRoute(node: EsNode, owner: string, member: string, args: EsNode[]): boolean {
    const first = unwrap(args[0]) as EsNode;
    const path = esValue(first);
    if (this.isStaticRoute(path, args)) return true;
    if (first.type === 'Literal') {
      if (typeof first.value === 'string' && first.value.startsWith('/')) this.registrations++;
      return false;
    }
    if (path && (first.type !== 'TemplateLiteral' || typeof path[0] !== 'string' || path[0].startsWith('/'))) {
      this.pushRoute(this.ownerName(owner), verbMethod(member), path, node);
      return true;
    }
    if (path || !this.servers.has(owner) || !this.serverModule) return false;
    (this.result.warnings ??= []).push({ line: this.line(node), message: `route path of ${owner}.${member}(...) could not be read` });
    return true;
  }

  /** `app.use(API_PREFIX, router)`, `register(plugin, { prefix: config.prefix })`, tRPC middleware and plugins. */
  private visitValueMount(node: EsNode, owner: string, member: string): boolean {
    const args = node.arguments as EsNode[];
    const first = unwrap(args[0]) as EsNode | undefined;
    const path = member === 'use' && isPathLike(first) && args.length > 1 ? esValue(first) : undefined;
    if (this.trpcMiddleware(args, path, owner)) return true;
    if (member === 'register' && this.trpcPlugin(node, owner, first, args[1])) return true;
    // fastify-oauth2 `register(oauthPlugin, { startRedirectPath: '/login/google' })` serves that path.
    if (member === 'register') this.oauthRedirect(node, owner, args[1]);
    const prefixExpr = member === 'use' ? path : optionsPrefix(args[1]);
    if (!prefixExpr || literalOf(prefixExpr) !== undefined) return false;
    const target = this.valueMountTarget(member, args);
    if (!target) return false;
    this.pushMount(this.ownerName(owner), prefixExpr, target, node);
    return true;
  }

  /** `app.use('/trpc', createExpressMiddleware({ router }))`: any argument may be the handler. */
  private trpcMiddleware(args: EsNode[], path: ValueExpr | undefined, owner: string): boolean {
    for (const arg of args) {
      const value = unwrap(arg) as EsNode;
      if (value?.type === 'CallExpression' && this.trpcHandler(value, path ? trimStar(path) : null, this.ownerName(owner))) return true;
    }
    return false;
  }

  /** Fastify `register(fastifyTRPCPlugin, { prefix, trpcOptions: { router } })`. */
  private trpcPlugin(node: EsNode, owner: string, plugin: EsNode | undefined, optionsArg: EsNode | undefined): boolean {
    if (!/trpc/i.test(memberText(plugin) ?? '')) return false;
    const options = unwrap(optionsArg);
    const router = memberText(propertyValue(unwrap(propertyValue(options, 'trpcOptions')), 'router'));
    if (!router) return false;
    const prefix = propertyValue(options, 'prefix');
    this.pushMount(this.ownerName(owner), (prefix && esValue(prefix)) ?? ['/trpc'], router, node, 'handler');
    return true;
  }

  private oauthRedirect(node: EsNode, owner: string, optionsArg: EsNode | undefined): void {
    const redirect = esValue(propertyValue(unwrap(optionsArg), 'startRedirectPath'));
    if (redirect) this.pushRoute(this.ownerName(owner), 'GET', redirect, node);
  }

  /** What `use(prefix, ..., target)` or `register(target, options)` mounts. */
  private valueMountTarget(member: string, args: EsNode[]): string | null {
    const targetNode = member === 'use' ? args[args.length - 1] : args[0];
    return targetNode ? this.mountTarget(unwrap(targetNode) as EsNode) : null;
  }

  /** `app.enableVersioning({ type: VersioningType.URI, prefix?, defaultVersion? })`. */
  private nestVersioning(options: EsNode | undefined): void {
    const type = memberText(propertyValue(options, 'type')) ?? '';
    if (!options || !/URI$/.test(type)) return;
    const prefix = propertyValue(options, 'prefix');
    const fallback = propertyValue(options, 'defaultVersion');
    const defaults = fallback ? versionsOf(fallback) : [];
    const prefixText =
      prefix?.type === 'Literal' && prefix.value === false ? '' : ((prefix && literalOf(esValue(prefix) ?? [{ ref: '' }])) ?? 'v');
    this.result.nestVersioning = { prefix: prefixText, ...(defaults.length > 0 ? { defaultVersion: defaults } : {}) };
  }

  /** NestJS `RouterModule.register(routes)`: read by the route scanner. */
  protected abstract visitNestRouterModule(list: EsNode | undefined, parent: string): void;

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
