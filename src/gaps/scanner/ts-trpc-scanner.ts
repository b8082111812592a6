import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap } from './es-nodes.js';
import type { ValueExpr } from './types.js';
import { esValue } from './ts-values.js';
import { isTrpcFactory, nextRouteDir, procedureKind, trimStar, TRPC_HANDLERS, TRPC_KINDS, TRPC_MERGE, TRPC_ROUTER } from './ts-trpc.js';
import { lastMember } from './ts-server-nodes.js';
import { TsServerRecorder } from './ts-server-recorder.js';

// tRPC's server side, which registers procedures in router objects rather than by verb calls.
export abstract class TsTrpcScanner extends TsServerRecorder {
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

  /** `app.use('/trpc', createExpressMiddleware({ router }))`: any argument may be the handler. */
  protected trpcMiddleware(args: EsNode[], path: ValueExpr | undefined, owner: string): boolean {
    for (const arg of args) {
      const value = unwrap(arg) as EsNode;
      if (value?.type === 'CallExpression' && this.trpcHandler(value, path ? trimStar(path) : null, this.ownerName(owner))) return true;
    }
    return false;
  }

  /** Fastify `register(fastifyTRPCPlugin, { prefix, trpcOptions: { router } })`. */
  protected trpcPlugin(node: EsNode, owner: string, plugin: EsNode | undefined, optionsArg: EsNode | undefined): boolean {
    if (!/trpc/i.test(memberText(plugin) ?? '')) return false;
    const options = unwrap(optionsArg);
    const router = memberText(propertyValue(unwrap(propertyValue(options, 'trpcOptions')), 'router'));
    if (!router) return false;
    const prefix = propertyValue(options, 'prefix');
    this.pushMount(this.ownerName(owner), (prefix && esValue(prefix)) ?? ['/trpc'], router, node, 'handler');
    return true;
  }
}
