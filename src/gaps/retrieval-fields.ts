import type { SymbolBody } from './scanner/types.js';
import { canonicalStem, shortFlags } from './synonyms.js';
import { splitWords, stem } from './words.js';
import { segment } from './segment-words.js';

// The documents of ranked retrieval (retrieval.ts): their fields, how much each field weighs, and
// how code text becomes terms.

export type FieldName = 'name' | 'doc' | 'path' | 'body' | 'file-doc' | 'title' | 'case' | 'tested' | 'exercises';

export interface RetrievalDoc {
  label: string;
  kind: 'symbol' | 'file' | 'command' | 'test';
  file: string;
  line: number;
  /** The symbol a definition document stands for (null for files and commands). */
  symbol: string | null;
  fields: Array<{ name: FieldName; weight: number; terms: ReadonlySet<string> }>;
  /** Its body, when it is a definition: what remembered evidence fingerprints. */
  body?: SymbolBody;
  /** A stub or an empty body: it names the thing but does not do it. */
  hollow: boolean;
}

/** Weights per field (see docs/gaps.md): a name or doc comment says what code is for; a body only that it touches it. */
export const WEIGHTS = {
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
  /** The names and doc comments of the definitions a test exercises: what it tests, in the code's words. */
  exercises: 0.45,
} as const;

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

/** The union of the terms of several texts, in the order they come. */
export function termsOfAll(texts: Iterable<string>, codeTerms: (text: string) => ReadonlySet<string>): Set<string> {
  const terms = new Set<string>();
  for (const text of texts) for (const term of codeTerms(text)) terms.add(term);
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

/** Stems of a file path without its extension and folder noise. */
export function pathTerms(path: string): Set<string> {
  const terms = codeTermsOf(path.replace(/\.[^./]+$/, ''));
  for (const noise of PATH_NOISE) terms.delete(noise);
  return terms;
}

/** A field's weight for a body of this many terms. */
export function bodyWeight(body: SymbolBody | undefined, base: number): number {
  return sizeWeight(body?.terms.length ?? 0, base);
}

/** `bodyWeight` for a field of `size` terms (a set's size: no array made to count it). */
export function sizeWeight(size: number, base: number): number {
  // BM25's length normalisation, coarsely: a long body touches many words, each says less.
  return size <= 60 ? base : Math.max(base / 2, base * Math.sqrt(60 / size));
}

/** The terms of a field with none; shared, as nothing adds to a field's terms once it is built. */
export const NO_TERMS: ReadonlySet<string> = new Set<string>();
