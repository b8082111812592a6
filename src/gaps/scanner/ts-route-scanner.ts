import { parseClientUrl, normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { handlerNames, memberText, nameOf, propertyValue, stringProperty, unwrap, verbMethod } from './es-nodes.js';
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
    if (isRequireCall(init)) {
      this.requireDeclaration(node, name, init.arguments[0]);
      return;
    }
    if (!name || (init.type !== 'CallExpression' && init.type !== 'NewExpression')) return;
    if (this.trpcRouter(name, init) || this.serverChain(name, init)) return;
    this.factoryDeclaration(node, name, init);
  }

  /** `const x = require('m')`, `const { a, b: c } = require('m')`: imports like any other. */
  private requireDeclaration(node: EsNode, name: string, source: EsNode | undefined): void {
    if (node.id.type === 'ObjectPattern' && source?.type === 'Literal') {
      const names = (node.id.properties as EsNode[])
        .filter((p) => p.type === 'Property' && p.value.type === 'Identifier')
        .map((p) => ({ local: p.value.name as string, imported: nameOf(p.key) }));
      this.addImport(String(source.value), names, this.line(node));
      return;
    }
    if (name && source?.type === 'Literal' && typeof source.value === 'string')
      this.addImport(source.value, [{ local: name, imported: 'default' }], this.line(node));
  }

  /** A client derived from another (`api.create({ baseURL })`) or a server/router made by a factory. */
  private factoryDeclaration(node: EsNode, name: string, init: EsNode): void {
    const callee = memberText(init.callee) ?? '';
    const last = callee.split('.').pop() ?? '';
    const parent = this.clients.get(callee.split('.')[0] ?? '');
    if (parent && (last === 'create' || last === 'extend')) this.derivedClient(name, parent.prefix, init);
    else if (SERVER_FACTORIES.has(last) || /Router$/.test(last) || (callee === 'express' && init.type === 'CallExpression'))
      this.routerFactory(node, name, init);
  }

  /** `const api = http.create({ baseURL: '/v1' })`: the new client's prefix continues its parent's. */
  private derivedClient(name: string, parentPrefix: string, init: EsNode): void {
    const options = init.arguments[0] as EsNode | undefined;
    const url = stringProperty(options, ['baseURL', 'prefixUrl', 'prefix'], this.constants);
    const parsed = url === undefined ? { path: '', external: false } : parseClientUrl(url);
    const prefix = `${parentPrefix}${parsed.path === '/' ? '' : parsed.path}`;
    this.clients.set(name, { prefix, external: parsed.external });
    this.result.clients.push({ name, prefix, external: parsed.external });
  }

  /** `express()`, `new Router({ prefix })`, `new Hono()`: a server whose routes and mounts are read. */
  private routerFactory(node: EsNode, name: string, init: EsNode): void {
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

  /**
   * `@Controller('users')`, `@Controller({ path, version })`, `@Controller(ROUTES.USERS)`; method
   * decorators `@Get(':id')` (paths may be values too) and `@Version('1')`.
   */
  protected checkNestController(node: EsNode): void {
    const controller = classDecoratorCall(node, 'Controller');
    if (!controller) {
      this.checkNestModule(node);
      return;
    }
    const argument = unwrap(controller.arguments[0]) as EsNode | undefined;
    const isObject = argument?.type === 'ObjectExpression';
    const context: NestController = {
      prefix: (isObject ? esValue(propertyValue(argument, 'path')) : esValue(argument)) ?? [],
      version: isObject ? versionsOf(propertyValue(argument, 'version')) : [],
      aliases: this.nestAliases(),
      name: node.id?.name as string | undefined,
    };
    for (const member of node.body.body as EsNode[]) this.nestMemberRoutes(member, context);
  }

  /** `import { Post as HttpPost } from '@nestjs/common'`: local decorator names → Nest's. */
  private nestAliases(): Map<string, string> {
    const aliases = new Map<string, string>();
    for (const entry of this.result.imports)
      if (entry.source === '@nestjs/common') for (const { local, imported } of entry.names) aliases.set(local, imported);
    return aliases;
  }

  /** The routes of one controller member: each verb decorator, each of its paths, under `@Version`. */
  private nestMemberRoutes(member: EsNode, controller: NestController): void {
    const decorators = ((member.decorators ?? []) as EsNode[]).map((decorator) => decorator.expression as EsNode);
    const versionDecorator = decorators.find((e) => e.type === 'CallExpression' && e.callee.name === 'Version');
    const version = versionDecorator ? versionsOf(versionDecorator.arguments[0]) : controller.version;
    for (const expression of decorators) {
      const method = nestVerb(expression, controller.aliases);
      if (!method) continue;
      for (const sub of nestSubPaths(expression.arguments[0] as EsNode | undefined))
        this.pushRoute('@nest', method, [...controller.prefix, '/', ...sub], member, {
          ...(version.length > 0 ? { version } : {}),
          ...(controller.name ? { controller: controller.name } : {}),
        });
    }
  }

  /** `@Module({ controllers: [UsersController] })`: the controllers hang under the module (for `RouterModule`). */
  private checkNestModule(node: EsNode): void {
    const module = classDecoratorCall(node, 'Module');
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
          const handlers = handlerNames(node.arguments as EsNode[]);
          this.result.routes.push({
            owner: this.ownerName(owner.name),
            method: verbMethod(verb),
            path: normalizeRoutePath(path.value),
            line: this.line(node),
            ...(handlers.length > 0 ? { handlers } : {}),
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

/** What every route of a NestJS controller shares. */
interface NestController {
  prefix: ValueExpr;
  version: string[];
  aliases: Map<string, string>;
  name: string | undefined;
}

function isRequireCall(init: EsNode): boolean {
  return init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
}

/** `@Controller(...)` / `@Module(...)` on a class: the decorator's call, if it has one. */
function classDecoratorCall(node: EsNode, name: string): EsNode | undefined {
  return (node.decorators ?? [])
    .map((d: EsNode) => d.expression)
    .find((e: EsNode) => e.type === 'CallExpression' && e.callee.name === name);
}

/** `@Get()`, `@HttpPost()` (an alias): the HTTP method of a verb decorator, else undefined. */
function nestVerb(expression: EsNode, aliases: Map<string, string>): string | undefined {
  if (expression.type !== 'CallExpression' || expression.callee.type !== 'Identifier') return undefined;
  const decoratorName = expression.callee.name as string;
  return NEST_VERBS[aliases.get(decoratorName) ?? decoratorName];
}

/** `@Get(':id')`, `@Get([':a', ':b'])`, `@Get()`: the sub-paths a verb decorator serves. */
function nestSubPaths(first: EsNode | undefined): ValueExpr[] {
  if (first?.type === 'ArrayExpression') return (first.elements as EsNode[]).map((element) => esValue(element) ?? []);
  return [first ? (esValue(first) ?? []) : []];
}
