import type { RawCall, RawWrapper } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import { renderClientPath, urlParts, wrapperPrefix, type EsNode, type UrlPart, type UrlScope } from './ts-url.js';
import { memberText, nameOf, propertyValue, unwrap, verbMethod } from './es-nodes.js';
import { applyWrapper } from './apply-wrapper.js';
import type { FunctionFrame } from './ts-scanner-base.js';
import { HTTP_VERBS, TsRouteScanner } from './ts-route-scanner.js';
import { browserCall, mayBeLibraryCall, recognizeCall, rtkApiCalls, rtkBaseUrl, swrInfiniteCalls, type CallContext } from './ts-calls.js';

/** Modules whose default or namespace import is an HTTP client (its verbs are calls, `.create()` makes instances). */
const CLIENT_MODULES = new Set(['axios', 'ky', 'ky-universal', 'redaxios', 'ofetch']);
/** Plain functions that fetch: `fetch(url, init)` and its kin. */
const FETCH_FUNCTIONS = new Set(['fetch', 'ofetch', '$fetch']);
/** The fields an Angular service keeps its HttpClient in, by convention. */
const ANGULAR_HTTP_FIELDS = ['this.http', 'this.httpClient', 'this._http', 'this.client'];
/** React's own hooks and data hooks return no request functions. */
const HOOKS_NOT_CLIENTS = /^use(?:State|Ref|Memo|Callback|Context|Reducer|Query|Mutation|SWR)/;
const VERB_ARGUMENT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/i;

interface PendingCall {
  callee: string;
  member: string | null;
  node: EsNode;
  /** The function stack at the call: a URL built from a parameter of one of them makes a wrapper. */
  frames: FunctionFrame[];
  /** `forwardedAt`, once computed (null: forwards nothing). */
  forwarded?: { frames: FunctionFrame[]; prefix: string; param: number; arg: number } | null;
}

/**
 * The client side of the TypeScript scanner: HTTP calls, client instances, wrappers (of fetch,
 * of instances, of other wrappers) and the request functions hooks return. Cross-file names
 * are left to the linker (`via`).
 */
export class TsCallScanner extends TsRouteScanner {
  /** Names bound to what a hook returns: `get` → `useApi.get` (`const { get } = useApi()`), `api` → `useApi`. */
  private readonly hookBindings = new Map<string, string>();
  /** Local names of Hono typed clients (`hc('/')` and their properties). */
  private readonly honoClients = new Set<string>();
  private readonly pending: PendingCall[] = [];
  private context: { imports: number; value: CallContext } | undefined;
  /** `fetchBaseQuery({ baseUrl })` of this file, as a path. */
  private rtkBase: string | undefined;
  /** Top-level functions by name (an SWR key function is read where it is declared). */
  private readonly functions = new Map<string, EsNode>();

  protected override collectTopLevel(statement: EsNode, exported = false): void {
    super.collectTopLevel(statement, exported);
    if (statement.type === 'FunctionDeclaration' && statement.id) this.functions.set(statement.id.name, statement);
    else if (statement.type === 'VariableDeclaration')
      for (const declarator of statement.declarations as EsNode[]) {
        const init = unwrap(declarator.init);
        if (declarator.id.type === 'Identifier' && init && /Function/.test(init.type)) this.functions.set(declarator.id.name, init);
      }
  }

  /** An imported name shadows the global `axios`; an import of a client module makes a client. */
  protected override addImport(source: string, names: Array<{ local: string; imported: string }>, line: number): void {
    super.addImport(source, names, line);
    // Angular: the HttpClient a service is given (`constructor(private http: HttpClient)`).
    if (source === '@angular/common/http' && names.some((name) => name.imported === 'HttpClient'))
      for (const field of ANGULAR_HTTP_FIELDS) this.clients.set(field, { prefix: '', external: false });
    for (const { local, imported } of names) {
      if (CLIENT_MODULES.has(source) && (imported === 'default' || imported === '*' || imported === source))
        this.clients.set(local, { prefix: '', external: false });
      else if (!CLIENT_MODULES.has(source)) this.clients.delete(local);
    }
  }

  /** What the recognisers know of this file; rebuilt only when an import was added (`require()` in the walk). */
  protected callContext(): CallContext {
    if (this.context?.imports !== this.result.imports.length) {
      this.context = {
        imports: this.result.imports.length,
        value: {
          constants: this.constants,
          clients: this.clients,
          imported: this.imported,
          trpc: this.result.imports.some((entry) => /trpc/i.test(entry.source)),
          line: (node) => this.line(node),
        },
      };
    }
    return this.context.value;
  }

