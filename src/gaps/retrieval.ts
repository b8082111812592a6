import picomatch from 'picomatch';
import type { FileScan, SymbolBody } from './scanner/types.js';
import { isTestPath } from './scanner/test-paths.js';
import { canonicalStem, joinPhrases, shortFlags } from './synonyms.js';
import { isGeneric, splitWords, stem } from './words.js';
import { segment } from './segment-words.js';

export { segment };

/**
 * Ranked retrieval of the code that implements a spec item. Every definition is a document with
 * fields (its name, its doc comment, its file's path, the identifiers of its body, the file's
 * opening comment); a query term found in a field counts with that field's weight times the
 * term's rarity (idf), and a document's score is the weighted share of the query it covers, so
 * scores lie in 0..1 and one bar serves every repository (the bars are calibrated on real
 * libraries: docs/gaps.md, "How items are judged").
 */

export type FieldName = 'name' | 'doc' | 'path' | 'body' | 'file-doc' | 'title' | 'case' | 'tested';

export interface RetrievalDoc {
  label: string;
  kind: 'symbol' | 'file' | 'command' | 'test';
  file: string;
  line: number;
  /** The symbol a definition document stands for (null for files and commands). */
  symbol: string | null;
  fields: Array<{ name: FieldName; weight: number; terms: Set<string> }>;
  /** Its body, when it is a definition: what remembered evidence fingerprints. */
  body?: SymbolBody;
  /** A stub or an empty body: it names the thing but does not do it. */
  hollow: boolean;
}

export interface ScoredDoc {
  doc: RetrievalDoc;
  score: number;
  matched: string[];
  /** The field that carried most of the score: why this is evidence. */
  source: FieldName;
}

export interface RetrievalIndex {
  /** Definitions, files and commands of code that is not a test or fixture: evidence for requirements. */
  code: RetrievalDoc[];
  /** Test cases: evidence for acceptance criteria. */
  tests: RetrievalDoc[];
  idf: (term: string, pool: 'code' | 'tests') => number;
}

/** Weights per field (see docs/gaps.md): a name or doc comment says what code is for; a body only that it touches it. */
const WEIGHTS = {
  name: 1,
  doc: 0.9,
  title: 1,
  path: 0.75,
  body: 0.6,
  fileDoc: 0.5,
  /** The titles of the tests that exercise a definition: what its own tests say it does. */
  tested: 0.5,
  testPath: 0.6,
  /** A test's strings, what it feeds in and expects (`'bun remove -g eslint'`): as telling as its file name. */
  testCase: 0.6,
  testBody: 0.45,
} as const;

const FIXTURE_PATH = /(?:^|\/)(?:__fixtures__|fixtures?|__mocks__|mocks?|testdata|examples?|docs?|benchmarks?|scripts)\//;

const JOINED_PAIRS = new Set(['log in', 'log out', 'sign in', 'sign up', 'sign out', 'real time']);

/** Stems of code text (identifiers, paths, comments) with synonyms folded in. */
export function codeTermsOf(text: string, vocabulary?: ReadonlySet<string>): Set<string> {
  const terms = new Set<string>(shortFlags(text));
  const words = splitWords(text);
  words.forEach((word, i) => {
    // `signIn`, `log_out`: the spec's "sign in" is read as one word (synonyms.ts), so is the code's.
    const next = words[i + 1];
    if (next && JOINED_PAIRS.has(`${word} ${next}`)) terms.add(stem(word + next));
  });
  for (const word of words) {
    if (word.length < 2 || /^\d/.test(word)) continue;
    terms.add(canonicalStem(stem(word)));
    if (vocabulary && word.length >= 7 && !vocabulary.has(word))
      for (const part of segment(word, vocabulary)) terms.add(canonicalStem(stem(part)));
  }
  return terms;
}

