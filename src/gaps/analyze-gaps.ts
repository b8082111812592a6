import picomatch from 'picomatch';
import type { Manifest, ManifestItem, Spec, SpecFeature } from '../domain/spec.js';
import { fingerprint } from '../domain/findings.js';
import type { CodeIndex } from './code-index.js';
import type { ClientCall } from './scanner/link-endpoints.js';
import { CallMatcher, type CallMatch } from './scanner/match-calls.js';
import { callerKindOf, type CallerKind } from './scanner/test-paths.js';
import { resolveModule } from './scanner/resolve-module.js';
import {
  evaluateAcceptance,
  evaluateFileItem,
  evaluateRequirement,
  endpointsInText,
  isServed,
  resolveSpecFile,
  type ItemEvaluation,
  type Judgement,
} from './evaluate-items.js';
import { buildPrompt, type PromptInput } from './build-prompt.js';
import { redactSecrets } from './redact.js';
import { codeTermsOf } from './retrieval.js';
import { describeObjection, objectionsTo, recordsFor, withObjections, type EvidenceMemory } from './evidence-memory.js';
import type { Gap, GapCall, GapEndpoint, GapItem, GapKind, GapReport } from './types.js';

export interface AnalyzeInput {
  spec: Spec;
  manifest: Manifest;
  index: CodeIndex;
  calls: readonly ClientCall[];
  /** `gaps.ignoreEndpoints`: `POST /api/webhooks/*`, or a path glob alone. */
  ignoreEndpoints: readonly string[];
  /** Evidence remembered from earlier runs (`.buildrunner/manifest.json`, `evidence`). */
  remembered?: EvidenceMemory;
}

type Analysis = Omit<GapReport, 'stats'> & { judgements?: Record<string, Judgement>; memory?: EvidenceMemory };

/** Judges every manifest item and lists every gap: the pure core of `br-guard gaps`. */
export function analyzeGaps(input: AnalyzeInput): Analysis {
  const { spec, manifest, index } = input;
  const features = new Map(spec.features.map((feature) => [feature.id, feature]));
  const specNamed = new Map<string, string>();
  for (const feature of spec.features) {
    for (const file of feature.files) {
      const found = resolveSpecFile(file, index.files);
      if (found && !specNamed.has(found.file)) specNamed.set(found.file, feature.id);
    }
  }
  const gaps: Gap[] = [];
  const addGap = (kind: GapKind, key: string, prompt: Omit<PromptInput, 'kind' | 'gapId'>): void => {
    const id = `${kind}-${fingerprint([kind, prompt.feature?.id ?? '', key]).slice(0, 10)}`;
    const message = redactSecrets(prompt.message);
    gaps.push({
      id,
      kind,
      featureId: prompt.feature?.id ?? null,
      file: prompt.file,
      line: prompt.line,
      message,
      prompt: buildPrompt({ ...prompt, message, kind, gapId: id }),
    });
  };
  const items: GapItem[] = [];
  const judgements: Record<string, Judgement> = {};
  const memory: EvidenceMemory = {};
  const evidenceFeature = new Map<string, string>();
  for (const item of manifest.items) {
    const feature = features.get(item.featureId);
    const evaluation = evaluate(item, feature, index, new Set(specNamed.keys()));
    remember(item, evaluation, index, input.remembered?.[item.id], memory);
    items.push({
      id: item.id,
      featureId: item.featureId,
      kind: item.kind,
      text: item.text,
      status: evaluation.status,
      evidence: evaluation.evidence,
      ...(evaluation.judgement ? { score: evaluation.judgement.score } : {}),
    });
    if (evaluation.judgement) judgements[item.id] = evaluation.judgement;
    for (const evidence of evaluation.evidence) if (!evidenceFeature.has(evidence.file)) evidenceFeature.set(evidence.file, item.featureId);
    itemGaps(item, feature ?? null, evaluation, addGap, { file: spec.file, line: specLine(item, feature) });
  }
  const importers = importersOf(index);
  // A file belongs to the feature that names it, cites it as evidence, or (two levels up) imports it.
  const featureOf = (file: string): SpecFeature | null => {
    const queue = [file];
    const seen = new Set(queue);
    for (let depth = 0; depth < 3 && queue.length > 0; depth++) {
      for (const current of queue.splice(0)) {
        const id = specNamed.get(current) ?? evidenceFeature.get(current);
        if (id && features.has(id)) return features.get(id) as SpecFeature;
        for (const importer of importers.get(current) ?? []) {
          if (seen.has(importer)) continue;
          seen.add(importer);
          queue.push(importer);
        }
      }
    }
    return null;
  };
  codeGaps(index, specNamed, featureOf, addGap);
  for (const feature of spec.features) {
    const named = new Set(
      manifest.items
        .filter((item) => item.featureId === feature.id)
        .flatMap((item) => endpointsInText(item.text).map((e) => `${e.method} ${e.path}`)),
    );
    for (const endpoint of endpointsInText(feature.description)) {
      if (named.has(`${endpoint.method} ${endpoint.path}`) || isServed(index, endpoint.method, endpoint.path)) continue;
      named.add(`${endpoint.method} ${endpoint.path}`);
      addGap('missing-endpoint', `${endpoint.method} ${endpoint.path}`, {
        feature,
        item: null,
        message: `the spec names ${endpoint.method} ${endpoint.path} and no code serves it`,
        file: spec.file,
        line: feature.line,
        related: [],
        details: [],
      });
    }
  }
  const { endpoints, calls } = httpGaps(input, featureOf, addGap);
  gaps.sort(
    (a, b) =>
      (a.featureId ?? '\uffff').localeCompare(b.featureId ?? '\uffff') ||
      a.kind.localeCompare(b.kind) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.id.localeCompare(b.id),
  );
  const featureCompletion = spec.features.map((feature) => ({
    id: feature.id,
    name: feature.name,
    completion: completionOf(items.filter((item) => item.featureId === feature.id)),
  }));
  const analysis: Analysis = { completion: completionOf(items), items, gaps, endpoints, calls, features: featureCompletion };
  // Not part of the report (nor of its cache): `gaps --explain` reads it.
  Object.defineProperty(analysis, 'judgements', { value: judgements, enumerable: false });
  Object.defineProperty(analysis, 'memory', { value: memory, enumerable: false });
  return analysis;
}