  /** Declarations that make clients or bind hook results. */
  protected checkCallDeclaration(node: EsNode): void {
    const init = unwrap(node.init);
    if (!init) return;
    if (node.id.type === 'ObjectPattern') this.bindHookResult(node.id, init);
    else if (node.id.type !== 'Identifier') return;
    else if (init.type === 'CallExpression' && init.callee.type === 'Identifier') this.checkFactory(node.id.name, init.callee.name, init);
    else if (init.type === 'MemberExpression') this.checkHonoProperty(node.id.name, init);
  }

  /** `const { get, post } = useApi()`; `const { GET } = createClient()` needs nothing (upper-case verbs are calls). */
  private bindHookResult(pattern: EsNode, init: EsNode): void {
    if (init.type !== 'CallExpression' || init.callee.type !== 'Identifier' || !/^use[A-Z]/.test(init.callee.name)) return;
    for (const property of pattern.properties as EsNode[]) {
      if (property.type === 'Property' && property.value.type === 'Identifier')
        this.hookBindings.set(property.value.name, `${init.callee.name}.${nameOf(property.key)}`);
    }
  }

  /** `const api = useApi()`, `hc('/')`, `fetchBaseQuery({ baseUrl })`, `createApi({ baseQuery })`. */
  private checkFactory(name: string, callee: string, init: EsNode): void {
    if (/^use[A-Z]/.test(callee) && !HOOKS_NOT_CLIENTS.test(callee)) this.hookBindings.set(name, callee);
    if (callee === 'hc') this.addClient(name, this.renderPath(init.arguments[0]) ?? '', true);
    // `baseQuery({ url: 'auth/refresh' })` is a call.
    if (callee === 'fetchBaseQuery') this.addClient(name, rtkBaseUrl(init, this.callContext()) ?? '', false);
    if (callee === 'createApi') {
      const inline = unwrap(propertyValue(init.arguments[0], 'baseQuery'));
      const base = inline?.type === 'CallExpression' ? rtkBaseUrl(inline, this.callContext()) : undefined;
      this.addClient(name, base ?? this.rtkBase ?? '', false);
    }
  }

  /** `export const api = client.api`: a property of a Hono client is a client of that path. */
  private checkHonoProperty(name: string, init: EsNode): void {
    const chain = memberText(init);
    const root = chain?.split('.')[0];
    if (!chain || !root || !this.honoClients.has(root)) return;
    const base = this.clients.get(root)?.prefix ?? '';
    this.addClient(name, normalizeRoutePath(`${base}/${chain.split('.').slice(1).join('/')}`), true);
  }

  private addClient(name: string, prefix: string, hono: boolean): void {
    const path = prefix === '/' ? '' : prefix;
    this.clients.set(name, { prefix: path, external: false });
    this.result.clients.push({ name, prefix: path, external: false });
    if (hono) this.honoClients.add(name);
  }

  /** The constructs of client libraries (tRPC, Hono, OpenAPI clients, SWR, RTK Query); true when the call was one. */
  protected visitLibraryCall(node: EsNode): boolean {
    if (!mayBeLibraryCall(node)) return false;
    const context = this.callContext();
    const base = rtkBaseUrl(node, context);
    if (base !== undefined) this.rtkBase = base;
    const rtk = [...rtkApiCalls(node, context, this.rtkBase), ...swrInfiniteCalls(node, context, (name) => this.functions.get(name))];
    if (rtk.length > 0) {
      this.result.calls.push(...rtk);
      return true;
    }
    const call = recognizeCall(node, context) ?? cypressCall(node, context);
    if (!call) return false;
    this.result.calls.push(call);
    return true;
  }

  /** `new EventSource(url)`, `location.href = url`, `<a href>`: soft calls. */
  protected visitBrowserNode(node: EsNode): void {
    const call = browserCall(node, this.callContext());
    if (call) this.result.calls.push(call);
  }

  protected visitPlainCall(node: EsNode, name: string): void {
    if (FETCH_FUNCTIONS.has(name) || this.clients.has(name)) {
      this.recordClientCall(node, name, null);
      return;
    }
    const bound = this.hookBindings.get(name);
    this.pending.push({ callee: bound ?? name, member: null, node, frames: [...this.frames] });
  }

  /** `x.get(path, ...)` that is not a route and not on a local client: through a hook's result or an imported name, for the linker. */
  protected pendingVerbCall(node: EsNode, owner: string, member: string): void {
    const base = owner.split('.')[0] as string;
    const bound = this.hookBindings.get(base);
    if (bound) this.pending.push({ callee: `${bound}${owner.slice(base.length)}.${member}`, member, node, frames: [...this.frames] });
    else if (this.imported.has(base)) this.pending.push({ callee: owner, member, node, frames: [...this.frames] });
  }

