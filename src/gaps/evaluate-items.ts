import type { ManifestItem, SpecFeature } from '../domain/spec.js';
import type { Candidate, CodeIndex } from './code-index.js';
import { pathStems } from './code-index.js';
import type { Evidence, ItemStatus } from './types.js';
import { contentStems, headStems, identifierStems, listedNames, splitWords, stem } from './words.js';
import { featureFiles, HEAD_WEIGHT, headTerms, queryTerms, rank, type RetrievalDoc, type ScoredDoc } from './retrieval.js';
import { canonicalStem } from './synonyms.js';
import { normalizeRoutePath, routePathsMatch } from './scanner/route-path.js';
import { isTestPath } from './scanner/test-paths.js';

export interface ItemEvaluation {
  status: ItemStatus;
  evidence: Evidence[];
  /** What is missing, in words, for the gap message. */
  notes: string[];
  /** Code found near the item (for fix prompts). */
  related: Candidate[];
  /** Endpoints the item's text names that no code serves. */
  missingEndpoints: Array<{ method: string; path: string }>;
  /** For file items: the file it resolved to. */
  file?: string;
  /** How the item was judged (retrieval items only). */
  judgement?: Judgement;
}

export type FileMatch = { file: string; match: 'exact' | 'suffix' | 'counterpart' };

/**
 * Where a file the spec names lives: the exact path; else the one file whose path ends with it
 * (a package root the spec left out) — both count as present; else a counterpart with the same
 * name words in another place or language (`core/gap_analyzer.py` ↔ `src/gaps/gap-analyzer.ts`),
 * which counts as partial: the spec and the layout disagree.
 */
