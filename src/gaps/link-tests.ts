import type { FileScan } from './scanner/types.js';

/** Which definitions each test exercises, both ways round. */
export interface TestLinks {
  /** A definition's name → the titles (describe blocks included) of the tests that exercise it. */
  titlesOf: Map<string, Set<string>>;
  /** `path` and test index → the names of the definitions that test exercises. */
  exercised: (path: string, test: number) => readonly string[];
  /** A definition's name → its doc comment or docstring, when it has one. */
  docOf: Map<string, string>;
}

/**
 * A test exercises the exported names its test file imports (or, with a namespace or module
 * import, any name) that it uses, directly or through a helper of the test file
 * (`it('script', _('dev', 'npm run dev'))`, where `_` calls `parseNr`). A name that more than one
 * definition of the code carries is left out: which one is tested is not known.
 */
export function linkTests(scans: readonly FileScan[], isEvidence: (path: string) => boolean): TestLinks {
  const defined = new Map<string, number>();
  const docOf = new Map<string, string>();
  for (const scan of scans) {
    if (!isEvidence(scan.path)) continue;
    scan.symbols.forEach((symbol, i) => {
      if (symbol.container) return;
      defined.set(symbol.name, (defined.get(symbol.name) ?? 0) + 1);
      const doc = scan.symbolBodies?.[i]?.doc;
      if (doc) docOf.set(symbol.name, doc);
    });
  }
  const titlesOf = new Map<string, Set<string>>();
  const byTest = new Map<string, string[]>();
  for (const scan of scans) {
    if (isEvidence(scan.path) || scan.tests.length === 0) continue;
    const imported = new Map<string, string>();
    let namespace = false;
    for (const entry of scan.imports)
      for (const { local, imported: name } of entry.names) {
        if (name === '*') namespace = true;
        else if (name !== 'default') imported.set(local, name);
      }
    const helpers = new Map<string, readonly string[]>();
    scan.symbols.forEach((symbol, i) => helpers.set(symbol.name, scan.symbolBodies?.[i]?.terms ?? []));
    scan.tests.forEach((test, i) => {
      if (test.group) return;
      const used = new Set(scan.testBodies?.[i]?.terms ?? []);
      for (const token of [...used]) for (const inner of helpers.get(token) ?? []) used.add(inner);
      const names: string[] = [];
      for (const token of used) {
        const name = imported.get(token) ?? (namespace ? token : undefined);
        if (!name || defined.get(name) !== 1 || names.includes(name)) continue;
        names.push(name);
        let set = titlesOf.get(name);
        if (!set) titlesOf.set(name, (set = new Set()));
        set.add([...test.parents, test.name].join(' '));
      }
      if (names.length > 0) byTest.set(`${scan.path}#${i}`, names);
    });
  }
  for (const name of docOf.keys()) if (defined.get(name) !== 1) docOf.delete(name);
  return { titlesOf, exercised: (path, test) => byTest.get(`${path}#${test}`) ?? [], docOf };
}
