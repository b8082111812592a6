import { definitionsByName } from './definitions-by-name.js';
import { PASSPORT } from './scanner/passport-names.js';
import type { FileScan } from './scanner/types.js';

// What a remembered definition calls: deleting that while the call stays leaves the requirement broken.

/** A definition of another place that a remembered definition uses (`create_access_token` for the login handler). */
export interface EvidenceUse {
  name: string;
  /** The one file that defined it when the evidence was recorded. */
  file: string;
  /** For a method called through its class (`UserController.create(data)`): the class. */
  container?: string;
  /** For a strategy asked for through a guard class (`JwtRefreshGuard` → `passport:jwt-refresh`): the guard. */
  via?: string;
}

/** Uses kept per record: enough for a handler's helpers, few enough to keep the manifest small. */
const MAX_USES = 8;
/** Shorter names (`id`, `get`) are too common to say which definition is meant. */
const MIN_NAME_LENGTH = 4;

/**
 * The functions, classes and methods that the body of `symbol` in `scan` names and that exactly
 * one definition in the repository carries (a name defined twice cannot tell which one is used).
 */
export function usesOf(scan: FileScan, symbolIndex: number, scans: ReadonlyMap<string, FileScan>): EvidenceUse[] {
  const symbol = scan.symbols[symbolIndex];
  const body = scan.symbolBodies?.[symbolIndex];
  if (!symbol || !body) return [];
  const byName = definitionsByName(scans);
  const requires = body.requires ?? [];
  const terms = new Set([...body.terms, ...requires]);
  const uses: EvidenceUse[] = strategyUses(requires, scans);
  for (const term of [...body.terms, ...requires.filter((name) => !name.startsWith(PASSPORT))]) {
    if (uses.length >= MAX_USES) break;
    if (term === symbol.name || term.length < MIN_NAME_LENGTH) continue;
    const instanceOf = instanceClass(byName, term);
    if (instanceOf) {
      // `this.communitiesService.create(dto)`: an instance named after its class (NestJS injection).
      for (const method of methodsOf(byName, instanceOf, terms)) if (uses.length < MAX_USES) uses.push(method);
      continue;
    }
    const definitions = byName.get(term);
    if (definitions?.length !== 1) continue;
    const [definition] = definitions as [NonNullable<typeof definitions>[number]];
    if (definition.kind === 'variable' || definition.kind === 'type') continue;
    // Its own methods are part of the record's body, not something it depends on.
    if (definition.container === symbol.name && definition.file === scan.path) continue;
    if (definition.kind === 'class') {
      // `UserController.create(data)`: a method whose name alone is common, named with its class.
      for (const method of methodsOf(byName, term, terms)) if (uses.length < MAX_USES) uses.push(method);
    }
    if (uses.length < MAX_USES && definition.kind !== 'method') {
      uses.push({ name: term, file: definition.file });
      // A guard class that asks for a strategy by name: the handler needs that strategy too.
      if (definition.kind === 'class')
        for (const use of strategyUses(classRequires(scans, definition.file, term), scans)) uses.push({ ...use, via: term });
    } else if (uses.length < MAX_USES && definition.container && namesClass(terms, definition.container))
      uses.push({ name: term, file: definition.file });
  }
  return uses;
}

/** The Passport strategies among `requires` that exactly one file provides, as uses of that file. */
function strategyUses(requires: readonly string[], scans: ReadonlyMap<string, FileScan>): EvidenceUse[] {
  const wanted = requires.filter((name) => name.startsWith(PASSPORT));
  if (wanted.length === 0) return [];
  const providers = providersOf(scans);
  return wanted.flatMap((name) => {
    const files = providers.get(name);
    return files?.length === 1 ? [{ name, file: files[0] as string }] : [];
  });
}

const providerMaps = new WeakMap<ReadonlyMap<string, FileScan>, Map<string, string[]>>();

/** Strategy name → the files that provide it, once per set of scans. */
function providersOf(scans: ReadonlyMap<string, FileScan>): Map<string, string[]> {
  let providers = providerMaps.get(scans);
  if (providers) return providers;
  providers = new Map();
  for (const scan of scans.values())
    for (const name of scan.provides ?? []) {
      const files = providers.get(name);
      if (files) files.push(scan.path);
      else providers.set(name, [scan.path]);
    }
  providerMaps.set(scans, providers);
  return providers;
}

