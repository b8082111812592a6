import type { FileScan, RawCall, RawClientDecl } from './types.js';
import { normalizeRoutePath } from './route-path.js';
import { applyWrapper } from './apply-wrapper.js';

/** A client call to an HTTP endpoint; `external` calls go to another host. */
export interface ClientCall {
  method: string | null;
  path: string;
  file: string;
  line: number;
  external: boolean;
  /** A tRPC procedure call (`post.byId`). */
  procedure?: string;
  /** A navigation or link: credits an endpoint, never an unserved call. */
  soft?: boolean;
}

/** Where a local name of a file is defined (the linker's resolution of imports). */
export type ResolveName = (file: string, expression: string) => { file: string; name: string } | null;

/** Wrappers forward to wrappers: `httpGet → request → fetch` and deeper, up to this many links. */
const MAX_DEPTH = 8;

/**
 * The calls of every file, with what one file cannot know alone resolved: calls through an
 * imported axios/ky/hc instance (`export { httpClient }`), through wrappers of other modules and
 * wrappers of wrappers, and through request functions a hook returns (`const { get } = useApi()`).
 */
export function linkCalls(byPath: ReadonlyMap<string, FileScan>, resolve: ResolveName): ClientCall[] {
  const linker = new CallLinker(byPath, resolve);
  const calls: ClientCall[] = [];
  for (const scan of byPath.values()) {
    for (const call of scan.calls) {
      const resolved = call.via === null ? call : linker.through(scan.path, call.via, call, 0);
      if (!resolved) continue;
      calls.push({
        method: resolved.method,
        path: resolved.path,
        file: scan.path,
        line: resolved.line,
        external: resolved.external,
        ...(resolved.procedure ? { procedure: resolved.procedure } : {}),
        ...(resolved.soft ? { soft: true } : {}),
      });
    }
  }
  return calls.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.path.localeCompare(b.path));
}

class CallLinker {
  constructor(
    private readonly byPath: ReadonlyMap<string, FileScan>,
    private readonly resolve: ResolveName,
  ) {}

  /** The call `call` made through the name `via` of `file`: a client instance or a wrapper, followed to fetch. */
  through(file: string, via: string, call: RawCall, depth: number): RawCall | null {
    if (depth > MAX_DEPTH) return null;
    const ref = this.resolve(file, via);
    const target = ref && this.byPath.get(ref.file);
    if (!ref || !target) return null;
    const client = findByName(target.clients, ref.name);
    if (client) return throughClient(client, call);
    const wrapper = findByName(target.wrappers, ref.name);
    if (!wrapper) return null;
    if (!wrapper.via) return applyWrapper(wrapper, call);
    if (call.argIndex !== wrapper.urlParam) return null;
    const method = wrapper.method.kind === 'fixed' ? wrapper.method.value : call.method;
    const forwarded: RawCall = {
      ...call,
      argIndex: wrapper.forwardArg ?? 0,
      method,
      path: normalizeRoutePath(`${wrapper.prefix}${call.path === '/' ? '' : call.path}`),
    };
    return this.through(ref.file, wrapper.via, forwarded, depth + 1);
  }
}

function throughClient(client: RawClientDecl, call: RawCall): RawCall | null {
  if (call.method === null && call.argIndex !== 0) return null;
  const path = call.external ? call.path : normalizeRoutePath(`${client.prefix}${call.path === '/' ? '' : call.path}`);
  return { ...call, via: null, path, method: call.method ?? 'GET', external: call.external || client.external };
}

function findByName<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  for (const item of list) if (item.name === name) return item;
  return undefined;
}
