import type { FileScan, SymbolKind } from './scanner/types.js';

// One name → definitions map per set of scans: every record of a run asks it (twins, dependencies).

export interface Definition {
  file: string;
  kind: SymbolKind;
  /** The class a method belongs to. */
  container?: string;
}

const built = new WeakMap<ReadonlyMap<string, FileScan>, Map<string, Definition[]>>();

/** Every definition of the scans by name, built once per scans map. */
export function definitionsByName(scans: ReadonlyMap<string, FileScan>): ReadonlyMap<string, readonly Definition[]> {
  let byName = built.get(scans);
  if (byName) return byName;
  byName = new Map();
  for (const scan of scans.values())
    for (const symbol of scan.symbols) {
      const definitions = byName.get(symbol.name);
      const definition: Definition = { file: scan.path, kind: symbol.kind, ...(symbol.container ? { container: symbol.container } : {}) };
      if (definitions) definitions.push(definition);
      else byName.set(symbol.name, [definition]);
    }
  built.set(scans, byName);
  return byName;
}