/** File → the files that import it (relative imports only), sorted for determinism. */
function importersOf(index: CodeIndex): Map<string, string[]> {
  const files = new Set(index.scans.keys());
  const python = [...files].filter((file) => file.endsWith('.py'));
  const importers = new Map<string, string[]>();
  for (const scan of [...index.scans.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    for (const entry of scan.imports) {
      const target = resolveModule(scan.path, entry.source, files, python);
      if (target && target !== scan.path) importers.set(target, [...(importers.get(target) ?? []), scan.path]);
    }
  }
  return importers;
}

/**
 * Checks an item's remembered evidence (deleted, emptied, stubbed: the item drops to partial and
 * says why) and records the evidence of an item judged done for the next run. Evidence that was
 * objected to stays recorded until it is back, so the drop does not vanish on the next run.
 */
function remember(
  item: ManifestItem,
  evaluation: ItemEvaluation,
  index: CodeIndex,
  remembered: EvidenceMemory[string] | undefined,
  memory: EvidenceMemory,
): void {
  if (!evaluation.judgement) return;
  const objections = remembered && remembered.text === item.text ? objectionsTo(remembered, index) : [];
  if (objections.length > 0) {
    evaluation.status = withObjections(evaluation.status, objections);
    evaluation.notes.push(...objections.map(describeObjection));
    evaluation.judgement.reason += `; remembered evidence: ${objections.map(describeObjection).join('; ')}`;
    memory[item.id] = remembered as EvidenceMemory[string];
    return;
  }
  if (evaluation.status === 'done') {
    // A whole file as evidence is remembered with the definition in it that matched best, so
    // deleting that one function is noticed even though the file stays.
    const files = new Set(evaluation.evidence.filter((e) => !e.symbol).map((e) => e.file));
    const head = new Set(evaluation.judgement.terms);
    const inner = [...files].flatMap((file) => {
      const best = evaluation.judgement?.candidates.find((c) => c.file === file && c.symbol);
      const exported = (index.scans.get(file)?.symbols ?? [])
        .filter((symbol) => symbol.exported && [...codeTermsOf(symbol.name)].some((term) => head.has(term)))
        .slice(0, 3)
        .map((symbol) => ({ file, line: symbol.line, symbol: symbol.name }));
      return [...(best?.symbol ? [{ file, line: best.line, symbol: best.symbol }] : []), ...exported];
    });
    // And the best definition in the feature's Files that is named after the item (`clone` for
    // "Clone a template"), even when a caller's doc comment scored higher: deleting it is deleting the thing.
    const named = evaluation.judgement.candidates.find((c) => c.own && c.symbol && c.source === 'name' && !c.hollow);
    const byName = named?.symbol ? [{ file: named.file, line: named.line, symbol: named.symbol }] : [];
    const records = recordsFor([...evaluation.evidence, ...inner, ...byName], index);
    if (records.length > 0) {
      memory[item.id] = { text: item.text, records };
      return;
    }
  }
  if (remembered && remembered.text === item.text) memory[item.id] = remembered;
}

function evaluate(item: ManifestItem, feature: SpecFeature | undefined, index: CodeIndex, specNamed: ReadonlySet<string>): ItemEvaluation {
  if (item.kind === 'file') return evaluateFileItem(item, index, specNamed);
  if (item.kind === 'acceptance') return evaluateAcceptance(item, feature, index);
  return evaluateRequirement(item, index, feature);
}

type AddGap = (kind: GapKind, key: string, prompt: Omit<PromptInput, 'kind' | 'gapId'>) => void;

/** The spec line of an item, by id, else by text. */
function specLine(item: ManifestItem, feature: SpecFeature | undefined): number | null {
  if (!feature) return null;
  const entries = item.kind === 'requirement' ? feature.requirements : item.kind === 'acceptance' ? feature.acceptanceCriteria : [];
  const entry = entries.find((candidate) => candidate.id === item.id) ?? entries.find((candidate) => candidate.text === item.text);
  if (entry) return entry.line;
  const fileIndex = item.kind === 'file' ? feature.files.indexOf(item.text) : -1;
  return fileIndex >= 0 ? (feature.fileLines[fileIndex] ?? feature.line) : feature.line;
}

function itemGaps(
  item: ManifestItem,
  feature: SpecFeature | null,
  evaluation: ItemEvaluation,
  addGap: AddGap,
  inSpec: { file: string; line: number | null },
): void {
  const base = { feature, item, related: evaluation.related };
  for (const endpoint of evaluation.missingEndpoints) {
    addGap('missing-endpoint', `${endpoint.method} ${endpoint.path}`, {
      ...base,
      message: `the spec names ${endpoint.method} ${endpoint.path} and no code serves it`,
      file: inSpec.file,
      line: inSpec.line,
      details: [],
    });
  }
  if (evaluation.status === 'done') return;
  // A requirement that is missing only because its endpoints are: the missing-endpoint gaps say it all.
  if (
    item.kind !== 'file' &&
    evaluation.missingEndpoints.length > 0 &&
    evaluation.notes.every((note) => note.startsWith('nothing serves '))
  )
    return;
  const where =
    evaluation.evidence[0] ?? (item.kind === 'file' ? undefined : inSpec.line ? { file: inSpec.file, line: inSpec.line } : undefined);
  const notes = evaluation.notes.length > 0 ? `: ${evaluation.notes.join('; ')}` : '';
  if (item.kind === 'file') {
    // A stub file is reported once, as a stub gap, by codeGaps.
    if (evaluation.file && evaluation.notes.every((note) => / is a stub | is empty$/.test(note) || note.endsWith('is empty'))) {
      if (evaluation.notes.some((note) => note.endsWith('is empty')))
        addGap('stub', `empty ${evaluation.file}`, {
          ...base,
          message: `${evaluation.file} is empty`,
          file: evaluation.file,
          line: 1,
          details: [],
        });
      return;
    }
    addGap('missing-file', item.id, {
      ...base,
      message: evaluation.file
        ? `spec file ${item.text} is not at the path the spec names${notes}`
        : `spec file ${item.text} does not exist`,
      file: evaluation.file ?? item.text,
      line: null,
      details: evaluation.file ? [`Existing counterpart: ${evaluation.file}`] : [`Create: ${item.text}`],
    });
    return;
  }
  if (item.kind === 'acceptance') {
    addGap('missing-test', item.id, {
      ...base,
      message: `${evaluation.status === 'partial' ? 'no test clearly covers' : 'no test covers'} the acceptance criterion "${item.text}"${notes}`,
      file: where?.file ?? null,
      line: where?.line ?? null,
      details: [],
    });
    return;
  }
  addGap('unimplemented-requirement', item.id, {
    ...base,
    message: `requirement "${item.text}" is ${evaluation.status === 'partial' ? 'only partly implemented' : 'not implemented'}${notes}`,
    file: where?.file ?? null,
    line: where?.line ?? null,
    details: [],
  });
}

function codeGaps(
  index: CodeIndex,
  specNamed: ReadonlyMap<string, string>,
  featureOf: (file: string) => SpecFeature | null,
  addGap: AddGap,
): void {
  for (const scan of [...index.scans.values()].sort((a, b) => a.path.localeCompare(b.path))) {
    const feature = featureOf(scan.path);
    const seen = new Map<string, number>();
    const occurrence = (key: string): string => {
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      return count > 1 ? `${key}#${count}` : key;
    };
    for (const stub of scan.stubs) {
      if (stub.reason === 'empty-body' && !specNamed.has(scan.path)) continue;
      const what =
        stub.reason === 'not-implemented'
          ? 'raises a not-implemented error'
          : stub.reason === 'pass-body'
            ? 'has a body of only pass/...'
            : 'has an empty body';
      const subject = stub.name ? `${stub.name} in ${scan.path}` : `code in ${scan.path}`;
      addGap('stub', occurrence(`${scan.path} ${stub.name ?? ''} ${stub.reason}`), {
        feature,
        item: null,
        message: `${subject} ${what}`,
        file: scan.path,
        line: stub.line,
        related: [],
        details: [],
      });
    }
    for (const todo of scan.todos) {
      addGap('todo', occurrence(`${scan.path} ${todo.tag} ${todo.text}`), {
        feature,
        item: null,
        message: `${todo.tag} marker: ${todo.text || '(no text)'}`,
        file: scan.path,
        line: todo.line,
        related: [],
        details: [],
      });
    }
  }
}

function httpGaps(
  input: AnalyzeInput,
  featureOf: (file: string) => SpecFeature | null,
  addGap: AddGap,
): { endpoints: GapEndpoint[]; calls: GapCall[] } {
  const { index } = input;
  const ownCalls = input.calls.filter((call) => !call.external);
  const endpoints: GapEndpoint[] = index.endpoints.map((endpoint) => ({ ...endpoint, callers: [], otherCallers: [] }));
  const matcher = new CallMatcher(endpoints);
  const matches = ownCalls.map((call) => matcher.match(call.method, call.path, call.procedure));
  const calls: GapCall[] = ownCalls.map((call, i) => {
    const serving = (matches[i] as CallMatch<GapEndpoint>).endpoint;
    const caller = callerKindOf(call.file);
    if (serving && caller === 'ui') serving.callers.push({ file: call.file, line: call.line });
    else if (serving) serving.otherCallers.push({ file: call.file, line: call.line, caller });
    // A tRPC call is known by its procedure; the path is the served one once matched.
    const path = call.procedure && serving ? serving.path : call.path;
    return { method: call.method ?? '*', path, file: call.file, line: call.line, served: serving !== null, caller };
  });
  // Endpoints whose exact path is called with a method nothing serves: one method-mismatch, not also a disconnect.
  const mismatched = new Set<GapEndpoint>();
  calls.forEach((call, i) => {
    if (!call.served && call.caller === 'ui' && !ownCalls[i]?.soft)
      for (const endpoint of (matches[i] as CallMatch<GapEndpoint>).samePath) mismatched.add(endpoint);
  });
  const ignored = compileIgnores(input.ignoreEndpoints);
  // With no UI in the repository (a backend-only service), "nothing calls it" says nothing.
  const hasUi =
    calls.some((call) => call.caller === 'ui') ||
    index.files.some((file) => /\.(?:tsx|jsx|vue|svelte|html)$/.test(file) && callerKindOf(file) === 'ui');
  if (hasUi) {
    for (const endpoint of endpoints) {
      if (endpoint.callers.length > 0 || ignored(endpoint.method, endpoint.path)) continue;
      if (mismatched.has(endpoint)) continue;
      addGap('ui-disconnect', `${endpoint.method} ${endpoint.path} ${endpoint.file}`, {
        feature: featureOf(endpoint.file),
        item: null,
        message: `${endpoint.method === '*' ? 'ANY' : endpoint.method} ${endpoint.path} is served but nothing in the client code calls it${onlyOthersNote(endpoint.otherCallers)}`,
        file: endpoint.file,
        line: endpoint.line,
        related: [],
        details: endpoint.otherCallers.map((other) => `Called by ${callerNoun(other.caller)}: ${other.file}:${other.line}`),
      });
    }
  }
  // With no server in the repository, calls go to a backend that lives elsewhere.
  if (endpoints.length === 0) return { endpoints, calls };
  const seen = new Map<string, number>();
  calls.forEach((call, i) => {
    // Tests may call paths nothing serves on purpose (a 404 check); only the UI's calls are judged,
    // and of them not links and navigations (a link to a page of the SPA is not an API call).
    if (call.served || call.caller !== 'ui' || ownCalls[i]?.soft) return;
    const key = `${call.method} ${call.path} ${call.file}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const samePath = (matches[i] as CallMatch<GapEndpoint>).samePath;
    const feature = featureOf(call.file);
    if (samePath.length > 0) {
      const served = [...new Set(samePath.map((endpoint) => endpoint.method))].join(', ');
      addGap('method-mismatch', `${key}#${count}`, {
        feature,
        item: null,
        message: `${call.method} ${call.path} is called, but the server serves ${served} for that path`,
        file: call.file,
        line: call.line,
        related: [],
        details: samePath.map((endpoint) => `Served: ${endpoint.method} ${endpoint.path} at ${endpoint.file}:${endpoint.line}`),
      });
    } else {
      addGap('unserved-call', `${key}#${count}`, {
        feature,
        item: null,
        message: `${call.method === '*' ? 'a request to' : call.method} ${call.path} is called but no endpoint serves it`,
        file: call.file,
        line: call.line,
        related: [],
        details: [],
      });
    }
  });
  return { endpoints, calls };
}

