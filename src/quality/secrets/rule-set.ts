import { genericKeywords } from './generic-rule.js';
import type { SecretRule } from './secret-rule.js';

/** Rules ready to scan: one combined keyword scan tells which rules may match on which line. */
export interface RuleSet {
  rules: SecretRule[];
  /** Keywords by their first two (lower-case) characters, for the one pass over the text. */
  keywordTable: Map<number, string[]>;
  /** Which two-character starts (folded to 16 bits) begin some keyword: the fast reject. */
  keywordStarts: Uint8Array;
  /** Keyword → indexes of the rules it triggers (itself and every keyword it contains). */
  triggers: Map<string, number[]>;
  /** Rule indexes that run on every file (no keywords). */
  always: number[];
  /** Whether the generic keyword+entropy rule runs. */
  generic: boolean;
  /** The rules judged on `key = value` candidates. */
  keyed: SecretRule[];
  /** Keywords that open a line to candidate reading (keyed or generic rules). */
  candidateWords: Set<string>;
  /** Whether some rule is limited to paths. */
  hasPathRules: boolean;
}

const cache = new WeakMap<SecretRule[], Map<boolean, RuleSet>>();

export function compileRuleSet(rules: SecretRule[], generic = true): RuleSet {
  const known = cache.get(rules)?.get(generic);
  if (known) return known;
  const byKeyword = new Map<string, Set<number>>();
  const always: number[] = [];
  rules.forEach((rule, index) => {
    if (!rule.keywords.length) always.push(index);
    for (const word of rule.keywords) {
      const set = byKeyword.get(word) ?? new Set<number>();
      set.add(index);
      byKeyword.set(word, set);
    }
  });
  const words = [...new Set([...byKeyword.keys(), ...(generic ? genericKeywords : [])])].sort((a, b) => b.length - a.length);
  const triggers = new Map<string, number[]>();
  // The scan reports the longest keyword at a position; the shorter ones inside it must fire too.
  // Found by looking up the word's substrings of the keywords' lengths (not every keyword against
  // every word: ~10 ms per process for the built-in rules), then taken in the keywords' order.
  const rank = new Map([...byKeyword.keys()].map((word, i) => [word, i] as const));
  const lengths = [...new Set([...byKeyword.keys()].map((word) => word.length))].sort((a, b) => a - b);
  for (const word of words) {
    const inside = new Set<string>();
    for (const length of lengths) {
      if (length > word.length) break;
      for (let i = 0; i + length <= word.length; i++) {
        const part = word.slice(i, i + length);
        if (byKeyword.has(part)) inside.add(part);
      }
    }
    const indexes = new Set<number>();
    for (const other of [...inside].sort((a, b) => rank.get(a)! - rank.get(b)!))
      for (const index of byKeyword.get(other)!) indexes.add(index);
    triggers.set(word, [...indexes]);
  }
  const keywordTable = new Map<number, string[]>();
  const keywordStarts = new Uint8Array(65536);
  for (const word of words) {
    keywordStarts[foldedPair(word, 0)] = 1;
    const slot = pairCode(word, 0);
    const list = keywordTable.get(slot) ?? [];
    list.push(word);
    keywordTable.set(slot, list);
  }
  const candidateWords = new Set(
    words.filter((word) => (generic && isGenericKeyword(word)) || (triggers.get(word) ?? []).some((index) => rules[index]?.key)),
  );
  const set: RuleSet = {
    rules,
    keywordTable,
    keywordStarts,
    triggers,
    always,
    generic,
    keyed: rules.filter((rule) => rule.key),
    candidateWords,
    hasPathRules: rules.some((rule) => rule.path),
  };
  const perGeneric = cache.get(rules) ?? new Map<boolean, RuleSet>();
  perGeneric.set(generic, set);
  cache.set(rules, perGeneric);
  return set;
}

/** Whether a matched keyword (lower-cased) is one of the generic rule's. */
export function isGenericKeyword(word: string): boolean {
  return genericKeywords.some((generic) => word.includes(generic));
}

/** The code of two characters at `at` (the text is lower-cased first). */
export function pairCode(text: string, at: number): number {
  return (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);
}

/**
 * Every keyword occurrence in one pass: at each position, the keywords that start with the two
 * characters there are compared (longest first, so the first that matches is the longest).
 */
export function findKeywords(set: RuleSet, text: string): Array<{ at: number; word: string }> {
  const lower = text.toLowerCase();
  const { keywordTable: table, keywordStarts: starts } = set;
  const found: Array<{ at: number; word: string }> = [];
  for (let at = 0; at < lower.length - 1; at++) {
    if (!starts[((lower.charCodeAt(at) & 0xff) << 8) | (lower.charCodeAt(at + 1) & 0xff)]) continue;
    const list = table.get(pairCode(lower, at));
    if (!list) continue;
    for (const word of list) {
      if (lower.startsWith(word, at)) {
        found.push({ at, word });
        break;
      }
    }
  }
  return found;
}

function foldedPair(text: string, at: number): number {
  return ((text.charCodeAt(at) & 0xff) << 8) | (text.charCodeAt(at + 1) & 0xff);
}
