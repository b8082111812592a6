import type { Manifest, ManifestItem, Spec, SpecFeature } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { ClientCall } from './scanner/link-endpoints.js';
import { resolveModule } from './scanner/resolve-module.js';
import type { ItemEvaluation, Judgement } from './item-evaluation.js';
import { resolveSpecFile } from './resolve-spec-file.js';
import { endpointsInText } from './names-in-text.js';
import { isServed } from './explicit-evidence.js';
import { evaluateFileItem } from './evaluate-file-item.js';
import { evaluateRequirement } from './evaluate-requirement.js';
import { evaluateAcceptance } from './evaluate-acceptance.js';
import type { EvidenceMemory } from './evidence-memory.js';
import { gapAdder } from './gap-adder.js';
import { itemGaps, specLine } from './item-gaps.js';
import { codeGaps } from './code-gaps.js';
import { httpGaps } from './http-gaps.js';
import { rememberEvidence } from './remember-evidence.js';
import { completionOf } from './completion-of.js';
import type { Gap, GapItem, GapReport } from './types.js';

// Kept here for callers of analyze-gaps; the formula lives in its own module.
export { completionOf };

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
  const addGap = gapAdder(gaps);
  const items: GapItem[] = [];
  const judgements: Record<string, Judgement> = {};
  const memory: EvidenceMemory = {};
  const evidenceFeature = new Map<string, string>();
  for (const item of manifest.items) {
    const feature = features.get(item.featureId);
    const evaluation = evaluate(item, feature, index, new Set(specNamed.keys()));
    rememberEvidence(item, evaluation, index, input.remembered?.[item.id], memory);
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
      if (!target || target === scan.path) continue;
      // Pushed, not copied: a module that a thousand files import made this quadratic.
      const list = importers.get(target);
      if (list) list.push(scan.path);
      else importers.set(target, [scan.path]);
    }
  }
  return importers;
}

function evaluate(item: ManifestItem, feature: SpecFeature | undefined, index: CodeIndex, specNamed: ReadonlySet<string>): ItemEvaluation {
  if (item.kind === 'file') return evaluateFileItem(item, index, specNamed);
  if (item.kind === 'acceptance') return evaluateAcceptance(item, feature, index);
  return evaluateRequirement(item, index, feature);
}
