import type { ManifestItem, SpecFeature } from '../domain/spec.js';
import type { Candidate, CodeIndex } from './code-index.js';
import type { ItemStatus } from './types.js';
import { headStems } from './words.js';
import { headTerms, queryTerms, rank } from './retrieval.js';
import type { ItemEvaluation, Judgement } from './item-evaluation.js';
import { BAR } from './retrieval-bars.js';
import { explicitEvidence } from './explicit-evidence.js';
import { candidatesFor, describeCandidate, toEvidence, topEvidence, weigher } from './scored-evidence.js';

// An acceptance criterion is judged against test titles, or, for "all tests pass", by tests that belong to the feature.

const SUITE_CRITERION = /\b(?:all\s+)?tests?\s+(?:are\s+)?pass(?:es|ing)?\b|\bcoverage\b/i;

export function evaluateAcceptance(item: ManifestItem, feature: SpecFeature | undefined, index: CodeIndex): ItemEvaluation {
  const explicit = explicitEvidence(item.text, index);
  if (SUITE_CRITERION.test(item.text)) return evaluateSuiteCriterion(feature, index, explicit.missingEndpoints);
  const terms = queryTerms(item.text);
  const ranked = rank(candidatesFor(index, 'tests', terms), terms, weigher(index, 'tests', headTerms(item.text)));
  const best = ranked[0];
  const bar = { done: BAR.acceptanceDone, partial: BAR.acceptancePartial };
  // One shared word ("user") is not evidence that a test checks a criterion.
  const status: ItemStatus =
    best && best.score >= bar.done && (best.matched.length >= 2 || terms.length === 1)
      ? 'done'
      : best && best.score >= bar.partial && best.matched.length >= 2
        ? 'partial'
        : 'missing';
  const notes =
    status === 'done'
      ? []
      : [best ? `the closest test is "${best.doc.label}" (${best.doc.file}:${best.doc.line}), score ${best.score}` : 'no test matches it'];
  const judgement: Judgement = {
    score: best?.score ?? 0,
    terms,
    bar,
    scope: 'tests',
    ownFiles: [],
    candidates: ranked.slice(0, 5).map((scored) => describeCandidate(scored, new Set())),
    reason: best ? `the best test scores ${best.score} (bar ${bar.done})` : 'no test shares a word with it',
  };
  const evidence = best && status !== 'missing' ? topEvidence(ranked, bar.partial).map(toEvidence) : [];
  const related: Candidate[] = best
    ? [{ label: best.doc.label, kind: 'test', file: best.doc.file, line: best.doc.line, stems: new Set(best.matched) }]
    : [];
  return { status, evidence, notes, related, missingEndpoints: explicit.missingEndpoints, judgement };
}

/**
 * "All tests pass with coverage ≥ 85%" cannot be read off names: gap analysis does not run the
 * suite. It is done when tests exist that belong to the feature (by name or file), partial when
 * the repository has tests but none for the feature; running them is the verify step.
 */
function evaluateSuiteCriterion(
  feature: SpecFeature | undefined,
  index: CodeIndex,
  missingEndpoints: ItemEvaluation['missingEndpoints'],
): ItemEvaluation {
  if (index.tests.length === 0)
    return { status: 'missing', evidence: [], notes: ['the repository has no tests'], related: [], missingEndpoints };
  const words = feature ? headStems(feature.name) : [];
  const related = index.tests.filter((test) => words.some((word) => test.stems.has(word)));
  if (related.length === 0)
    return {
      status: 'partial',
      evidence: [],
      notes: [`no test names or test files mention ${feature?.name ?? 'this feature'}`],
      related: [],
      missingEndpoints,
    };
  const files = [...new Map(related.map((test) => [test.file, test])).values()].slice(0, 3);
  return {
    status: 'done',
    evidence: files.map((test) => ({ file: test.file, line: test.line })),
    notes: [],
    related: files,
    missingEndpoints,
  };
}
