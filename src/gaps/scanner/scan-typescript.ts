import type { FileScan } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import type { EsNode } from './ts-url.js';
import { handlerNames, memberText, nameOf, stringProperty, unwrap, verbMethod } from './es-nodes.js';
import { findStubMessage, markersInComment } from './markers.js';
import { loadJsParser, type JsComment, type JsParser } from '../../adapters/parse-js.js';
import type { LineTable } from '../../adapters/line-table.js';
import { nextJsRoutes } from './next-routes.js';
import { emptyScan } from './types.js';
import { childKeys } from './child-keys.js';
import { stringsOf, type FunctionFrame } from './ts-scanner-base.js';
import { HTTP_VERBS } from './ts-route-scanner.js';
import { TsCallScanner } from './ts-call-scanner.js';

/** Names that hold a server or router by convention (`app`, `server`, `usersRouter`, `adminRoutes`). */
const SERVER_NAMES = /^(?:app|server|router|routes?|fastify|instance|koa)$|(?:Router|App|Server|Routes)$/;
const TEST_CALLS = new Set(['test', 'it', 'describe', 'suite', 'context', 'specify']);

/** Keys that hold positions or types: nothing the scanner looks for lives under them. */
export const SKIP_KEYS = new Set([
  'loc',
  'range',
  'parent',
  'type',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
  'comments',
  'tokens',
  'hashbang',
]);
/** Node types without children worth visiting, and type-only declarations. */
export const LEAVES = new Set([
  'Identifier',
  'Literal',
  'TemplateElement',
  'ThisExpression',
  'Super',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSDeclareFunction',
  'TSEnumDeclaration',
  'ImportDeclaration',
  'TSTypeAnnotation',
  'JSXText',
  'JSXIdentifier',
  'EmptyStatement',
  'DebuggerStatement',
]);

/**
 * Scans a TypeScript/JavaScript file: symbols, imports, tests, commands, stubs, markers, routes
 * and calls. A file with a syntax error is scanned as empty, with the error and its line.
 * `parser` defaults to the process's parser (oxc-parser, else typescript-estree).
 */
export async function scanTypeScript(path: string, content: string, parser?: JsParser): Promise<FileScan> {
  const parsed = (parser ?? (await loadJsParser())).parse(path, content);
  const first = parsed.errors[0];
  if (first) {
    const scan = emptyScan(path, 'ts', parsed.lines.count);
    scan.error = first.message;
    scan.errorLine = first.line;
    return scan;
  }
  const scanner = new TypeScriptScanner(path, parsed.lines.count, (node) => parsed.lineOf(node));
  return scanner.scan(parsed.program, parsed.comments, parsed.lines);
}

/** Walks the whole tree: tests, commands, stubs, client calls and wrappers, on top of declarations and routes. */
class TypeScriptScanner extends TsCallScanner {
  scan(program: EsNode, comments: readonly JsComment[], table: LineTable): FileScan {
    for (const comment of comments) {
      for (const marker of markersInComment(comment.value, table.lineAt(comment.start))) this.result.todos.push(marker);
    }
    for (const statement of program.body as EsNode[]) this.collectTopLevel(statement);
    this.walk(program);
    this.resolvePendingCalls();
    const lines = new Map(this.result.symbols.map((symbol) => [symbol.name, symbol.line]));
    this.result.routes.push(...nextJsRoutes(this.result.path, this.result.exports, lines));
    this.checkNothingRead();
    return this.result;
  }

