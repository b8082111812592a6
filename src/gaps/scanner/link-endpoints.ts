import type { FileScan } from './types.js';
import { joinRoutePath } from './route-path.js';
import { resolveModule } from './resolve-module.js';
import { linkCalls, type ClientCall } from './link-calls.js';

export type { ClientCall } from './link-calls.js';

/** A served HTTP endpoint, normalised (`method` is `*` for any method). */
export interface Endpoint {
  method: string;
  path: string;
  file: string;
  line: number;
}

interface Ref {
  file: string;
  name: string;
}

/**
 * Resolves what one file cannot know alone: router prefixes mounted in other files
 * (`app.use('/api', users)`, `include_router(prefix=)`, `register_blueprint(url_prefix=)`,
 * `fastify.register(plugin, {prefix})`), and calls through imported clients and wrappers.
 */
export function linkEndpoints(scans: readonly FileScan[]): { endpoints: Endpoint[]; calls: ClientCall[] } {
  const linker = new Linker(scans);
  return { endpoints: linker.endpoints(), calls: linker.calls() };
}

class Linker {
  private readonly byPath = new Map<string, FileScan>();
  private readonly files: Set<string>;
  private readonly pythonFiles: string[];
  private readonly incoming = new Map<string, Array<{ owner: string; prefix: string; replaces: boolean }>>();
  private readonly ownPrefix = new Map<string, string>();
  private readonly globalPrefix: string;
  private readonly bindings = new Map<string, Map<string, { source: string; imported: string }>>();
  private readonly resolved = new Map<string, Ref | null>();
  private readonly prefixMemo = new Map<string, string[]>();

  constructor(scans: readonly FileScan[]) {
    for (const scan of scans) this.byPath.set(scan.path, scan);
    this.files = new Set(this.byPath.keys());
    this.pythonFiles = [...this.files].filter((file) => file.endsWith('.py'));
    this.globalPrefix = scans.find((scan) => scan.globalPrefix)?.globalPrefix ?? '';
    for (const scan of scans) {
      for (const router of scan.routers) this.ownPrefix.set(key({ file: scan.path, name: router.name }), router.prefix);
      for (const mount of scan.mounts) {
        const owner = this.resolve(scan.path, mount.owner);
        const target = this.resolve(scan.path, mount.target);
        if (!owner || !target) continue;
        const list = this.incoming.get(key(target)) ?? [];
        list.push({ owner: key(owner), prefix: mount.prefix, replaces: Boolean(mount.replacesPrefix) });
        this.incoming.set(key(target), list);
      }
    }
  }

  endpoints(): Endpoint[] {
    const seen = new Set<string>();
    const endpoints: Endpoint[] = [];
    for (const scan of this.byPath.values()) {
      for (const route of scan.routes) {
        let prefixes = [''];
        if (route.owner === '@nest') prefixes = [this.globalPrefix];
        else if (route.owner) {
          const ref = this.resolve(scan.path, route.owner) ?? { file: scan.path, name: route.owner };
          prefixes = this.prefixesOf(key(ref), new Set());
        }
        for (const prefix of prefixes) {
          const endpoint = { method: route.method, path: joinRoutePath(prefix, route.path), file: scan.path, line: route.line };
          const id = `${endpoint.method} ${endpoint.path} ${endpoint.file}:${endpoint.line}`;
          if (seen.has(id)) continue;
          seen.add(id);
          endpoints.push(endpoint);
        }
      }
    }
    return endpoints.sort(compareByLocation);
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
      for (const outer of this.prefixesOf(edge.owner, visiting)) {
        prefixes.add(edge.replaces ? joinRoutePath(outer, edge.prefix) : joinRoutePath(joinRoutePath(outer, edge.prefix), own));
      }
    }
    visiting.delete(id);
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
    for (const part of rest) {
      if (ref.name !== '*') return { file: ref.file, name: [ref.name, ...rest].join('.') };
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