/** What class `name` of `file` asks for on its definition line and decorators. */
function classRequires(scans: ReadonlyMap<string, FileScan>, file: string, name: string): string[] {
  const scan = scans.get(file);
  const at = scan?.symbols.findIndex((symbol) => symbol.name === name && symbol.kind === 'class') ?? -1;
  return at >= 0 ? (scan?.symbolBodies?.[at]?.requires ?? []) : [];
}

/** The class an instance name stands for (`communitiesService` → `CommunitiesService`), when one class has that name. */
function instanceClass(byName: ReturnType<typeof definitionsByName>, term: string): string | null {
  if (!/^[a-z]/.test(term) || byName.has(term)) return null;
  const className = term.charAt(0).toUpperCase() + term.slice(1);
  const definitions = byName.get(className);
  return definitions?.length === 1 && definitions[0]?.kind === 'class' ? className : null;
}

/** The body names the class, or an instance named after it (`this.authService` for `AuthService`). */
function namesClass(terms: ReadonlySet<string>, className: string): boolean {
  return terms.has(className) || terms.has(className.charAt(0).toLowerCase() + className.slice(1));
}

/** Methods of `className` that the body names, with their class (defined in one file). */
function methodsOf(byName: ReturnType<typeof definitionsByName>, className: string, terms: ReadonlySet<string>): EvidenceUse[] {
  const uses: EvidenceUse[] = [];
  for (const term of terms) {
    if (term.length < 3) continue;
    const methods = (byName.get(term) ?? []).filter((definition) => definition.container === className);
    if (methods.length === 1 && (byName.get(term)?.length ?? 0) > 1)
      uses.push({ name: term, file: (methods[0] as { file: string }).file, container: className });
  }
  return uses;
}

/** Module specifiers of the repository's own code: relative, or through a root alias (`@/lib/db`, `~/utils`). */
const OWN_MODULE = /^(?:\.|@\/|~\/)/;

/**
 * What a whole file remembered as evidence imports from the repository's own modules by name
 * (`import { dump, load } from '../storage'`), when one definition carries the name.
 */
export function importedUses(scan: FileScan, scans: ReadonlyMap<string, FileScan>): EvidenceUse[] {
  const byName = definitionsByName(scans);
  const uses: EvidenceUse[] = [];
  for (const name of importedNames(scan)) {
    const definitions = byName.get(name);
    if (definitions?.length !== 1 || definitions[0]?.file === scan.path) continue;
    uses.push({ name, file: (definitions[0] as { file: string }).file });
    if (uses.length >= MAX_USES) break;
  }
  return uses;
}

/** The names a file imports by name from the repository's own modules. */
export function importedNames(scan: FileScan): Set<string> {
  const names = new Set<string>();
  for (const entry of scan.imports) {
    if (!OWN_MODULE.test(entry.source)) continue;
    for (const { imported } of entry.names)
      if (imported !== 'default' && imported !== '*' && imported.length >= MIN_NAME_LENGTH) names.add(imported);
  }
  return names;
}

/** Handlers a route passes by name that one definition of the repository carries (`getTopProducts`). */
export function handlerUses(names: readonly string[], scans: ReadonlyMap<string, FileScan>): EvidenceUse[] {
  const byName = definitionsByName(scans);
  return names.flatMap((name) => {
    const definitions = byName.get(name);
    if (definitions?.length !== 1 || (definitions[0] as { kind: string }).kind === 'type') return [];
    return [{ name, file: (definitions[0] as { file: string }).file }];
  });
}

/**
 * The uses of a remembered definition whose definition is gone from every scanned file while the
 * definition still names them: the call is left dangling. `calls` is the record's current body
 * terms, or null when its file was not scanned (a staged check reads only the touched files; an
 * untouched caller still calls what it called). With `only`, just uses defined in those files count.
 */
export function danglingUses(
  uses: readonly EvidenceUse[],
  calls: ReadonlySet<string> | null,
  scans: ReadonlyMap<string, FileScan>,
  only?: ReadonlySet<string>,
): EvidenceUse[] {
  const byName = definitionsByName(scans);
  return uses.filter((use) => {
    if (only && !only.has(use.file)) return false;
    if (calls && !calls.has(use.via ?? use.name)) return false;
    if (use.name.startsWith(PASSPORT)) return !providersOf(scans).get(use.name)?.length;
    const definitions = byName.get(use.name) ?? [];
    return use.container ? !definitions.some((definition) => definition.container === use.container) : definitions.length === 0;
  });
}
