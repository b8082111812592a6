import { createHash } from 'node:crypto';
import type { Manifest, ManifestItem, Spec } from '../domain/spec.js';
import { itemIds } from './spec-ids.js';

/**
 * The atomic checklist: per feature its requirements, files and acceptance criteria, in that
 * order, each with its stable id. `specHash` is the sha256 of the spec's text, so readers can
 * tell whether a manifest is stale. Ids stay unique even when a spec repeats a feature.
 */
export function buildManifest(spec: Spec, specText: string): Manifest {
  const items: ManifestItem[] = [];
  const used = new Set<string>();
  const unique = (id: string): string => {
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) candidate = `${id}~${n}`;
    used.add(candidate);
    return candidate;
  };
  for (const feature of spec.features) {
    const featureId = feature.id;
    for (const item of feature.requirements) items.push({ id: unique(item.id), featureId, kind: 'requirement', text: item.text });
    const fileIds = itemIds(featureId, 'file', feature.files);
    feature.files.forEach((file, index) => items.push({ id: unique(fileIds[index]!), featureId, kind: 'file', text: file }));
    for (const item of feature.acceptanceCriteria) items.push({ id: unique(item.id), featureId, kind: 'acceptance', text: item.text });
  }
  return { specHash: createHash('sha256').update(specText).digest('hex'), items };
}
