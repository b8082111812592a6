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

/** A route registered on an owner (a router, app, blueprint or plugin function) of this file. */
export interface RawRoute {
  /** Local owner name; null when the path is already absolute (Next.js, NestJS). */
  owner: string | null;
  method: HttpMethod;
  path: string;
  line: number;
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
}

/** A router-like object declared in this file, with its own prefix (`APIRouter(prefix=)`, `new Router({prefix})`). */
export interface RawRouterDecl {
  name: string;
  prefix: string;
  line: number;
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
}

export interface FileScan {
  path: string;
  language: ScanLanguage;
  /** Parse failure message, when the file could not be parsed (it still counts as present). */
  error?: string;
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
  /** One per entry of `symbols`, same order (content-only; see symbol-bodies.ts). */
  symbolBodies?: SymbolBody[];
  /** One per entry of `tests`, same order. */
  testBodies?: SymbolBody[];
  /** The comment or docstring the file opens with. */
  fileDoc?: string;
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
