import picomatch from 'picomatch';
import type { FileScan } from './scanner/types.js';
import { isTestPath } from './scanner/test-paths.js';
import { canonicalStem, joinPhrases, shortFlags } from './synonyms.js';
import { isGeneric, splitWords, stem } from './words.js';
import { segment } from './segment-words.js';
import { linkTests } from './link-tests.js';
import {
  bodyWeight,
  codeTermsOf,
  NO_TERMS,
  pathTerms,
  sizeWeight,
  termsOfAll,
  WEIGHTS,
  type FieldName,
  type RetrievalDoc,
} from './retrieval-fields.js';
import { testDocsOf } from './test-docs.js';

export { segment, codeTermsOf };
export type { FieldName, RetrievalDoc };

/**
 * Ranked retrieval of the code that implements a spec item. Every definition is a document with
 * fields (its name, its doc comment, its file's path, the identifiers of its body, the file's
 * opening comment); a query term found in a field counts with that field's weight times the
 * term's rarity (idf), and a document's score is the weighted share of the query it covers, so
 * scores lie in 0..1 and one bar serves every repository (the bars are calibrated on real
 * libraries: docs/gaps.md, "How items are judged").
 */

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
  /** Term → the documents that hold it (each once, in pool order), per pool. */
  postings: Record<'code' | 'tests', ReadonlyMap<string, readonly RetrievalDoc[]>>;
}

const FIXTURE_PATH = /(?:^|\/)(?:__fixtures__|fixtures?|__mocks__|mocks?|testdata|examples?|docs?|benchmarks?|scripts)\//;

/** A build or lint tool's config (`build.config.ts`, `vite.config.mjs`, `.eslintrc.js`): the repository's tooling, not its product. */
const TOOL_CONFIG = /(?:^|\/)(?:[\w-]+\.config|\.\w+rc)\.[cm]?[jt]s$/;

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
  // The same identifiers recur in thousands of bodies: split, stem and segment each once. The
  // documents share these sets (a copy per use was most of the index's garbage); nothing adds to
  // a field's terms once it is built.
  const memo = new Map<string, ReadonlySet<string>>();
  const codeTerms = (text: string): ReadonlySet<string> => {
    let terms = memo.get(text);
    if (!terms) memo.set(text, (terms = codeTermsOf(text, vocabulary)));
    return terms;
  };
  const code: RetrievalDoc[] = [];
  const tests: RetrievalDoc[] = [];
  const links = linkTests(scans, isEvidencePath);
  for (const scan of scans) {
    const path = pathTerms(scan.path);
    const fileDoc = scan.fileDoc ? codeTerms(scan.fileDoc) : NO_TERMS;
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
          { name: 'doc', weight: WEIGHTS.doc, terms: body?.doc ? codeTerms(body.doc) : NO_TERMS },
          { name: 'path', weight: WEIGHTS.path, terms: path },
          {
            name: 'body',
            weight: bodyWeight(body, WEIGHTS.body),
            terms: body ? termsOfAll(body.terms, codeTerms) : NO_TERMS,
          },
          { name: 'file-doc', weight: WEIGHTS.fileDoc, terms: fileDoc },
        ];
        if (symbol.container) fields.push({ name: 'name', weight: WEIGHTS.path, terms: codeTerms(symbol.container) });
        const titles = !symbol.container && (symbol.exported || symbol.kind === 'class') ? links.titlesOf.get(symbol.name) : undefined;
        if (titles) {
          const terms = termsOfAll(titles, codeTerms);
          fields.push({ name: 'tested', weight: sizeWeight(terms.size, WEIGHTS.tested), terms });
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
      for (let at = firstOfFile; at < code.length; at++) {
        const doc = code[at] as RetrievalDoc;
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
          { name: 'body', weight: sizeWeight(allBodies.size, WEIGHTS.body * 0.85), terms: allBodies },
        ],
        hollow: hollowCount > 0 && hollowCount >= functions,
      });
    } else tests.push(...testDocsOf(scan, links, codeTerms));
  }
  const postings = { code: postingsOf(code), tests: postingsOf(tests) };
  // A term of the product's code: one that a document of a file other than a build tool's config
  // holds. Read from the term's posting list when a test-pool idf asks (a set of every code term
  // was built before: a tenth of the index's time, for the few terms no test holds).
  const productMemo = new Map<string, boolean>();
  const isProductTerm = (term: string): boolean => {
    let found = productMemo.get(term);
    if (found === undefined) productMemo.set(term, (found = (postings.code.get(term) ?? []).some((doc) => !TOOL_CONFIG.test(doc.file))));
    return found;
  };
  const sizes = { code: code.length, tests: tests.length };
  return {
    code,
    tests,
    postings,
    // A term no document holds is the spec's own wording ("describe", "convert"): it still
    // counts (missing it must cost something), at a share of what a rare code word counts.
    idf: (term, pool) => {
      // A term's document frequency: its posting list holds each document once.
      const count = postings[pool].get(term)?.length ?? 0;
      const idf = Math.log(1 + (sizes[pool] + 1) / (count + 0.5));
      if (count > 0) return idf;
      // A criterion word no test uses but the code does ("cancel") is what a missing test looks
      // like; one that neither uses ("finds", "project"), or only a build tool's config
      // (`inlineDependencies` in build.config.ts), is the spec's own wording.
      return pool === 'code' || !isProductTerm(term) ? idf * ABSENT_TERM_SHARE : idf;
    },
  };
}

function postingsOf(docs: readonly RetrievalDoc[]): Map<string, RetrievalDoc[]> {
  const postings = new Map<string, RetrievalDoc[]>();
  for (const doc of docs) {
    for (const field of doc.fields) {
      for (const term of field.terms) {
        const list = postings.get(term);
        // Documents come one after another: a term already listed for this one is last in its list.
        if (!list) postings.set(term, [doc]);
        else if (list[list.length - 1] !== doc) list.push(doc);
      }
    }
  }
  return postings;
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
  // The field that carried most (the first of equals, as a stable sort by weight would give).
  let source: FieldName = 'name';
  let most = -Infinity;
  for (const [name, carried] of bySource)
    if (carried > most) {
      most = carried;
      source = name;
    }
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
