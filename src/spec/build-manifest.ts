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
  // Item ids start with their feature's id and are unique within it (see itemIds), so only a
  // feature whose id repeats can clash; only those pay for the set of ids taken.
  const seenFeatures = new Set<string>();
  const repeated = new Set<string>();
  for (const feature of spec.features) {
    if (seenFeatures.has(feature.id)) repeated.add(feature.id);
    else seenFeatures.add(feature.id);
  }
  const used = new Set<string>();
  const taken = (id: string): string => {
    let candidate = id;
    for (let n = 2; used.has(candidate); n++) candidate = `${id}~${n}`;
    used.add(candidate);
    return candidate;
  };
  const asIs = (id: string): string => id;
  for (const feature of spec.features) {
    const featureId = feature.id;
    const unique = repeated.has(featureId) ? taken : asIs;
    for (const item of feature.requirements) items.push({ id: unique(item.id), featureId, kind: 'requirement', text: item.text });
    const fileIds = itemIds(featureId, 'file', feature.files);
    feature.files.forEach((file, index) => items.push({ id: unique(fileIds[index]!), featureId, kind: 'file', text: file }));
    for (const item of feature.acceptanceCriteria) items.push({ id: unique(item.id), featureId, kind: 'acceptance', text: item.text });
  }
  return { specHash: createHash('sha256').update(specText).digest('hex'), items };
}
