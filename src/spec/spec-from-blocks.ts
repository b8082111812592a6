import type { Spec, SpecFeature, SpecItem, SpecWarning } from '../domain/spec.js';
import type { FeatureDraft } from './feature-draft.js';
import type { SpecOutline } from './spec-outline.js';
import { shortHash, slugify, textHash, type ItemKindPrefix } from './spec-ids.js';
import { DependencyResolver } from './resolve-dependencies.js';

/** CRLF and lone CR become LF, so lines and positions are the same on every platform. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The spec model from the block outline (see parseSpec). */
export function specFromOutline(outline: SpecOutline, file: string): Spec {
  const features = outline.features.map(toFeature);
  const resolver = new DependencyResolver(features);
  for (const [index, feature] of features.entries()) {
    for (const dependency of outline.features[index]!.dependencies) {
      const resolved = resolver.resolve(dependency.text);
      feature.dependencyTexts.push({ text: dependency.text, line: dependency.line, resolved });
      if (resolved && !feature.dependsOn.includes(resolved)) feature.dependsOn.push(resolved);
    }
  }
  return {
    file,
    title: outline.title,
    overview: outline.overview.join('\n\n'),
    features,
    techStack: { dependencies: unique(outline.dependencies), tools: unique(outline.tools) },
    performanceRequirements: outline.performance,
    fileStructure: unique(outline.fileStructure),
    warnings: sortWarnings(outline.warnings),
  };
}

function toFeature(draft: FeatureDraft): SpecFeature {
  const id = slugify(draft.name) || `feature-${shortHash(draft.name)}`;
  const files: string[] = [];
  const fileLines: number[] = [];
  for (const file of draft.files) {
    files.push(file.text);
    fileLines.push(file.line);
  }
  return {
    id,
    name: draft.name,
    complexity: draft.complexity,
    description: draft.description.join('\n'),
    requirements: withIds(id, 'req', draft.requirements),
    files,
    fileLines,
    acceptanceCriteria: withIds(id, 'acc', draft.acceptance),
    dependsOn: [],
    dependencyTexts: [],
    gate: draft.gate,
    line: draft.line,
  };
}

/** Sets the items' ids, exactly as `itemIds` gives them, in place and without its intermediate arrays. */
function withIds(featureId: string, prefix: ItemKindPrefix, items: SpecItem[]): SpecItem[] {
  const head = `${featureId}/${prefix}-`;
  const bases: string[] = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const base = head + textHash(item.text);
    let count = 1;
    for (let j = 0; j < i; j++) if (bases[j] === base) count++;
    bases[i] = base;
    item.id = count === 1 ? base : `${base}-${count}`;
  }
  return items;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function sortWarnings(warnings: SpecWarning[]): SpecWarning[] {
  return [...warnings].sort((a, b) => a.line - b.line);
}
