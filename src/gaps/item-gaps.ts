import type { ManifestItem, SpecFeature } from '../domain/spec.js';
import type { ItemEvaluation } from './item-evaluation.js';
import type { AddGap } from './gap-adder.js';

// Turns one judged manifest item into its gaps (missing endpoint, file, test or requirement).

/** The spec line of an item, by id, else by text. */
export function specLine(item: ManifestItem, feature: SpecFeature | undefined): number | null {
  if (!feature) return null;
  const entries = item.kind === 'requirement' ? feature.requirements : item.kind === 'acceptance' ? feature.acceptanceCriteria : [];
  const entry = entries.find((candidate) => candidate.id === item.id) ?? entries.find((candidate) => candidate.text === item.text);
  if (entry) return entry.line;
  const fileIndex = item.kind === 'file' ? feature.files.indexOf(item.text) : -1;
  return fileIndex >= 0 ? (feature.fileLines[fileIndex] ?? feature.line) : feature.line;
}

export function itemGaps(
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
