import type { Spec, SpecFeature, SpecWarning } from '../domain/spec.js';
import type { Block } from './blocks.js';
import type { FeatureDraft } from './feature-draft.js';
import { buildOutline } from './spec-outline.js';
import { itemIds, shortHash, slugify } from './spec-ids.js';
import { DependencyResolver } from './resolve-dependencies.js';

/** CRLF and lone CR become LF, so lines and positions are the same on every platform. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** The spec model from the block outline (see parseSpec). */
export function specFromBlocks(blocks: Iterable<Block>, file: string): Spec {
  const outline = buildOutline(blocks);
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
  const requirementIds = itemIds(
    id,
    'req',
    draft.requirements.map((item) => item.text),
  );
  const acceptanceIds = itemIds(
    id,
    'acc',
    draft.acceptance.map((item) => item.text),
  );
  return {
    id,
    name: draft.name,
    complexity: draft.complexity,
    description: draft.description.join('\n'),
    requirements: draft.requirements.map((item, index) => ({ id: requirementIds[index]!, text: item.text, line: item.line })),
    files: draft.files.map((file) => file.text),
    fileLines: draft.files.map((file) => file.line),
    acceptanceCriteria: draft.acceptance.map((item, index) => ({ id: acceptanceIds[index]!, text: item.text, line: item.line })),
    dependsOn: [],
    dependencyTexts: [],
    gate: draft.gate,
    line: draft.line,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function sortWarnings(warnings: SpecWarning[]): SpecWarning[] {
  return [...warnings].sort((a, b) => a.line - b.line);
}
