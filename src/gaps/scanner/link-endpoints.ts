import type { FileScan, ValueExpr } from './types.js';
import { ValueResolver } from './resolve-values.js';
import { procedureEndpoints } from './link-trpc.js';
import { joinRoutePath, normalizeRoutePath } from './route-path.js';
import { resolveModule } from './resolve-module.js';
import { linkCalls, type ClientCall } from './link-calls.js';

export type { ClientCall } from './link-calls.js';

/** A served HTTP endpoint, normalised (`method` is `*` for any method). */
export interface Endpoint {
  method: string;
  path: string;
  file: string;
  line: number;
  /** tRPC: the procedure's dotted path (`post.create`). */
  procedure?: string;
  /** Handlers the registration passes by name (see RawRoute.handlers). */
  handlers?: string[];
}

/** Something registered that could not be read: a path or prefix whose value is unknown. */
export interface LinkWarning {
  file: string;
  line: number;
  message: string;
}

const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

interface Ref {
  file: string;
  name: string;
}

/**
 * Resolves what one file cannot know alone: router prefixes mounted in other files
 * (`app.use('/api', users)`, `include_router(prefix=)`, `register_blueprint(url_prefix=)`,
 * `fastify.register(plugin, {prefix})`), and calls through imported clients and wrappers.
 */
export function linkEndpoints(scans: readonly FileScan[]): { endpoints: Endpoint[]; calls: ClientCall[]; warnings: LinkWarning[] } {
  const linker = new Linker(scans);
  const endpoints = linker.endpoints();
  return { endpoints, calls: linker.calls(), warnings: linker.warnings() };
}

export class Linker {
  private readonly byPath = new Map<string, FileScan>();
  private readonly files: Set<string>;
  private readonly pythonFiles: string[];
  private readonly incoming = new Map<string, Array<{ owner: string; prefix: string; replaces: boolean; trpc?: 'router' | 'handler' }>>();
  /** Files whose tRPC handler stands for their Next.js catch-all route. */
  private readonly trpcHandlerFiles = new Set<string>();
  private readonly nestVersioning: FileScan['nestVersioning'];
  private readonly ownPrefix = new Map<string, string>();
  private readonly globalPrefix: string;
  private readonly bindings = new Map<string, Map<string, { source: string; imported: string }>>();
  private readonly resolved = new Map<string, Ref | null>();
  private readonly prefixMemo = new Map<string, string[]>();
  private readonly values: ValueResolver;
  private readonly linkWarnings: LinkWarning[] = [];

  constructor(scans: readonly FileScan[]) {
    for (const scan of scans) this.byPath.set(scan.path, scan);
    this.files = new Set(this.byPath.keys());
    this.pythonFiles = [...this.files].filter((file) => file.endsWith('.py'));
    this.values = new ValueResolver(this.byPath, (file, name) => this.resolve(file, name));
    const nest = scans.find((scan) => scan.globalPrefix !== undefined || scan.globalPrefixExpr);
    this.globalPrefix = nest ? this.valueIn(nest.path, nest.globalPrefix ?? '', nest.globalPrefixExpr, 1, 'global prefix') : '';
    this.nestVersioning = scans.find((scan) => scan.nestVersioning)?.nestVersioning;
    for (const scan of scans) {
      for (const warning of scan.warnings ?? []) this.linkWarnings.push({ file: scan.path, ...warning });
      for (const router of scan.routers) {
        const prefix = this.valueIn(scan.path, router.prefix, router.prefixExpr, router.line, 'router prefix');
        this.ownPrefix.set(key({ file: scan.path, name: router.name }), prefix);
      }
      for (const mount of scan.mounts) {
        const owner = this.resolve(scan.path, mount.owner);
        const target = this.resolve(scan.path, mount.target);
        if (!owner || !target) continue;
        const list = this.incoming.get(key(target)) ?? [];
        const prefix = this.valueIn(scan.path, mount.prefix, mount.prefixExpr, mount.line, 'mount prefix');
        list.push({ owner: key(owner), prefix, replaces: Boolean(mount.replacesPrefix), ...(mount.trpc ? { trpc: mount.trpc } : {}) });
        if (mount.trpc === 'handler') this.trpcHandlerFiles.add(scan.path);
        this.incoming.set(key(target), list);
      }
    }
  }

