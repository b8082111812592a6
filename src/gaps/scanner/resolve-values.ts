import type { FileScan, ValueExpr } from './types.js';

/** Where a name is defined: a file and a dotted name in it (`*` for the module itself). */
export interface ValueRef {
  file: string;
  name: string;
}

export interface ResolvedValue {
  value: string;
  /** The names that had no value (their part is left out of `value`). */
  unresolved: string[];
}

/**
 * Evaluates value expressions (`FileScan.values`, prefixes and paths given as names) across
 * modules. `locate` follows a local name through imports and re-exports to the file that
 * defines it (the linker's resolver); this class follows aliases and attributes inside a file:
 * `settings.API_V1_STR` → `settings = Settings()` → `Settings.API_V1_STR = "/api/v1"`.
 * Memoised per (file, name); a name met again while it is being evaluated has no value.
 */
export class ValueResolver {
  private readonly memo = new Map<string, string | null>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly byPath: ReadonlyMap<string, FileScan>,
    private readonly locate: (file: string, name: string) => ValueRef | null,
  ) {}

  evaluate(file: string, expr: ValueExpr): ResolvedValue {
    const unresolved: string[] = [];
    let value = '';
    for (const part of expr) {
      if (typeof part === 'string') {
        value += part;
        continue;
      }
      const resolved = this.valueOf(file, part.ref);
      if (resolved === null) unresolved.push(part.ref);
      else value += resolved;
    }
    return { value, unresolved };
  }

  /** The string a local dotted name holds, or null when it cannot be known from the code. */
  valueOf(file: string, name: string): string | null {
    const id = `${file}\0${name}`;
    const memo = this.memo.get(id);
    if (memo !== undefined) return memo;
    if (this.visiting.has(id) || this.visiting.size > 64) return null;
    this.visiting.add(id);
    let result: string | null;
    try {
      result = this.compute(file, name);
    } finally {
      this.visiting.delete(id);
    }
    this.memo.set(id, result);
    return result;
  }

  private compute(file: string, name: string): string | null {
    const values = this.byPath.get(file)?.values;
    const own = values?.[name];
    if (own) return this.complete(file, own);
    // An alias on the way: `settings.API_V1_STR` where `settings = Settings()` (or `cfg = config`).
    const parts = name.split('.');
    for (let i = parts.length - 1; i >= 1; i--) {
      const alias = values?.[parts.slice(0, i).join('.')];
      const target = alias?.length === 1 ? alias[0] : undefined;
      if (target !== undefined && typeof target !== 'string') return this.valueOf(file, [target.ref, ...parts.slice(i)].join('.'));
    }
    // Defined in another module (an import, a re-export). `get_settings().X`: locate the function, then read its result there.
    const call = /^([^.]+)\(\)(.*)$/.exec(name);
    const ref = this.locate(file, call ? (call[1] as string) : name);
    if (!ref || ref.name === '*') return null;
    const target = call ? `${ref.name}()${call[2] as string}` : ref.name;
    if (ref.file === file && target === name) return null;
    return this.valueOf(ref.file, target);
  }

  private complete(file: string, expr: ValueExpr): string | null {
    const result = this.evaluate(file, expr);
    return result.unresolved.length > 0 ? null : result.value;
  }
}