/** ` (only tests call it: a.test.ts:3)` for an endpoint that only non-UI code calls. */
function onlyOthersNote(others: GapEndpoint['otherCallers']): string {
  if (others.length === 0) return '';
  const who = [...new Set(others.map((other) => callerNoun(other.caller)))].join(' and ');
  const where = others.slice(0, 3).map((other) => `${other.file}:${other.line}`);
  return ` (only ${who} call it: ${where.join(', ')}${others.length > 3 ? ', …' : ''})`;
}

function callerNoun(kind: CallerKind): string {
  return kind === 'e2e' ? 'e2e tests' : kind === 'story' ? 'stories' : kind === 'mock' ? 'mocks' : kind === 'config' ? 'configs' : 'tests';
}

function compileIgnores(patterns: readonly string[]): (method: string, path: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const trimmed = pattern.trim();
    const space = trimmed.indexOf(' ');
    const method = trimmed.startsWith('/') || space === -1 ? '*' : trimmed.slice(0, space).toUpperCase();
    const pathGlob = trimmed.startsWith('/') || space === -1 ? trimmed : trimmed.slice(space + 1).trim();
    return { method, path: picomatch(pathGlob, { dot: true }) };
  });
  return (method, path) =>
    matchers.some((matcher) => (matcher.method === '*' || method === '*' || matcher.method === method) && matcher.path(path));
}

/** Done items count whole, partial ones half; no items means nothing is owed. */
export function completionOf(items: readonly GapItem[]): number {
  if (items.length === 0) return 100;
  const score = items.reduce((sum, item) => sum + (item.status === 'done' ? 1 : item.status === 'partial' ? 0.5 : 0), 0);
  return Math.round((score / items.length) * 1000) / 10;
}