  /** A call through fetch, axios/ky or a local client instance. */
  protected recordClientCall(node: EsNode, via: string, member: string | null): void {
    const args = node.arguments as EsNode[];
    const client =
      FETCH_FUNCTIONS.has(via) || via.endsWith('.fetch') ? null : (this.clients.get(via) ?? this.clients.get(via.split('.')[0] as string));
    let urlNode = args[0];
    let options: EsNode | undefined = args[1];
    if (urlNode?.type === 'ObjectExpression') {
      options = urlNode;
      urlNode = propertyValue(urlNode, 'url');
    }
    const method = clientMethod(member, options);
    const prefix = client?.prefix ?? '';
    const forwarded = this.forwardedParam(urlNode, this.frames);
    if (forwarded) {
      this.addWrapper(forwarded.frames, {
        urlParam: forwarded.param,
        prefix: `${prefix}${forwarded.prefix}`,
        method: method ? { kind: 'fixed', value: method } : { kind: 'option' },
      });
      return;
    }
    let parts = urlParts(urlNode, { constants: this.constants, params: new Map() });
    // An instance joins a relative path to its base URL (`api.get('users')`, `baseQuery({ url: 'auth/refresh' })`).
    const first = parts?.[0];
    if (client && parts && first?.kind === 'text' && /^[A-Za-z0-9_-]/.test(first.value) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(first.value))
      parts = [{ kind: 'text', value: '/' }, ...parts];
    const rendered = parts && renderClientPath(parts);
    if (!rendered) return;
    const external = rendered.external || Boolean(client?.external);
    const path = prefix && !rendered.external ? `${prefix}${rendered.path === '/' ? '' : rendered.path}` : rendered.path;
    this.result.calls.push({ via: null, argIndex: 0, method, path: normalizeRoutePath(path), external, line: this.line(node) });
  }

  /**
   * A URL built from a parameter of an enclosing named function: that function is a wrapper.
   * The innermost function whose parameter it is decides (`useUpdateQuery(path)` around
   * `mutationFn: (body) => api.put(path, body)`).
   */
  private forwardedParam(
    urlNode: EsNode | undefined,
    frames: readonly FunctionFrame[],
  ): { frames: FunctionFrame[]; prefix: string; param: number } | null {
    for (let depth = frames.length - 1; depth >= 0; depth--) {
      const frame = frames[depth] as FunctionFrame;
      const scope: UrlScope = { constants: this.constants, params: frame.params };
      const parts = urlParts(urlNode, scope);
      if (!parts?.some((part) => part.kind === 'param')) continue;
      if (!frame.named || !frame.name) return null;
      const forwarded = wrapperPrefix(parts);
      return forwarded ? { frames: frames.slice(0, depth + 1), ...forwarded } : null;
    }
    return null;
  }

  /** Records a wrapper under its name, and under `outer.name` when it sits in a named function (a hook's request functions). */
  private addWrapper(frames: readonly FunctionFrame[], wrapper: Omit<RawWrapper, 'name'>): void {
    const own = frames[frames.length - 1]?.name as string;
    this.result.wrappers.push({ name: own, ...wrapper });
    const outer = frames.slice(0, -1).find((frame) => frame.named && frame.name)?.name;
    if (outer) this.result.wrappers.push({ name: `${outer}.${own}`, ...wrapper });
  }

  /** Calls to local wrappers resolve here; calls to imported names, hook results and wrappers of wrappers wait for the linker. */
  protected resolvePendingCalls(): void {
    // Wrappers of wrappers first: a local wrapper may be declared after its first use.
    const declared = new Set(this.result.wrappers.map((wrapper) => wrapper.name));
    for (const pending of this.pending) if (this.resolvable(pending, declared)) this.forwardPending(pending);
    const direct = new Map<string, RawWrapper>();
    for (const wrapper of this.result.wrappers) if (!wrapper.via && !direct.has(wrapper.name)) direct.set(wrapper.name, wrapper);
    const known = new Set(this.result.wrappers.map((wrapper) => wrapper.name));
    for (const pending of this.pending) {
      if (!this.resolvable(pending, known) || this.forwardedAt(pending) !== null) continue;
      const call = this.callSite(pending.node, pending.member);
      if (!call) continue;
      const wrapper = pending.member === null ? direct.get(pending.callee) : undefined;
      if (wrapper) {
        const resolved = applyWrapper(wrapper, call);
        if (resolved) this.result.calls.push(resolved);
      } else {
        this.result.calls.push({ ...call, via: pending.callee });
      }
    }
  }

