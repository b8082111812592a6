import { normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { memberText, propertyValue, unwrap, verbMethod } from './es-nodes.js';
import type { ValueExpr } from './types.js';
import { esValue, literalOf } from './ts-values.js';
import { nextRouteDir, TRPC_HANDLERS } from './ts-trpc.js';
import { flattenChain, isPathLike, onMethods, optionsPrefix, versionsOf } from './ts-server-nodes.js';
import { TsTrpcScanner } from './ts-trpc-scanner.js';

export { nextRouteDir, versionsOf };

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
export const SERVER_FACTORIES = new Set(['express', 'Router', 'fastify', 'Fastify', 'Hono', 'Koa', 'KoaRouter', 'OpenAPIHono']);
/** Names that hold a server or router by convention. */
const SERVER_NAME = /^(?:app|server|router|routes?|fastify|instance|koa)$|(?:Router|App|Server|Routes)$/;

/**
 * Server registrations read through values and chains, on top of the base scanner: named
 * values of the file (constants, config objects, enums, static fields) for the linker, Hono and
 * Express chains (`new Hono().basePath('/api').get(...).route(...)`), prefixes and paths given
 * as names, Koa `router.prefix()`, NestJS `setGlobalPrefix(value)` and URI versioning, tRPC
 * routers and handlers.
 */
export abstract class TsServerScanner extends TsTrpcScanner {
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
}
