import { parseClientUrl, normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { memberText, nameOf, propertyValue, stringProperty, unwrap, verbMethod } from './es-nodes.js';
import { HTTP_VERBS, SERVER_FACTORIES, TsServerScanner, versionsOf } from './ts-server-scanner.js';
import { esValue, literalOf } from './ts-values.js';
import type { ValueExpr } from './types.js';

export { HTTP_VERBS };
const NEST_VERBS: Record<string, string> = {
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  Options: 'OPTIONS',
  All: '*',
  Sse: 'GET',
};

/** Server-side facts: routers, clients declared by factories, routes, mounts, NestJS controllers. */
export class TsRouteScanner extends TsServerScanner {
  /** `const app = express()`, `const api = axios.create({ baseURL })`, `const r = new Router({ prefix })`. */
  protected checkDeclaration(node: EsNode): void {
    if (!node.init || (node.id.type !== 'Identifier' && node.id.type !== 'ObjectPattern')) return;
    const name = (node.id.name ?? '') as string;
    this.localValue(node);
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
    if (this.trpcRouter(name, init) || this.serverChain(name, init)) return;
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
      const prefixNode = propertyValue(options, 'prefix');
      const expr = prefixNode ? esValue(prefixNode) : undefined;
      const literal = expr && literalOf(expr);
      this.result.routers.push({
        name,
        prefix: literal ? normalizeRoutePath(literal) : '',
        line: this.line(node),
        ...(expr && literal === undefined ? { prefixExpr: expr } : {}),
      });
    }
  }

  /**
   * `@Controller('users')`, `@Controller({ path, version })`, `@Controller(ROUTES.USERS)`; method
   * decorators `@Get(':id')` (paths may be values too) and `@Version('1')`.
   */
  protected checkNestController(node: EsNode): void {
    const controller = (node.decorators ?? [])
      .map((d: EsNode) => d.expression)
      .find((e: EsNode) => e.type === 'CallExpression' && e.callee.name === 'Controller');
    if (!controller) {
      this.checkNestModule(node);
      return;
    }
    const argument = unwrap(controller.arguments[0]) as EsNode | undefined;
    const prefix: ValueExpr =
      argument?.type === 'ObjectExpression' ? (esValue(propertyValue(argument, 'path')) ?? []) : (esValue(argument) ?? []);
    const controllerVersion = argument?.type === 'ObjectExpression' ? versionsOf(propertyValue(argument, 'version')) : [];
    // `import { Post as HttpPost } from '@nestjs/common'`.
    const aliases = new Map<string, string>();
    for (const entry of this.result.imports)
      if (entry.source === '@nestjs/common') for (const { local, imported } of entry.names) aliases.set(local, imported);
    for (const member of node.body.body as EsNode[]) {
      const decorators = ((member.decorators ?? []) as EsNode[]).map((decorator) => decorator.expression as EsNode);
      const versionDecorator = decorators.find((e) => e.type === 'CallExpression' && e.callee.name === 'Version');
      const version = versionDecorator ? versionsOf(versionDecorator.arguments[0]) : controllerVersion;
      for (const expression of decorators) {
        if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier') continue;
        const decoratorName = expression.callee.name as string;
        const method = NEST_VERBS[aliases.get(decoratorName) ?? decoratorName];
        if (!method) continue;
        const first = expression.arguments[0] as EsNode | undefined;
        const subs: ValueExpr[] =
          first?.type === 'ArrayExpression'
            ? (first.elements as EsNode[]).map((element) => esValue(element) ?? [])
            : [first ? (esValue(first) ?? []) : []];
        for (const sub of subs)
          this.pushRoute('@nest', method, [...prefix, '/', ...sub], member, {
            ...(version.length > 0 ? { version } : {}),
            ...(node.id?.name ? { controller: node.id.name as string } : {}),
          });
      }
    }
  }

  /** `@Module({ controllers: [UsersController] })`: the controllers hang under the module (for `RouterModule`). */
  private checkNestModule(node: EsNode): void {
    const module = (node.decorators ?? [])
      .map((d: EsNode) => d.expression)
      .find((e: EsNode) => e.type === 'CallExpression' && e.callee.name === 'Module');
    const controllers = propertyValue(module?.arguments[0], 'controllers');
    if (!module || !node.id || controllers?.type !== 'ArrayExpression') return;
    for (const element of controllers.elements as EsNode[]) {
      const target = memberText(element);
      if (target) this.result.mounts.push({ owner: node.id.name as string, prefix: '', target, line: this.line(element) });
    }
  }

  /** `RouterModule.register([{ path: 'admin', module: AdminModule, children: [...] }])`. */
  protected override visitNestRouterModule(list: EsNode | undefined, parent: string): void {
    if (list?.type !== 'ArrayExpression') return;
    for (const entry of list.elements as EsNode[]) {
      const module = memberText(propertyValue(entry, 'module'));
      const path = esValue(propertyValue(entry, 'path')) ?? [];
      if (module) this.pushMount(parent, path, module, entry);
      const children = propertyValue(entry, 'children');
      if (children?.type === 'ArrayExpression') {
        // Children are modules or `{ path, module }` entries under this one.
        const owner = module ?? parent;
        for (const child of children.elements as EsNode[]) {
          const name = memberText(child);
          if (name) this.pushMount(owner, [], name, child);
        }
        this.visitNestRouterModule(children, owner);
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
