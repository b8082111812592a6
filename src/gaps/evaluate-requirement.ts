import type { ManifestItem, SpecFeature } from '../domain/spec.js';
import type { Candidate, CodeIndex } from './code-index.js';
import type { Evidence, ItemStatus } from './types.js';
import { identifierStems, listedNames, splitWords, stem } from './words.js';
import { featureFiles, headTerms, queryTerms, rank, type ScoredDoc } from './retrieval.js';
import { canonicalStem } from './synonyms.js';
import type { ItemEvaluation, Judgement } from './item-evaluation.js';
import { BAR } from './retrieval-bars.js';
import { resolveSpecFile } from './resolve-spec-file.js';
import { explicitEvidence } from './explicit-evidence.js';
import { relatedTo } from './related-to.js';
import { candidatesFor, dedupeScored, describeCandidate, toEvidence, topEvidence, weigher } from './scored-evidence.js';

// A requirement is judged against the feature's own Files first, then the whole repository, by retrieval score.

/** The repository files a feature's `Files:` list names. */
export function ownFilesOf(feature: SpecFeature | undefined, index: CodeIndex): Set<string> {
  if (!feature || feature.files.length === 0) return new Set();
  return featureFiles(feature.files, index.files, (path) => resolveSpecFile(path, index.files)?.file ?? null);
}

export function evaluateRequirement(item: ManifestItem, index: CodeIndex, feature?: SpecFeature): ItemEvaluation {
  const explicit = explicitEvidence(item.text, index);
  if (explicit.total > 0) {
    const status: ItemStatus = explicit.found === explicit.total ? 'done' : explicit.found > 0 ? 'partial' : 'missing';
    return {
      status,
      evidence: explicit.evidence,
      notes: explicit.notes,
      related: relatedTo(item.text, index),
      missingEndpoints: explicit.missingEndpoints,
      implementation: { endpoints: explicit.servedEndpoints, definitions: implementingDefinitions(item.text, index, feature) },
    };
  }
  const terms = queryTerms(item.text);
  const own = ownFilesOf(feature, index);
  const weightOf = weigher(index, 'code', headTerms(item.text));
  const pool = candidatesFor(index, 'code', terms);
  const ranked = rank(pool, terms, weightOf);
  const ownRanked =
    own.size > 0
      ? rank(
          pool.filter((doc) => own.has(doc.file)),
          terms,
          weightOf,
        )
      : [];
  const bestOwn = ownRanked[0];
  const best = ranked[0];
  const bar = { done: BAR.requirementDone, partial: BAR.requirementPartial };
  let status: ItemStatus;
  let decisive: ScoredDoc[];
  let scope: Judgement['scope'];
  let reason: string;
  const notes: string[] = [];
  if (own.size > 0 && bestOwn && bestOwn.score >= BAR.requirementDoneInFiles) {
    status = 'done';
    decisive = ownRanked;
    scope = 'files';
    reason = `${bestOwn.doc.label} in the feature's Files scores ${bestOwn.score} ≥ ${BAR.requirementDoneInFiles}`;
  } else if (own.size > 0 && best && best.score >= BAR.requirementDoneOutside) {
    // Specs rarely list every file: a clear match elsewhere is accepted, said so in the reason.
    status = 'done';
    decisive = ranked;
    scope = 'repository';
    reason = `nothing in the feature's Files reaches ${BAR.requirementDoneInFiles} (best ${bestOwn?.score ?? 0}); ${best.doc.label} outside them scores ${best.score} ≥ ${BAR.requirementDoneOutside}`;
  } else if (own.size > 0 && best && best.score >= bar.done) {
    // The feature names its files; code elsewhere that matches only fairly is a lead, not proof.
    status = 'partial';
    decisive = ranked;
    scope = 'repository';
    reason = `nothing in the feature's Files reaches ${BAR.requirementDoneInFiles} (best ${bestOwn?.score ?? 0}); ${best.doc.label} outside them scores ${best.score}`;
    notes.push(`the closest code, ${best.doc.label} (${best.doc.file}:${best.doc.line}), is outside the feature's Files`);
  } else if (own.size === 0 && best && best.score >= bar.done) {
    status = 'done';
    decisive = ranked;
    scope = 'repository';
    reason = `${best.doc.label} scores ${best.score} ≥ ${bar.done}`;
  } else {
    const top = Math.max(best?.score ?? 0, bestOwn?.score ?? 0);
    status = top >= bar.partial ? 'partial' : 'missing';
    decisive = bestOwn && bestOwn.score >= (best?.score ?? 0) * 0.9 ? ownRanked : ranked;
    scope = decisive === ownRanked ? 'files' : 'repository';
    reason = `the best match scores ${top}, below ${bar.done}${status === 'partial' ? ` but ≥ ${bar.partial}` : ` and ${bar.partial}`}`;
  }
  const listed = listedNames(item.text).filter((name) => !/\d/.test(name));
  if (listed.length > 0) {
    const missing = listed.filter((name) => !findsName(name, index.candidates));
    const foundShare = (listed.length - missing.length) / listed.length;
    if (missing.length > 0) notes.push(`nothing in the code is named after ${missing.join(', ')}`);
    if (status === 'done' && foundShare < 1) status = 'partial';
    if (status === 'missing' && foundShare >= 0.5) status = 'partial';
  }
  const top = decisive[0];
  if (top?.doc.hollow && status !== 'missing') notes.push(`${top.doc.label} (${top.doc.file}:${top.doc.line}) is a stub or empty`);
  if (status !== 'done') {
    const matched = new Set(top?.matched ?? []);
    const unmatched = terms.filter((term) => !matched.has(term));
    const words = [...new Set(splitWords(item.text).filter((word) => unmatched.includes(canonicalStem(stem(word)))))];
    if (words.length > 0) notes.push(`no symbol, file or command matches the words: ${words.join(', ')}`);
  }
  const shown = status === 'missing' ? [] : topEvidence(decisive, bar.partial);
  const judgement: Judgement = {
    score: status === 'done' ? (decisive[0]?.score ?? 0) : Math.max(best?.score ?? 0, bestOwn?.score ?? 0),
    terms,
    bar,
    scope,
    ownFiles: [...own].sort(),
    candidates: dedupeScored([...ownRanked.slice(0, 5), ...ranked.slice(0, 5)]).map((scored) => describeCandidate(scored, own)),
    reason,
  };
  return { status, evidence: shown.map(toEvidence), notes, related: relatedTo(item.text, index), missingEndpoints: [], judgement };
}

/**
 * The definitions retrieval ranks first for an explicit item's words (the handler of a named
 * route: `getProducts` for "Search and paginate products with GET /api/products"), the feature's
 * Files first. Only symbols that reach the partial bar, close to the best.
 */
function implementingDefinitions(text: string, index: CodeIndex, feature: SpecFeature | undefined): Evidence[] {
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const own = ownFilesOf(feature, index);
  const weightOf = weigher(index, 'code', headTerms(text));
  const pool = candidatesFor(index, 'code', terms).filter((doc) => doc.kind === 'symbol' && !doc.hollow);
  const inOwn = own.size > 0 ? pool.filter((doc) => own.has(doc.file)) : [];
  const ranked = rank(inOwn.length > 0 ? inOwn : pool, terms, weightOf);
  return topEvidence(ranked, BAR.requirementPartial).map(toEvidence);
}

function findsName(name: string, candidates: readonly Candidate[]): boolean {
  const stems = [...identifierStems(name)];
  return stems.length > 0 && candidates.some((candidate) => stems.every((word) => candidate.stems.has(word)));
}
