import type { CodeIndex } from './code-index.js';
import type { Evidence } from './types.js';
import { HEAD_WEIGHT, type RetrievalDoc, type ScoredDoc } from './retrieval.js';
import type { Judgement } from './item-evaluation.js';

// Ranked retrieval docs become evidence and judgement candidates the same way for requirements and tests.

export function weigher(index: CodeIndex, pool: 'code' | 'tests', head: ReadonlySet<string>): (term: string) => number {
  return (term) => index.retrieval.idf(term, pool) * (head.has(term) ? HEAD_WEIGHT : 1);
}

export function candidatesFor(index: CodeIndex, pool: 'code' | 'tests', terms: readonly string[]): RetrievalDoc[] {
  const docs = new Set<RetrievalDoc>();
  for (const term of terms) for (const doc of index.postings(pool, term)) docs.add(doc);
  return [...docs];
}

export function toEvidence(scored: ScoredDoc): Evidence {
  const evidence: Evidence = {
    file: scored.doc.file,
    line: scored.doc.line,
    score: scored.score,
    matched: scored.matched,
    source: scored.source,
  };
  if (scored.doc.symbol) evidence.symbol = scored.doc.symbol;
  return evidence;
}

export function describeCandidate(scored: ScoredDoc, own: ReadonlySet<string>): Judgement['candidates'][number] {
  return {
    label: scored.doc.label,
    file: scored.doc.file,
    line: scored.doc.line,
    score: scored.score,
    matched: scored.matched,
    source: scored.source,
    own: own.has(scored.doc.file),
    hollow: scored.doc.hollow,
    symbol: scored.doc.kind === 'symbol' ? scored.doc.symbol : null,
  };
}

/** Evidence to show and remember: the best match and those close to it (at most three). */
export function topEvidence(ranked: readonly ScoredDoc[], bar: number): ScoredDoc[] {
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((scored) => scored.score >= bar && scored.score >= best * 0.8).slice(0, 3);
}

export function dedupeScored(list: readonly ScoredDoc[]): ScoredDoc[] {
  const seen = new Set<RetrievalDoc>();
  return list.filter((scored) => (seen.has(scored.doc) ? false : (seen.add(scored.doc), true))).sort((a, b) => b.score - a.score);
}