export function resolveSpecFile(specPath: string, files: readonly string[]): FileMatch | null {
  const wanted = specPath
    .replace(/^\.?\//, '')
    .replace(/`/g, '')
    .trim();
  if (files.includes(wanted)) return { file: wanted, match: 'exact' };
  const suffixed = files.filter((file) => file.endsWith(`/${wanted}`)).sort();
  if (suffixed.length > 0) return { file: suffixed[0] as string, match: 'suffix' };
  const base = wanted.split('/').pop() ?? wanted;
  const stems = [...pathStems(base)].sort().join(' ');
  if (!stems) return null;
  // A test file's counterpart is a test file, a source file's a source file.
  const wantTest = isTestPath(wanted);
  const counterparts = files
    .filter(
      (file) =>
        isTestPath(file) === wantTest &&
        !/\.(?:md|txt)$/.test(file) &&
        [...pathStems(file.split('/').pop() ?? file)].sort().join(' ') === stems,
    )
    .sort();
  return counterparts[0] ? { file: counterparts[0], match: 'counterpart' } : null;
}

export function evaluateFileItem(item: ManifestItem, index: CodeIndex, specNamed: ReadonlySet<string>): ItemEvaluation {
  const found = resolveSpecFile(item.text, index.files);
  if (!found)
    return {
      status: 'missing',
      evidence: [],
      notes: [`file ${item.text} does not exist`],
      related: relatedTo(item.text, index),
      missingEndpoints: [],
    };
  const scan = index.scans.get(found.file);
  const stubs = (scan?.stubs ?? []).filter((stub) => stub.reason !== 'empty-body' || specNamed.has(found.file));
  const notes: string[] = [];
  if (found.match === 'counterpart') notes.push(`the spec names ${item.text}; the closest file is ${found.file}, at another path`);
  if (stubs.length > 0)
    notes.push(`${found.file} is a stub (${stubs.map((stub) => `line ${stub.line}${stub.name ? ` in ${stub.name}` : ''}`).join(', ')})`);
  if (scan && scan.symbols.length === 0 && scan.routes.length === 0 && scan.tests.length === 0 && scan.lines <= 2)
    notes.push(`${found.file} is empty`);
  const evidence = [{ file: found.file, line: stubs[0]?.line ?? 1 }];
  return { status: notes.length > 0 ? 'partial' : 'done', evidence, notes, related: [], missingEndpoints: [], file: found.file };
}

const ENDPOINT_IN_TEXT = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+((?:https?:\/\/[^/\s]+)?\/[^\s`'",;)]*)/g;

/** Endpoints named in prose: `GET /api/users/{id}` → GET /api/users/:id. */
export function endpointsInText(text: string): Array<{ method: string; path: string }> {
  return [...text.matchAll(ENDPOINT_IN_TEXT)].map((match) => ({
    method: match[1] as string,
    path: normalizeRoutePath(
      (match[2] as string)
        .replace(/^https?:\/\/[^/]+/, '')
        .replace(/[.?#].*$/, '')
        .replace(/[.:]$/, ''),
    ),
  }));
}

/** Identifiers in backticks that are not paths, endpoints or commands: `buildManifest`, `Git.listFiles()`. */
export function identifiersInText(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    const raw = (match[1] as string).trim().replace(/\(\)$/, '');
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/.test(raw) && !names.includes(raw)) names.push(raw);
  }
  return names;
}

export function isServed(index: CodeIndex, method: string, path: string): boolean {
  return index.endpoints.some(
    (endpoint) => (endpoint.method === '*' || method === '*' || endpoint.method === method) && routePathsMatch(endpoint.path, path),
  );
}

/** What an item was judged by, for `--json` and `gaps --explain` (docs/gaps.md). */
export interface Judgement {
  /** The score the status was decided on. */
  score: number;
  terms: string[];
  bar: { done: number; partial: number };
  /** Where the decisive search looked: the feature's own Files, the whole repository, or the tests. */
  scope: 'files' | 'repository' | 'tests';
  ownFiles: string[];
  candidates: Array<{
    label: string;
    file: string;
    line: number;
    score: number;
    matched: string[];
    source: string;
    own: boolean;
    hollow: boolean;
    /** The definition, for symbol candidates. */
    symbol: string | null;
  }>;
  reason: string;
}

/**
 * Bars on the retrieval score (0..1), calibrated on real libraries with specs written by hand
 * (docs/gaps.md, "How the bars were chosen"), not on our own fixtures.
 */
export const BAR = {
  requirementDone: 0.42,
  /** Code in the feature's own Files: the spec already says it is where the requirement lives. */
  requirementDoneInFiles: 0.35,
  /** Code outside the feature's Files, when the feature lists some: it must match clearly. */
  requirementDoneOutside: 0.6,
  requirementPartial: 0.28,
  acceptanceDone: 0.42,
  acceptancePartial: 0.28,
} as const;

function weigher(index: CodeIndex, pool: 'code' | 'tests', head: ReadonlySet<string>): (term: string) => number {
  return (term) => index.retrieval.idf(term, pool) * (head.has(term) ? HEAD_WEIGHT : 1);
}

function candidatesFor(index: CodeIndex, pool: 'code' | 'tests', terms: readonly string[]): RetrievalDoc[] {
  const docs = new Set<RetrievalDoc>();
  for (const term of terms) for (const doc of index.postings(pool, term)) docs.add(doc);
  return [...docs];
}

function toEvidence(scored: ScoredDoc): Evidence {
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

function describe(scored: ScoredDoc, own: ReadonlySet<string>): Judgement['candidates'][number] {
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
function topEvidence(ranked: readonly ScoredDoc[], bar: number): ScoredDoc[] {
  const best = ranked[0]?.score ?? 0;
  return ranked.filter((scored) => scored.score >= bar && scored.score >= best * 0.8).slice(0, 3);
}

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
    candidates: dedupeScored([...ownRanked.slice(0, 5), ...ranked.slice(0, 5)]).map((scored) => describe(scored, own)),
    reason,
  };
  return { status, evidence: shown.map(toEvidence), notes, related: relatedTo(item.text, index), missingEndpoints: [], judgement };
}

function dedupeScored(list: readonly ScoredDoc[]): ScoredDoc[] {
  const seen = new Set<RetrievalDoc>();
  return list.filter((scored) => (seen.has(scored.doc) ? false : (seen.add(scored.doc), true))).sort((a, b) => b.score - a.score);
}

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
    candidates: ranked.slice(0, 5).map((scored) => describe(scored, new Set())),
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

interface ExplicitEvidence {
  total: number;
  found: number;
  evidence: Evidence[];
  notes: string[];
  missingEndpoints: Array<{ method: string; path: string }>;
}

/** Backticked identifiers and named endpoints: when the spec is explicit, so is the check. */
function explicitEvidence(text: string, index: CodeIndex): ExplicitEvidence {
  const result: ExplicitEvidence = { total: 0, found: 0, evidence: [], notes: [], missingEndpoints: [] };
  for (const name of identifiersInText(text)) {
    result.total++;
    const symbol =
      index.symbols.get(name) ??
      index.candidates.find((candidate) => candidate.kind === 'command' && candidate.label === `command ${name}`);
    if (symbol) {
      result.found++;
      result.evidence.push({ file: symbol.file, line: symbol.line });
    } else result.notes.push(`\`${name}\` is not defined anywhere`);
  }
  for (const endpoint of endpointsInText(text)) {
    result.total++;
    const served = index.endpoints.find(
      (candidate) => (candidate.method === '*' || candidate.method === endpoint.method) && routePathsMatch(candidate.path, endpoint.path),
    );
    if (served) {
      result.found++;
      result.evidence.push({ file: served.file, line: served.line });
    } else {
      result.notes.push(`nothing serves ${endpoint.method} ${endpoint.path}`);
      result.missingEndpoints.push(endpoint);
    }
  }
  return result;
}

function coverage(words: readonly string[], stems: ReadonlySet<string>, weights?: ReadonlyMap<string, number>): number {
  if (words.length === 0) return 0;
  if (!weights) return words.filter((word) => stems.has(word)).length / words.length;
  let total = 0;
  let matched = 0;
  for (const word of words) {
    const weight = weights.get(word) ?? 1;
    total += weight;
    if (stems.has(word)) matched += weight;
  }
  return matched / total;
}

function findsName(name: string, candidates: readonly Candidate[]): boolean {
  const stems = [...identifierStems(name)];
  return stems.length > 0 && candidates.some((candidate) => stems.every((word) => candidate.stems.has(word)));
}

/** Up to five symbols and files that share words with a text: context for a fix prompt. */
export function relatedTo(text: string, index: CodeIndex): Candidate[] {
  const words = contentStems(text);
  return index.candidates
    .map((candidate) => ({ candidate, score: coverage(words, candidate.stems) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.file.localeCompare(b.candidate.file) || a.candidate.line - b.candidate.line)
    .slice(0, 5)
    .map((entry) => entry.candidate);
}