  private walk(node: EsNode, parent?: EsNode): void {
    const entered = this.enter(node, parent);
    for (const key of childKeys(node, SKIP_KEYS)) {
      const value = node[key];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string' && !LEAVES.has(child.type)) this.walk(child, node);
      } else if (typeof value.type === 'string' && !LEAVES.has(value.type)) {
        this.walk(value, node);
      }
    }
    if (entered === 'frame') this.frames.pop();
    if (entered === 'test') this.testParents.pop();
  }

  /** Visits one node; returns what it pushed so `walk` can pop it afterwards. */
  private enter(node: EsNode, parent: EsNode | undefined): 'frame' | 'test' | null {
    switch (node.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.frames.push(this.frameFor(node, parent));
        this.checkEmptyBody(node, parent);
        return 'frame';
      case 'VariableDeclarator':
        this.checkDeclaration(node);
        this.checkCallDeclaration(node);
        return null;
      case 'NewExpression':
      case 'AssignmentExpression':
      case 'JSXAttribute':
        this.visitBrowserNode(node);
        return null;
      case 'ThrowStatement': {
        const message = findStubMessage(node.argument);
        if (message) this.result.stubs.push({ name: this.frames.at(-1)?.name ?? null, line: this.line(node), reason: 'not-implemented' });
        return null;
      }
      case 'ClassDeclaration':
        this.checkNestController(node);
        return null;
      case 'CallExpression':
        return this.visitCall(node);
      default:
        return null;
    }
  }

  private frameFor(node: EsNode, parent: EsNode | undefined): FunctionFrame {
    const params = new Map<string, number>();
    (node.params as EsNode[]).forEach((param, index) => {
      const id = param.type === 'AssignmentPattern' ? param.left : param;
      if (id.type === 'Identifier') params.set(id.name, index);
    });
    let name: string | null = node.id?.name ?? null;
    if (!name && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') name = parent.id.name;
    if (!name && parent?.type === 'ExportDefaultDeclaration') name = 'default';
    if (!name && parent?.type === 'AssignmentExpression' && memberText(parent.left) === 'module.exports') name = 'default';
    if (!name && (parent?.type === 'MethodDefinition' || parent?.type === 'Property')) name = nameOf(parent.key) || null;
    const matrix = this.matrixOf(node, parent);
    return {
      name,
      params,
      named: node.type === 'FunctionDeclaration' || parent?.type === 'VariableDeclarator',
      ...(matrix ? { matrix } : {}),
    };
  }

  /** `fixtures.forEach((fixture) => …)`, `['a', 'b'].map((x) => …)`: the callback's parameter and the strings it takes. */
  private matrixOf(node: EsNode, parent: EsNode | undefined): FunctionFrame['matrix'] {
    const callee = parent?.type === 'CallExpression' && parent.arguments[0] === node ? (parent.callee as EsNode) : null;
    if (callee?.type !== 'MemberExpression' || !['forEach', 'map'].includes(callee.property?.name)) return undefined;
    const list = callee.object as EsNode;
    const values =
      list.type === 'ArrayExpression' ? stringsOf(list) : list.type === 'Identifier' ? this.stringLists.get(list.name) : undefined;
    const param = (node.params as EsNode[])[0];
    return values && values.length > 0 && param?.type === 'Identifier' ? { name: param.name as string, values } : undefined;
  }

  private checkEmptyBody(node: EsNode, parent: EsNode | undefined): void {
    if (node.body?.type !== 'BlockStatement' || node.body.body.length !== 0) return;
    const frame = this.frames.at(-1);
    if (!frame?.name || parent?.kind === 'constructor') return;
    // Only named functions and methods: empty callbacks (`() => {}`) are normal code.
    if (node.type === 'FunctionDeclaration' || parent?.type === 'VariableDeclarator' || parent?.type === 'MethodDefinition') {
      this.result.stubs.push({ name: frame.name, line: this.line(node), reason: 'empty-body' });
    }
  }

  private visitCall(node: EsNode): 'test' | null {
    const callee = node.callee as EsNode;
    if (callee.type === 'Identifier' && TEST_CALLS.has(callee.name)) return this.visitTest(node, callee.name);
    if (this.visitLibraryCall(node)) return null;
    if (callee.type === 'Identifier' && this.visitServerCall(node, null, null)) return null;
    if (callee.type === 'Identifier') return (this.visitPlainCall(node, callee.name), null);
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
    const member = callee.property.name as string;
    const object = unwrap(callee.object) as EsNode;
    if (TEST_CALLS.has(memberText(object) ?? '') && ['only', 'skip', 'todo', 'each', 'concurrent'].includes(member)) {
      return this.visitTest(node, memberText(object) as string);
    }
    // node-tap and its kin: `tap.test('title', (t) => …)`, subtests `t.test(…)`; a title and a
    // callback tell a test from `pattern.test(text)`.
    if (member === 'test' && object.type === 'Identifier' && isTitledCallback(node.arguments)) return this.visitTest(node, 'test');
    if (member === 'command') return (this.visitCommand(node), null);
    if (this.visitServerCall(node, object.type === 'Identifier' ? (object.name as string) : memberText(object), member)) return null;
    if (member === 'setGlobalPrefix' && node.arguments[0]?.type === 'Literal')
      this.result.globalPrefix = normalizeRoutePath(String(node.arguments[0].value));
    if (object.type === 'CallExpression' && HTTP_VERBS.has(member)) {
      this.visitRouteChain(node, member);
      return null;
    }
    const ownerName = object.type === 'Identifier' ? (object.name as string) : memberText(object);
    if (!ownerName) return null;
    if (member === 'use' || member === 'register') this.visitMount(node, ownerName, member);
    else if (member === 'route' && node.arguments[0]?.type === 'ObjectExpression') this.visitFastifyRoute(node, ownerName);
    else if (HTTP_VERBS.has(member) || member === 'request') this.visitVerbCall(node, ownerName, member);
    return null;
  }

  private visitTest(node: EsNode, kind: string): 'test' | null {
    const title = node.arguments[0] as EsNode | undefined;
    const name =
      title?.type === 'Literal'
        ? String(title.value)
        : title?.type === 'TemplateLiteral'
          ? title.quasis.map((q: EsNode) => q.value.cooked).join('*')
          : // A matrix of tests (`agents.forEach((agent) => it(agent, check(agent)))`): the title is a
            // value, and the name holding it says what the tests are about.
            node.arguments.length >= 2 && (title?.type === 'Identifier' || title?.type === 'MemberExpression')
            ? this.matrixTitle(title)
            : null;
    if (!name) return null;
    const group = kind === 'describe' || kind === 'suite' || kind === 'context';
    // `it(agent, detectTest(fixture, agent))`: a value for a title, and a call that builds each case's check.
    const factory = node.arguments[1] as EsNode | undefined;
    const checks =
      title?.type !== 'Literal' && title?.type !== 'TemplateLiteral' && factory?.type === 'CallExpression'
        ? memberText(factory.callee)
        : null;
    this.result.tests.push({
      name,
      line: this.line(node),
      parents: [...this.testParents],
      ...(group ? { group } : {}),
      ...(checks ? { checks } : {}),
    });
    if (group) {
      this.testParents.push(name);
      return 'test';
    }
    return null;
  }

  /** A title that is a value; the strings a matrix gives it are what its cases are (`fixture (lockfile, packager)`). */
  private matrixTitle(title: EsNode): string | null {
    const name = memberText(title);
    const matrix = this.frames.findLast((frame) => frame.matrix?.name === name)?.matrix;
    return matrix ? `${name} (${matrix.values.join(', ')})` : name;
  }

  private visitCommand(node: EsNode): void {
    const first = node.arguments[0] as EsNode | undefined;
    let text: string | undefined;
    if (first?.type === 'Literal' && typeof first.value === 'string') text = first.value;
    else if (first?.type === 'ObjectExpression') text = stringProperty(first, ['command'], this.constants);
    const name = text?.trim().split(/\s+/)[0];
    if (name && /^[\w:-]+$/.test(name))
      this.result.commands.push({ name, line: this.line(node), framework: this.yargs ? 'yargs' : 'commander' });
  }

  /** `x.get(path, ...)`: a route on a server, a call on a client, or undecided until linked. */
  private visitVerbCall(node: EsNode, owner: string, member: string): void {
    const args = node.arguments as EsNode[];
    const base = owner.split('.')[0] as string;
    if (this.clients.has(owner) || this.clients.has(base)) {
      this.recordClientCall(node, owner, member);
      return;
    }
    const path = args[0]?.type === 'Literal' && typeof args[0].value === 'string' ? args[0].value : undefined;
    const last = unwrap(args[args.length - 1]);
    const inlineHandler = args.length >= 2 && last !== undefined && /Function/.test(last.type);
    const namedHandler =
      args.length >= 2 &&
      last !== undefined &&
      (last.type === 'Identifier' || last.type === 'MemberExpression' || last.type === 'CallExpression');
    // `cache.get('/key', fallback)` is not a route: without a known server, the owner's name or
    // an inline handler has to say so.
    const isRoute =
      this.servers.has(owner) ||
      (SERVER_NAMES.test(owner) && (inlineHandler || namedHandler)) ||
      (inlineHandler && !this.imported.has(owner));
    if (member !== 'request' && path !== undefined && (path.startsWith('/') || path === '' || path === '*') && isRoute) {
      const handlers = handlerNames(args.slice(1));
      this.result.routes.push({
        owner: this.ownerName(owner),
        method: verbMethod(member),
        path: normalizeRoutePath(path),
        line: this.line(node),
        ...(handlers.length > 0 ? { handlers } : {}),
      });
      return;
    }
    this.pendingVerbCall(node, owner, member);
  }
}

function isTitledCallback(args: readonly EsNode[]): boolean {
  const [title, callback] = args;
  const titled = (title?.type === 'Literal' && typeof title.value === 'string') || title?.type === 'TemplateLiteral';
  return titled && callback !== undefined && /Function/.test(callback.type);
}
