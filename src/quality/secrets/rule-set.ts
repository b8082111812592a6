import { genericKeywords } from './generic-rule.js';
import { escapeRegex, type SecretRule } from './secret-rule.js';

/** Rules ready to scan: one combined keyword scan tells which rules may match on which line. */
export interface RuleSet {
  rules: SecretRule[];
  /** Finds, at every position, the longest keyword starting there (a zero-width lookahead). */
  keywordScan: RegExp | null;
  /** Keyword → indexes of the rules it triggers (itself and every keyword it contains). */
  triggers: Map<string, number[]>;
  /** Rule indexes that run on every file (no keywords). */
  always: number[];
  /** Whether the generic keyword+entropy rule runs. */
  generic: boolean;
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
  for (const word of words) {
    const indexes = new Set<number>();
    // The scan reports the longest keyword at a position; the shorter ones inside it must fire too.
    for (const [other, set] of byKeyword) if (word.includes(other)) for (const index of set) indexes.add(index);
    triggers.set(word, [...indexes]);
  }
  const keywordScan = words.length ? new RegExp(`(?=(${words.map(escapeRegex).join('|')}))`, 'gi') : null;
  const set: RuleSet = { rules, keywordScan, triggers, always, generic };
  const perGeneric = cache.get(rules) ?? new Map<boolean, RuleSet>();
  perGeneric.set(generic, set);
  cache.set(rules, perGeneric);
  return set;
}

/** Whether a matched keyword (lower-cased) is one of the generic rule's. */
export function isGenericKeyword(word: string): boolean {
  return genericKeywords.some((generic) => word.includes(generic));
}