  /** A local wrapper (`useApi.get` included, for a hook of this file) or an imported name. */
  private resolvable(pending: PendingCall, wrappers: ReadonlySet<string>): boolean {
    return wrappers.has(pending.callee) || this.imported.has(pending.callee.split('.')[0] as string);
  }

  /** A pending call that forwards a parameter of its enclosing function: records that function as a wrapper of the callee. */
  private forwardPending(pending: PendingCall): void {
    const found = this.forwardedAt(pending);
    if (!found) return;
    const method = this.methodAt(pending.node, pending.member);
    this.addWrapper(found.frames, {
      urlParam: found.param,
      prefix: found.prefix,
      method: method ? { kind: 'fixed', value: method } : { kind: 'option' },
      via: pending.callee,
      forwardArg: found.arg,
    });
  }

  private forwardedAt(pending: PendingCall): { frames: FunctionFrame[]; prefix: string; param: number; arg: number } | null {
    if (pending.forwarded === undefined) pending.forwarded = this.findForwarded(pending);
    return pending.forwarded;
  }

  private findForwarded(pending: PendingCall): { frames: FunctionFrame[]; prefix: string; param: number; arg: number } | null {
    // Only a parameter of an enclosing function can be forwarded.
    if (!pending.frames.some((frame) => frame.params.size > 0)) return null;
    const args = pending.node.arguments as EsNode[];
    for (let index = 0; index < args.length; index++) {
      const found = this.forwardedParam(args[index], pending.frames);
      if (found) return { ...found, arg: index };
    }
    return null;
  }

  /** The method a call site names: its verb member, an options `method`, or a verb argument. */
  private methodAt(node: EsNode, member: string | null): string | null {
    if (member && HTTP_VERBS.has(member)) return verbMethod(member);
    const args = node.arguments as EsNode[];
    for (const arg of args) {
      const value = propertyValue(arg, 'method');
      if (value?.type === 'Literal') return String(value.value).toUpperCase();
    }
    const verb = args.find((arg) => arg.type === 'Literal' && typeof arg.value === 'string' && VERB_ARGUMENT.test(arg.value));
    return verb ? String(verb.value).toUpperCase() : null;
  }

  private callSite(node: EsNode, member: string | null): RawCall | null {
    const args = node.arguments as EsNode[];
    const scope: UrlScope = { constants: this.constants, params: new Map() };
    for (let index = 0; index < args.length; index++) {
      const parts = urlParts(args[index], scope);
      const rendered = parts && renderClientPath(parts);
      if (!rendered) continue;
      return {
        via: null,
        argIndex: index,
        method: this.methodAt(node, member),
        path: rendered.path,
        external: rendered.external,
        line: this.line(node),
      };
    }
    return null;
  }

  private renderPath(node: EsNode | undefined): string | null {
    const parts: UrlPart[] | null = urlParts(node, { constants: this.constants, params: new Map() });
    const rendered = parts && renderClientPath(parts);
    return rendered && !rendered.external ? rendered.path : null;
  }
}

/** The method of a client call: its verb, the options' literal `method`, GET without one; open when options are a variable. */
function clientMethod(member: string | null, options: EsNode | undefined): string | null {
  if (member && member !== 'request') return verbMethod(member);
  const methodNode = propertyValue(options, 'method');
  if (methodNode?.type === 'Literal') return String(methodNode.value).toUpperCase();
  return !methodNode && (!options || options.type === 'ObjectExpression') ? 'GET' : null;
}

/** Cypress `cy.request(url)`, `cy.request('POST', url)`, `cy.request({ method, url })`: e2e calls. */
function cypressCall(node: EsNode, context: CallContext): RawCall | null {
  if (memberText(unwrap(node.callee)) !== 'cy.request') return null;
  const args = node.arguments as EsNode[];
  let method: string | null = 'GET';
  let urlNode = args[0];
  if (args[0]?.type === 'ObjectExpression') {
    urlNode = propertyValue(args[0], 'url');
    const value = propertyValue(args[0], 'method');
    method = value ? (value.type === 'Literal' ? String(value.value).toUpperCase() : null) : 'GET';
  } else if (args.length >= 2 && args[0]?.type === 'Literal' && VERB_ARGUMENT.test(String(args[0].value))) {
    method = String(args[0].value).toUpperCase();
    urlNode = args[1];
  }
  const parts = urlParts(urlNode, { constants: context.constants, params: new Map() });
  const rendered = parts && renderClientPath(parts);
  return rendered ? { via: null, argIndex: 0, method, path: rendered.path, external: rendered.external, line: context.line(node) } : null;
}
