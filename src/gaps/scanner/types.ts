/**
 * What the scanner extracts from one file. A `FileScan` depends only on the file's path and
 * content, so it is cached by blob id; everything that needs more than one file (router
 * prefixes mounted elsewhere, imported axios instances and fetch wrappers) is resolved later by
 * `linkEndpoints` from these raw facts.
 */

export type ScanLanguage = 'ts' | 'python';

export type SymbolKind = 'function' | 'class' | 'method' | 'variable' | 'type';

export interface ScannedSymbol {
  name: string;
  kind: SymbolKind;
  line: number;
  exported: boolean;
  /** The class a method belongs to. */
  container?: string;
}

export interface ScannedImport {
  /** Module specifier as written (`./routes/users`, `app.routers.users`, `.users`). */
  source: string;
  /** Local name → name in the source module (`default`, `*` for a namespace/module import). */
  names: Array<{ local: string; imported: string }>;
  line: number;
}

export interface ScannedTest {
  name: string;
  line: number;
  /** Enclosing describe/suite/class names, outermost first. */
  parents: string[];
  /** A describe/suite block rather than a test. */
  group?: boolean;
  /**
   * A test of a matrix whose title is a value (`it(agent, detectTest(fixture, agent))`): the
   * function that builds its check, whose name says what each case checks.
   */
  checks?: string;
}

export interface ScannedCommand {
  name: string;
  line: number;
  framework: 'commander' | 'yargs' | 'typer' | 'click';
}

export interface ScannedStub {
  /** The function the stub sits in, when there is one. */
  name: string | null;
  line: number;
  reason: 'not-implemented' | 'pass-body' | 'empty-body';
}

export interface ScannedTodo {
  tag: 'TODO' | 'FIXME' | 'XXX' | 'HACK';
  text: string;
  line: number;
}

/** `*` means any method (Next.js pages/api, `app.all`). */
export type HttpMethod = string;

/**
 * A string computed from literals and names, as written: the parts are concatenated, and a
 * `{ ref }` part is a local dotted name (`API_PREFIX`, `settings.API_V1_STR`, `config.api.prefix`,
 * an imported constant) that the linker resolves through `FileScan.values` across modules.
 */
export type ValuePart = string | { ref: string };
export type ValueExpr = ValuePart[];

/** Something the scanner saw registered but could not read (fail closed rather than a silent 0). */
export interface ScanWarning {
  line: number;
  message: string;
}

/** A route registered on an owner (a router, app, blueprint or plugin function) of this file. */
export interface RawRoute {
  /** Local owner name; null when the path is already absolute (Next.js, NestJS). */
  owner: string | null;
  method: HttpMethod;
  path: string;
  line: number;
  /** The path as a value expression when it is not a literal (`path` then holds its literal parts only). */
  pathExpr?: ValueExpr;
  /** tRPC: the procedure's dotted path from the root router (`post.create`); see docs/gaps.md. */
  procedure?: string;
  /** NestJS: the controller class of the route (its module may be mounted by `RouterModule.register`). */
  controller?: string;
  /** NestJS `@Version('1')` or the controller's `version` (several when given a list); `VERSION_NEUTRAL` is none. */
  version?: string[];
  /** A view class of another file (`MethodView`, flask-restful `Resource`, method `*`): it serves the methods it defines. */
  view?: string;
  /** Handlers passed by name (`router.get('/top', protect, getTopProducts)`): what the route calls. */
  handlers?: string[];
}

/** `app.use('/api', router)`, `include_router(r, prefix=)`, `register_blueprint`, `fastify.register`. */
export interface RawMount {
  owner: string;
  prefix: string;
  /** Local expression of the mounted thing: `usersRouter`, `users.router`. */
  target: string;
  line: number;
  /** Flask: `register_blueprint(bp, url_prefix=)` replaces the blueprint's own prefix. */
  replacesPrefix?: boolean;
  /** The prefix as a value expression when it is not a literal. */
  prefixExpr?: ValueExpr;
  /**
   * tRPC: `router` mounts a sub-router under a procedure-path key (`post` in
   * `router({ post: postRouter })`, joined with dots); `handler` mounts the root router at an
   * HTTP path (`/api/trpc`), and the file's own Next.js catch-all route is then not an endpoint.
   */
  trpc?: 'router' | 'handler';
}

/** A router-like object declared in this file, with its own prefix (`APIRouter(prefix=)`, `new Router({prefix})`). */
export interface RawRouterDecl {
  name: string;
  prefix: string;
  line: number;
  /** The prefix as a value expression when it is not a literal. */
  prefixExpr?: ValueExpr;
}

/** An HTTP client instance: `axios.create({ baseURL })`, `ky.create({ prefixUrl })`. */
export interface RawClientDecl {
  name: string;
  prefix: string;
  /** True when the base URL names a foreign host (not localhost): calls through it are not ours. */
  external: boolean;
}