  endpoints(): Endpoint[] {
    const seen = new Set<string>();
    const endpoints: Endpoint[] = [];
    for (const scan of this.byPath.values()) {
      const basePath = this.nextBasePath(scan.path);
      for (const route of scan.routes) {
        if (route.owner === null && this.trpcHandlerFiles.has(scan.path)) continue;
        if (route.procedure !== undefined && route.owner) {
          for (const endpoint of procedureEndpoints(this, scan.path, route)) {
            const id = `${endpoint.method} ${endpoint.path} ${endpoint.file}:${endpoint.line}`;
            if (!seen.has(id)) endpoints.push(endpoint);
            seen.add(id);
          }
          continue;
        }
        let prefixes = [''];
        if (route.owner === null) prefixes = [basePath];
        else if (route.owner === '@nest') prefixes = this.nestPrefixes(route.version, scan.path, route.controller);
        else if (route.owner) {
          const ref = this.resolve(scan.path, route.owner) ?? { file: scan.path, name: route.owner };
          prefixes = this.prefixesOf(key(ref), new Set());
        }
        const path = this.valueIn(scan.path, route.path, route.pathExpr, route.line, 'route path');
        const methods = route.view ? this.viewMethods(scan.path, route.view) : [route.method];
        for (const prefix of prefixes) {
          for (const method of methods) {
            const endpoint: Endpoint = { method, path: joinRoutePath(prefix, path), file: scan.path, line: route.line };
            if (route.procedure !== undefined) endpoint.procedure = route.procedure;
            if (route.handlers) endpoint.handlers = route.handlers;
            const id = `${endpoint.method} ${endpoint.path} ${endpoint.file}:${endpoint.line}`;
            if (seen.has(id)) continue;
            seen.add(id);
            endpoints.push(endpoint);
          }
        }
      }
    }
    return endpoints.sort(compareByLocation);
  }

  /** NestJS: the global prefix, then `/v1` under URI versioning (the route's, the controller's or the default version). */
  private nestPrefixes(version: string[] | undefined, file: string, controller: string | undefined): string[] {
    const versioning = this.nestVersioning;
    const versions = version ?? versioning?.defaultVersion ?? [];
    const outer =
      !versioning || versions.length === 0
        ? [this.globalPrefix]
        : versions.map((v) => joinRoutePath(this.globalPrefix, `${versioning.prefix}${v}`));
    // `RouterModule.register([{ path, module }])`: the module's path sits between the version and the controller's.
    const modules = controller ? this.prefixesOf(key(this.resolve(file, controller) ?? { file, name: controller }), new Set()) : [''];
    return outer.flatMap((prefix) => modules.map((module) => (module ? joinRoutePath(prefix, module) : prefix)));
  }

  /** Next.js `basePath` from the `next.config.*` beside the `pages`/`app` folder of a route file. */
  private nextBasePath(file: string): string {
    const root = /^(.*?)(?:src\/)?(?:pages|app)\//.exec(file)?.[1];
    if (root === undefined) return '';
    for (const name of ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs']) {
      const config = this.byPath.get(`${root}${name}`);
      if (!config) continue;
      const local = config.exports.default ?? 'default';
      const value = this.values.valueOf(config.path, `${local}.basePath`);
      return value ? normalizeRoutePath(value) : '';
    }
    return '';
  }

  /** Mounts reaching a router: `(owner key, prefix, kind)`; for the tRPC walk. */
  incomingOf(id: string): ReadonlyArray<{ owner: string; prefix: string; trpc?: 'router' | 'handler' }> {
    return this.incoming.get(id) ?? [];
  }

  /** The HTTP path prefixes of a router (its mounts, outermost first). */
  httpPrefixesOf(id: string): string[] {
    return this.prefixesOf(id, new Set());
  }

  hasTrpcHandler(): boolean {
    return this.trpcHandlerFiles.size > 0;
  }

  refKey(file: string, name: string): string {
    return key(this.resolve(file, name) ?? { file, name });
  }

  /** The HTTP methods a view class of another file defines (`def get(self)` → GET); `*` when unknown. */
  private viewMethods(file: string, view: string): string[] {
    const ref = this.resolve(file, view);
    const symbols = (ref && this.byPath.get(ref.file)?.symbols) ?? [];
    const methods = symbols
      .filter((symbol) => symbol.container === ref?.name && VIEW_METHODS.has(symbol.name))
      .map((symbol) => symbol.name.toUpperCase());
    return methods.length > 0 ? methods : ['*'];
  }