/** Words the repository writes as words: in comments and docstrings, and parts of names split by case or underscores. */
function vocabularyOf(scans: readonly FileScan[]): Set<string> {
  const vocabulary = new Set<string>();
  const add = (text: string | undefined): void => {
    // A call in a doc's example (`>>> naturalsize(3000)`) writes a name, not a word.
    if (text) for (const word of splitWords(text.replace(/[\w.]+\(/g, ' '))) if (word.length >= 2 && !/\d/.test(word)) vocabulary.add(word);
  };
  // Long parts of names are left out: `test_naturalsize` must not teach that `naturalsize` is a word.
  const addShort = (text: string): void => {
    for (const word of splitWords(text)) if (word.length >= 2 && word.length < 7 && !/\d/.test(word)) vocabulary.add(word);
  };
  for (const scan of scans) {
    add(scan.fileDoc);
    for (const body of scan.symbolBodies ?? []) add(body.doc);
    for (const symbol of scan.symbols) if (/[A-Z_]/.test(symbol.name.slice(1))) addShort(symbol.name);
    for (const test of scan.tests) addShort(test.name);
  }
  return vocabulary;
}

const QUERY_STOPWORDS = new Set(
  (
    'a an the and or of for to in on at by with from into onto via as is are be been being it its this that these those which who ' +
    'what when where while than then there their them they we you your our us not no nor so such all any each every both either ' +
    'some more most other own same only just also very can could should would will shall may might must do does did done has have ' +
    'had having get gets got use uses used using make makes made per if else up out over under about after before again once here ' +
    'how why e g i eg ie etc new correctly properly successfully automatically fully ensure ensures able work works given ' +
    'like such one two three many much way ways returns return returned thing things allow allows against helpful various ' +
    'proper appropriate possible correct handle handles handled respect respects respected behave behaves expected ' +
    'through was were'
  ).split(/\s+/),
);

/** Words after which a requirement qualifies its head ("Chunk file lists | under the OS argument limit"). */
const QUALIFIER =
  /\s+(?:for|to|that|which|with|so|by|via|using|including|from|into|against|when|across|under|on|in|at|while|before|after|as|such as|like|without|unless|per)\s+|[(:;—–]|\s-\s/i;

/** Query terms of an item's head, the words naming the thing; they weigh more than the qualifiers. */
export function headTerms(text: string): Set<string> {
  const head = text.split(QUALIFIER)[0] ?? text;
  return new Set(queryTerms(head));
}

/** Head terms count this much more than the rest. */
export const HEAD_WEIGHT = 1.6;

/** The terms of a spec item's text, in order, deduplicated: stopwords, numbers and vague words out, synonyms folded. */
export function queryTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of splitWords(joinPhrases(text.replace(/`/g, ' ')))) {
    if (QUERY_STOPWORDS.has(word) || /\d/.test(word) || word.length < 2) continue;
    const term = canonicalStem(stem(word));
    if (isGeneric(term) || terms.includes(term)) continue;
    terms.push(term);
  }
  for (const flag of shortFlags(text)) if (!terms.includes(flag)) terms.push(flag);
  return terms;
}

const PATH_NOISE = new Set([
  'src',
  'lib',
  'index',
  'ts',
  'tsx',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'py',
  'init',
  'main',
  'test',
  'tests',
  'spec',
  'app',
]);

function pathTerms(path: string): Set<string> {
  const terms = codeTermsOf(path.replace(/\.[^./]+$/, ''));
  for (const noise of PATH_NOISE) terms.delete(noise);
  return terms;
}

function bodyWeight(body: SymbolBody | undefined, base: number): number {
  // BM25's length normalisation, coarsely: a long body touches many words, each says less.
  const size = body?.terms.length ?? 0;
  return size <= 60 ? base : Math.max(base / 2, base * Math.sqrt(60 / size));
}

export function isEvidencePath(path: string): boolean {
  return !isTestPath(path) && !FIXTURE_PATH.test(path) && !/(?:^|\/)conftest\.py$/.test(path);
}

/**
 * `specText`: the spec items' prose. Its words are words the team writes too, so a run-together
 * name splits on them (`healthcheck` → health, check when the spec says "Health check").
 */
export function buildRetrievalIndex(scanList: Iterable<FileScan>, specText = ''): RetrievalIndex {
  const scans = [...scanList];
  const vocabulary = vocabularyOf(scans);
  for (const word of splitWords(specText)) if (word.length >= 3 && !/\d/.test(word) && !QUERY_STOPWORDS.has(word)) vocabulary.add(word);
  // The same identifiers recur in thousands of bodies: split, stem and segment each once.
  const memo = new Map<string, Set<string>>();
  const codeTerms = (text: string): Set<string> => {
    let terms = memo.get(text);
    if (!terms) memo.set(text, (terms = codeTermsOf(text, vocabulary)));
    return new Set(terms);
  };
  const code: RetrievalDoc[] = [];
  const tests: RetrievalDoc[] = [];
  const testedBy = testTitlesByName(scans);
  for (const scan of scans) {
    const path = pathTerms(scan.path);
    const fileDoc = scan.fileDoc ? codeTerms(scan.fileDoc) : new Set<string>();
    if (isEvidencePath(scan.path)) {
      const firstOfFile = code.length;
      const stubbed = new Set(scan.stubs.map((stub) => stub.name).filter((name): name is string => Boolean(name)));
      const names = new Set<string>();
      scan.symbols.forEach((symbol, i) => {
        const body = scan.symbolBodies?.[i];
        const nameTerms = codeTerms(symbol.name);
        for (const term of nameTerms) if (symbol.exported || symbol.kind === 'class') names.add(term);
        const fields: RetrievalDoc['fields'] = [
          { name: 'name', weight: WEIGHTS.name, terms: nameTerms },
          { name: 'doc', weight: WEIGHTS.doc, terms: body?.doc ? codeTerms(body.doc) : new Set() },
          { name: 'path', weight: WEIGHTS.path, terms: path },
          {
            name: 'body',
            weight: bodyWeight(body, WEIGHTS.body),
            terms: new Set(body ? body.terms.flatMap((t) => [...codeTerms(t)]) : []),
          },
          { name: 'file-doc', weight: WEIGHTS.fileDoc, terms: fileDoc },
        ];
        if (symbol.container) fields.push({ name: 'name', weight: WEIGHTS.path, terms: codeTerms(symbol.container) });
        const titles = !symbol.container && (symbol.exported || symbol.kind === 'class') ? testedBy.get(symbol.name) : undefined;
        if (titles) {
          const terms = new Set([...titles].flatMap((title) => [...codeTerms(title)]));
          fields.push({ name: 'tested', weight: bodyWeight({ terms: [...terms] } as SymbolBody, WEIGHTS.tested), terms });
        }
        // A stub as the scanner sees one (not-implemented, pass, an empty body); a tiny body is not one.
        const hollow = stubbed.has(symbol.name);
        code.push({
          label: symbol.container ? `${symbol.container}.${symbol.name}` : symbol.name,
          kind: 'symbol',
          file: scan.path,
          line: symbol.line,
          symbol: symbol.name,
          fields,
          ...(body ? { body } : {}),
          hollow,
        });
      });
      for (const command of scan.commands) {
        code.push({
          label: `command ${command.name}`,
          kind: 'command',
          file: scan.path,
          line: command.line,
          symbol: null,
          fields: [
            { name: 'name', weight: WEIGHTS.name, terms: new Set([...codeTerms(command.name), canonicalStem(stem('command')), 'cli']) },
            { name: 'path', weight: WEIGHTS.path, terms: path },
          ],
          hollow: false,
        });
      }
      // The module as a whole: a requirement is often met by a file of several small functions.
      const allNames = new Set<string>();
      const allDocs = new Set<string>();
      const allBodies = new Set<string>();
      let hollowCount = 0;
      let functions = 0;
      for (const doc of code.slice(firstOfFile)) {
        for (const field of doc.fields) {
          const into = field.name === 'name' ? allNames : field.name === 'doc' ? allDocs : field.name === 'body' ? allBodies : null;
          if (into) for (const term of field.terms) into.add(term);
        }
        if (doc.kind === 'symbol') functions++;
        if (doc.hollow) hollowCount++;
      }
      for (const token of scan.fileTerms ?? []) for (const term of codeTerms(token)) allBodies.add(term);
      code.push({
        label: scan.path,
        kind: 'file',
        file: scan.path,
        line: 1,
        symbol: null,
        fields: [
          { name: 'path', weight: WEIGHTS.name * 0.9, terms: path },
          { name: 'file-doc', weight: WEIGHTS.doc, terms: fileDoc },
          { name: 'name', weight: WEIGHTS.name * 0.85, terms: allNames },
          { name: 'doc', weight: WEIGHTS.doc * 0.8, terms: allDocs },
          { name: 'body', weight: bodyWeight({ terms: [...allBodies] } as SymbolBody, WEIGHTS.body * 0.85), terms: allBodies },
        ],
        hollow: hollowCount > 0 && hollowCount >= functions,
      });
    } else {
      const testPath = pathTerms(scan.path.split('/').pop() ?? scan.path);
      // `test/nun/npm.spec.ts`: the folder often names what its tests are about.
      const testFolders = pathTerms(scan.path.split('/').slice(0, -1).join('/'));
      scan.tests.forEach((test, i) => {
        if (test.group && scan.tests.some((other) => other.parents.includes(test.name))) return;
        const body = scan.testBodies?.[i];
        const title = [...test.parents, test.name, test.checks ?? ''].join(' ');
        const literals = new Set((body?.literals ?? []).flatMap((text) => [...codeTerms(text)]));
        tests.push({
          label: [...test.parents, test.name].join(' › '),
          kind: 'test',
          file: scan.path,
          line: test.line,
          symbol: test.name,
          fields: [
            { name: 'title', weight: WEIGHTS.title, terms: codeTerms(title) },
            { name: 'case', weight: bodyWeight({ terms: [...literals] } as SymbolBody, WEIGHTS.testCase), terms: literals },
            { name: 'path', weight: WEIGHTS.testPath, terms: testPath },
            { name: 'path', weight: WEIGHTS.testBody, terms: testFolders },
            {
              name: 'body',
              weight: bodyWeight(body, WEIGHTS.testBody),
              terms: new Set(body ? body.terms.flatMap((t) => [...codeTerms(t)]) : []),
            },
          ],
          hollow: false,
        });
      });
    }
  }
  const frequencies = { code: documentFrequency(code), tests: documentFrequency(tests) };
  const sizes = { code: code.length, tests: tests.length };
  return {
    code,
    tests,
    // A term no document holds is the spec's own wording ("describe", "convert"): it still
    // counts (missing it must cost something), at a share of what a rare code word counts.
    idf: (term, pool) => {
      const count = frequencies[pool].get(term) ?? 0;
      const idf = Math.log(1 + (sizes[pool] + 1) / (count + 0.5));
      if (count > 0) return idf;
      // A criterion word no test uses but the code does ("cancel") is what a missing test looks
      // like; one that neither uses ("finds", "project") is the spec's own wording.
      return pool === 'code' || !frequencies.code.has(term) ? idf * ABSENT_TERM_SHARE : idf;
    },
  };
}

/**
 * Exported names → the titles of the tests that exercise them: a test file's imported names (or,
 * with a namespace or module import, any name) its test uses, directly or through a helper of the
 * test file (`it('script', _('dev', 'npm run dev'))`, where `_` calls `parseNr`). A name that more
 * than one definition of the code carries is left out: which one is tested is not known.
 */
function testTitlesByName(scans: readonly FileScan[]): Map<string, Set<string>> {
  const defined = new Map<string, number>();
  for (const scan of scans)
    if (isEvidencePath(scan.path))
      for (const symbol of scan.symbols) if (!symbol.container) defined.set(symbol.name, (defined.get(symbol.name) ?? 0) + 1);
  const titles = new Map<string, Set<string>>();
  for (const scan of scans) {
    if (isEvidencePath(scan.path) || scan.tests.length === 0) continue;
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
      for (const token of used) {
        const name = imported.get(token) ?? (namespace ? token : undefined);
        if (!name || defined.get(name) !== 1) continue;
        let set = titles.get(name);
        if (!set) titles.set(name, (set = new Set()));
        set.add([...test.parents, test.name].join(' '));
      }
    });
  }
  return titles;
}

function documentFrequency(docs: readonly RetrievalDoc[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set<string>();
    for (const field of doc.fields) for (const term of field.terms) seen.add(term);
    for (const term of seen) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  return frequency;
}

/** What a term found nowhere in the pool weighs, as a share of its idf. */
export const ABSENT_TERM_SHARE = 0.3;

/** A hollow definition (a stub, an empty body) counts for this share of its score. */
export const HOLLOW_FACTOR = 0.5;

export function scoreDoc(doc: RetrievalDoc, terms: readonly string[], weightOf: (term: string) => number): ScoredDoc {
  let total = 0;
  let got = 0;
  const matched: string[] = [];
  const bySource = new Map<FieldName, number>();
  for (const term of terms) {
    const weight = weightOf(term);
    total += weight;
    let best = 0;
    let source: FieldName | null = null;
    for (const field of doc.fields) {
      if (field.weight > best && field.terms.has(term)) {
        best = field.weight;
        source = field.name;
      }
    }
    if (source) {
      got += weight * best;
      matched.push(term);
      bySource.set(source, (bySource.get(source) ?? 0) + weight * best);
    }
  }
  const raw = total === 0 ? 0 : got / total;
  const score = Math.round((doc.hollow ? raw * HOLLOW_FACTOR : raw) * 1000) / 1000;
  const source = [...bySource].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'name';
  return { doc, score, matched, source };
}

/** Documents ranked by score (ties: definitions before files, then path and line, for determinism). */
export function rank(docs: readonly RetrievalDoc[], terms: readonly string[], weightOf: (term: string) => number, limit = 8): ScoredDoc[] {
  const kindOrder = { symbol: 0, command: 1, test: 2, file: 3 } as const;
  return docs
    .map((doc) => scoreDoc(doc, terms, weightOf))
    .filter((scored) => scored.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        kindOrder[a.doc.kind] - kindOrder[b.doc.kind] ||
        a.doc.file.localeCompare(b.doc.file) ||
        a.doc.line - b.doc.line,
    )
    .slice(0, limit);
}

/** The files a feature's `Files:` list names, as repository paths (exact, by suffix, by glob, or a folder). */
export function featureFiles(
  specFiles: readonly string[],
  files: readonly string[],
  resolve: (path: string) => string | null,
): Set<string> {
  const own = new Set<string>();
  for (const raw of specFiles) {
    const wanted = raw
      .replace(/^\.?\//, '')
      .replace(/`/g, '')
      .trim();
    if (/[*?[{]/.test(wanted)) {
      const matcher = picomatch(wanted, { dot: true });
      for (const file of files) if (matcher(file)) own.add(file);
      continue;
    }
    if (wanted.endsWith('/')) {
      for (const file of files) if (file.startsWith(wanted)) own.add(file);
      continue;
    }
    const found = resolve(wanted);
    if (found) own.add(found);
  }
  return own;
}