/** A local function that forwards its parameter to fetch/axios: calls to it are HTTP calls. */
export interface RawWrapper {
  name: string;
  /** Index of the parameter that carries the URL. */
  urlParam: number;
  /** Path text that precedes the parameter inside the wrapper (`/api` in `fetch('/api' + path)`). */
  prefix: string;
  /** A fixed method, or `option`: the method the call site passes (an options object or a verb argument), GET when none. */
  method: { kind: 'fixed'; value: string } | { kind: 'option' };
  /**
   * Set when the wrapper forwards to another wrapper or client instead of fetch/axios itself
   * (`httpGet(path) → request('GET', path)`, `get(path) → httpClient.get(path)`): its local
   * name (`request`, `httpClient`), resolved by the linker, local or imported.
   */
  via?: string;
  /** Which argument of `via` receives the URL. */
  forwardArg?: number;
}

/** A call site that may be an HTTP call once names are resolved. */
export interface RawCall {
  /**
   * null when the scanner resolved the call in its own file (fetch, axios, a local instance or
   * wrapper); otherwise the imported local name (`api` in `api.get(...)`, `apiFetch`) that the
   * linker resolves to a client or wrapper of another file.
   */
  via: string | null;
  /** Which argument carried the URL (matched against a wrapper's URL parameter). */
  argIndex: number;
  /** Method if known at the call site. */
  method: string | null;
  /** Normalised path (origin and query stripped, params as `:name`). */
  path: string;
  /** The URL named a foreign host. */
  external: boolean;
  line: number;
  /** A tRPC procedure call (`post.byId`): matched to the endpoint of that procedure, whatever its mount. */
  procedure?: string;
  /** A navigation or link (`window.open`, `<a href>`): credits an endpoint, never an unserved call. */
  soft?: boolean;
}

/** A definition's body as requirement matching and remembered evidence read it (see symbol-bodies.ts). */
export interface SymbolBody {
  /** Last line of the definition (1-based). */
  end: number;
  /** Distinct identifiers used in the body, strings and comments left out. */
  terms: string[];
  /** Identifier tokens in the body (not distinct): how much code there is. */
  size: number;
  /** Fingerprint of the body's code (whitespace, strings and comments aside). */
  hash: string;
  /** The doc comment or docstring of the definition. */
  doc?: string;
  /** A test's string literals (its inputs and expected values; see symbol-bodies.ts). */
  literals?: string[];
  /**
   * What the definition depends on outside its body: the identifiers of its decorators
   * (`JwtRefreshGuard` in `@UseGuards(JwtRefreshGuard)`) and the Passport strategies it asks for
   * (`passport:google`; see passport-names.ts).
   */
  requires?: string[];
}

export interface FileScan {
  path: string;
  language: ScanLanguage;
  /** Parse failure message, when the file could not be parsed (it still counts as present). */
  error?: string;
  /** The line of the parse failure. */
  errorLine?: number;
  lines: number;
  symbols: ScannedSymbol[];
  imports: ScannedImport[];
  /** Exported name → local name (`default` → `router`). */
  exports: Record<string, string>;
  tests: ScannedTest[];
  commands: ScannedCommand[];
  stubs: ScannedStub[];
  todos: ScannedTodo[];
  routes: RawRoute[];
  mounts: RawMount[];
  routers: RawRouterDecl[];
  clients: RawClientDecl[];
  wrappers: RawWrapper[];
  calls: RawCall[];
  /** NestJS `app.setGlobalPrefix('api')`. */
  globalPrefix?: string;
  /** `setGlobalPrefix(globalPrefix)`: the prefix as a value expression. */
  globalPrefixExpr?: ValueExpr;
  /**
   * Named string values of this file, for the linker: module constants (`API = '/api'`), object
   * literal properties (`config.api.prefix`), class attributes with literal defaults
   * (`Settings.API_V1_STR`), and aliases (`settings = Settings()` → `[{ ref: 'Settings' }]`).
   */
  values?: Record<string, ValueExpr>;
  /** NestJS `enableVersioning({ type: VersioningType.URI })`: `/v1/...` from `@Version` and controller `version`. */
  nestVersioning?: { prefix: string; defaultVersion?: string[] };
  /** Registrations the scanner saw but could not read. */
  warnings?: ScanWarning[];
  /** One per entry of `symbols`, same order (content-only; see symbol-bodies.ts). */
  symbolBodies?: SymbolBody[];
  /** One per entry of `tests`, same order. */
  testBodies?: SymbolBody[];
  /** The comment or docstring the file opens with. */
  fileDoc?: string;
  /** Identifiers of the whole file, top-level code included (a server set up in statements has no definition to hold them). */
  fileTerms?: string[];
  /** Passport strategies the file declares (`passport:google`; see passport-names.ts). */
  provides?: string[];
}

export function emptyScan(path: string, language: ScanLanguage, lines: number): FileScan {
  return {
    path,
    language,
    lines,
    symbols: [],
    imports: [],
    exports: dictionaryObject(),
    tests: [],
    commands: [],
    stubs: [],
    todos: [],
    routes: [],
    mounts: [],
    routers: [],
    clients: [],
    wrappers: [],
    calls: [],
  };
}

/**
 * An empty plain object in V8's dictionary mode. Export names differ in every file; adding them
 * one by one to a fresh `{}` builds a new hidden class per name (thousands on a large cold scan),
 * which costs more than the rest of recording a symbol. Deleting a property that is not the last
 * one switches the object to dictionary mode; it stays an ordinary `Object`.
 */
function dictionaryObject(): Record<string, string> {
  const object: Record<string, string> = { a: '', b: '' };
  delete object.a;
  delete object.b;
  return object;
}
