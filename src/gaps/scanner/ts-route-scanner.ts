import { parseClientUrl, normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, stringProperty, unwrap, verbMethod } from './es-nodes.js';
import { TsScannerBase, type FunctionFrame } from './ts-scanner-base.js';

export const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
const NEST_VERBS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: '*',
};
const SERVER_FACTORIES = new Set(['express', 'Router', 'fastify', 'Fastify', 'Hono', 'Koa', 'KoaRouter']);

/** Server-side facts: routers, clients declared by factories, routes, mounts, NestJS controllers. */
export class TsRouteScanner extends TsScannerBase {
  /** `const app = express()`, `const api = axios.create({ baseURL })`, `const r = new Router({ prefix })`. */
  protected checkDeclaration(node: EsNode): void {
    if (!node.init || (node.id.type !== 'Identifier' && node.id.type !== 'ObjectPattern')) return;
    const name = (node.id.name ?? '') as string;
    const init = unwrap(node.init) as EsNode;
    if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') {
      const source = init.arguments[0];
      if (node.id.type === 'ObjectPattern' && source?.type === 'Literal') {
        const names = (node.id.properties as EsNode[])
          .filter((p) => p.type === 'Property' && p.value.type === 'Identifier')
          .map((p) => ({ local: p.value.name as string, imported: nameOf(p.key) }));
        this.addImport(String(source.value), names, this.line(node));
        return;
      }
      if (name && source?.type === 'Literal' && typeof source.value === 'string')
        this.addImport(source.value, [{ local: name, imported: 'default' }], this.line(node));
      return;
    }
    if (!name || (init.type !== 'CallExpression' && init.type !== 'NewExpression')) return;
    const callee = memberText(init.callee) ?? '';
    const last = callee.split('.').pop() ?? '';
    const base = callee.split('.')[0] ?? '';
    if (this.clients.has(base) && (last === 'create' || last === 'extend')) {
      const options = init.arguments[0] as EsNode | undefined;
      const base = this.clients.get(callee.split('.')[0] as string) as { prefix: string };
      const url = stringProperty(options, ['baseURL', 'prefixUrl', 'prefix'], this.constants);
      const parsed = url === undefined ? { path: '', external: false } : parseClientUrl(url);
      const prefix = `${base.prefix}${parsed.path === '/' ? '' : parsed.path}`;
      this.clients.set(name, { prefix, external: parsed.external });
      this.result.clients.push({ name, prefix, external: parsed.external });
      return;
    }
    if (SERVER_FACTORIES.has(last) || /Router$/.test(last) || (callee === 'express' && init.type === 'CallExpression')) {
      this.servers.add(name);
      const options = init.arguments[0] as EsNode | undefined;
      const prefix = stringProperty(options, ['prefix'], this.constants) ?? '';
      this.result.routers.push({ name, prefix: prefix ? normalizeRoutePath(prefix) : '', line: this.line(node) });
    }
  }

  protected checkNestController(node: EsNode): void {
    const controller = (node.decorators ?? [])
      .map((d: EsNode) => d.expression)
      .find((e: EsNode) => e.type === 'CallExpression' && e.callee.name === 'Controller');
    if (!controller) return;
    const argument = controller.arguments[0] as EsNode | undefined;
    const prefix = argument?.type === 'Literal' ? String(argument.value) : (stringProperty(argument, ['path'], this.constants) ?? '');
    for (const member of node.body.body as EsNode[]) {
      for (const decorator of (member.decorators ?? []) as EsNode[]) {
        const expression = decorator.expression as EsNode;
        if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier') continue;
        const method = NEST_VERBS[expression.callee.name as string];
        if (!method) continue;
        const sub = expression.arguments[0]?.type === 'Literal' ? String(expression.arguments[0].value) : '';
        this.result.routes.push({ owner: '@nest', method, path: normalizeRoutePath(`${prefix}/${sub}`), line: this.line(member) });
      }
    }
  }

  /** `router.route('/x').get(h).post(h)` */
  protected visitRouteChain(node: EsNode, verb: string): void {
    let inner = unwrap(node.callee.object) as EsNode;
    while (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression') {
      const property = inner.callee.property.name as string | undefined;
      if (property === 'route') {
        const owner = unwrap(inner.callee.object) as EsNode;
        const path = inner.arguments[0];
        if (owner.type === 'Identifier' && path?.type === 'Literal' && typeof path.value === 'string') {
          this.result.routes.push({
            owner: this.ownerName(owner.name),
            method: verbMethod(verb),
            path: normalizeRoutePath(path.value),
            line: this.line(node),
          });
        }
        return;
      }
      if (!property || !HTTP_VERBS.has(property)) return;
      inner = unwrap(inner.callee.object) as EsNode;
    }
  }

  /** A route's owner: a server parameter of a plugin function is owned by that function (`fastify.register(plugin)`). */
  protected ownerName(name: string): string {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const frame = this.frames[i] as FunctionFrame;
      if (frame.params.has(name)) return frame.name ?? name;
    }
    return name;
  }

  protected visitMount(node: EsNode, owner: string, member: string): void {
    const args = node.arguments as EsNode[];
    let prefix = '';
    let targetNode: EsNode | undefined;
    if (member === 'use') {
      const first = args[0];
      if (first?.type === 'Literal' && typeof first.value === 'string') {
        prefix = first.value;
        targetNode = args[args.length - 1];
      } else targetNode = first;
    } else {
      targetNode = args[0];
      prefix = stringProperty(args[1], ['prefix'], this.constants) ?? '';
    }
    const target = targetNode && this.mountTarget(unwrap(targetNode) as EsNode);
    if (!target) return;
    this.result.mounts.push({
      owner: this.ownerName(owner),
      prefix: prefix ? normalizeRoutePath(prefix) : '',
      target,
      line: this.line(node),
    });
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

  protected visitFastifyRoute(node: EsNode, owner: string): void {
    const options = node.arguments[0] as EsNode;
    const url = stringProperty(options, ['url', 'path'], this.constants);
    if (url === undefined) return;
    const methodNode = propertyValue(options, 'method');
    const methods = methodNode?.type === 'ArrayExpression' ? (methodNode.elements as EsNode[]) : methodNode ? [methodNode] : [];
    for (const method of methods) {
      if (method.type === 'Literal')
        this.result.routes.push({
          owner: this.ownerName(owner),
          method: String(method.value).toUpperCase(),
          path: normalizeRoutePath(url),
          line: this.line(node),
        });
    }
  }
}