  warnings(): LinkWarning[] {
    const unique = new Map(this.linkWarnings.map((warning) => [`${warning.file}:${warning.line}:${warning.message}`, warning]));
    return [...unique.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  }

  /** A prefix or path: its literal, or its value expression resolved across modules (warning on what stays unknown). */
  private valueIn(file: string, literal: string, expr: ValueExpr | undefined, line: number, what: string): string {
    if (!expr) return literal;
    const { value, unresolved } = this.values.evaluate(file, expr);
    if (unresolved.length > 0)
      this.linkWarnings.push({ file, line, message: `${what} uses ${unresolved.join(', ')}, whose value is not known from the code` });
    return value === '' ? '' : normalizeRoutePath(value);
  }

  calls(): ClientCall[] {
    return linkCalls(this.byPath, (file, name) => this.resolve(file, name));
  }

  private prefixesOf(id: string, visiting: Set<string>): string[] {
    const memo = this.prefixMemo.get(id);
    if (memo) return memo;
    const own = this.ownPrefix.get(id) ?? '';
    const edges = this.incoming.get(id);
    if (!edges || visiting.has(id)) return [own];
    visiting.add(id);
    const prefixes = new Set<string>();
    for (const edge of edges) {
      if (edge.trpc === 'router') continue;
      for (const outer of this.prefixesOf(edge.owner, visiting)) {
        prefixes.add(edge.replaces ? joinRoutePath(outer, edge.prefix) : joinRoutePath(joinRoutePath(outer, edge.prefix), own));
      }
    }
    visiting.delete(id);
    if (prefixes.size === 0) prefixes.add(own);
    const result = [...prefixes].map((prefix) => (prefix === '/' ? '' : prefix));
    this.prefixMemo.set(id, result);
    return result;
  }

  /** Resolves a local expression (`router`, `users.router`, an imported name) to where it is defined. */
  resolve(file: string, expression: string, depth = 0): Ref | null {
    const memoKey = `${file}\0${expression}`;
    if (this.resolved.has(memoKey)) return this.resolved.get(memoKey) as Ref | null;
    if (depth > 8) return null;
    const result = this.resolveUncached(file, expression, depth);
    this.resolved.set(memoKey, result);
    return result;
  }

  private bindingsOf(scan: FileScan): Map<string, { source: string; imported: string }> {
    let map = this.bindings.get(scan.path);
    if (!map) {
      map = new Map();
      for (const entry of scan.imports)
        for (const name of entry.names) if (!map.has(name.local)) map.set(name.local, { source: entry.source, imported: name.imported });
      this.bindings.set(scan.path, map);
    }
    return map;
  }

  private resolveUncached(file: string, expression: string, depth: number): Ref | null {
    const scan = this.byPath.get(file);
    if (!scan) return null;
    const [head = '', ...rest] = expression.split('.');
    const binding = this.bindingsOf(scan).get(head);
    let ref: Ref | null = binding ? this.resolveImport(file, binding.source, binding.imported, depth) : null;
    if (!ref) return rest.length === 0 || !binding ? { file, name: expression } : null;
    for (const [index, part] of rest.entries()) {
      if (ref.name !== '*') return { file: ref.file, name: [ref.name, ...rest.slice(index)].join('.') };
      ref = this.resolve(ref.file, part, depth + 1) ?? { file: ref.file, name: part };
    }
    return ref;
  }

  private resolveImport(file: string, source: string, imported: string, depth: number): Ref | null {
    const target = resolveModule(file, source, this.files, this.pythonFiles);
    if (imported === '*') return target ? { file: target, name: '*' } : null;
    // `from . import orders` inside a package's __init__ names a submodule, not the file itself.
    const targetScan = target && target !== file ? this.byPath.get(target) : undefined;
    if (targetScan) {
      const local = targetScan.exports[imported];
      if (local !== undefined) return this.resolve(target as string, local, depth + 1);
      if (this.bindingsOf(targetScan).has(imported)) return this.resolve(target as string, imported, depth + 1);
    }
    // Python: `from app.routers import users` imports the submodule `app/routers/users.py`.
    if (file.endsWith('.py')) {
      const submodule = resolveModule(file, `${source}${source.endsWith('.') ? '' : '.'}${imported}`, this.files, this.pythonFiles);
      if (submodule) return { file: submodule, name: '*' };
    }
    return target ? { file: target, name: imported } : null;
  }
}

function key(ref: Ref): string {
  return `${ref.file}#${ref.name}`;
}

function compareByLocation(a: { file: string; line: number; path: string }, b: { file: string; line: number; path: string }): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.path.localeCompare(b.path);
}
