import type { Spec, SpecFeature, SpecValidation, SpecValidationError, SpecWarning } from '../domain/spec.js';
import { findCycles } from './find-cycles.js';

/**
 * Checks what makes a spec unusable for building and gap analysis, returning every problem at
 * once: no features, duplicate features, unresolved dependencies (quoted with their line),
 * dependency cycles (printed whole), features with nothing to check. A file claimed by two
 * features is a warning: shared files (a CLI entry, a config) are legitimate, but worth a look.
 */
export function validateSpec(spec: Spec): SpecValidation {
  const errors: SpecValidationError[] = [];
  const warnings: SpecWarning[] = [...spec.warnings];
  if (spec.features.length === 0) {
    errors.push({ line: 1, message: 'the spec defines no features (expected headings such as "### Feature: NAME")' });
  }
  const byId = new Map<string, SpecFeature>();
  for (const feature of spec.features) {
    const first = byId.get(feature.id);
    if (first) {
      errors.push({
        line: feature.line,
        message: `duplicate feature "${feature.name}" (id ${feature.id}, first defined at line ${first.line})`,
      });
      continue;
    }
    byId.set(feature.id, feature);
  }
  for (const feature of spec.features) {
    for (const dependency of feature.dependencyTexts) {
      if (dependency.resolved === null) {
        errors.push({
          line: dependency.line,
          message: `feature "${feature.name}" depends on "${dependency.text}", which names no feature in the spec`,
        });
      }
    }
    for (const [label, items] of [
      ['requirement', feature.requirements],
      ['acceptance criterion', feature.acceptanceCriteria],
    ] as const) {
      for (const item of items) {
        if (!hasSomethingToCheck(item.text))
          errors.push({
            line: item.line,
            message: `${label} "${item.text}" in feature "${feature.name}" has nothing to check (no words, names or endpoints): write what must be true`,
          });
      }
    }
    if (feature.requirements.length === 0 && feature.files.length === 0 && feature.acceptanceCriteria.length === 0) {
      errors.push({
        line: feature.line,
        message: `feature "${feature.name}" has nothing to check (no requirements, files or acceptance criteria)`,
      });
    }
  }
  for (const cycle of findCycles([...byId.keys()], (id) => byId.get(id)?.dependsOn ?? [])) {
    const line = byId.get(cycle[0]!)?.line ?? 1;
    errors.push({ line, message: `dependency cycle: ${cycle.join(' → ')}` });
  }
  warnings.push(...sharedFileWarnings(spec.features));
  errors.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return { valid: errors.length === 0, errors, warnings };
}

const PLACEHOLDER = /^(?:tbd|tba|todo|n\/?a|wip|xxx|\?+|\.+|-+)$/i;

/** Whether gap analysis can judge an item: it has a letter, a backticked name or an endpoint, and is no placeholder. */
function hasSomethingToCheck(text: string): boolean {
  const trimmed = text.trim().replace(/[.:;!]+$/, '');
  if (trimmed === '' || PLACEHOLDER.test(trimmed)) return false;
  return /\p{L}/u.test(trimmed) || /`[^`]+`/.test(trimmed);
}

function sharedFileWarnings(features: SpecFeature[]): SpecWarning[] {
  const owner = new Map<string, { feature: SpecFeature; line: number }>();
  const warnings: SpecWarning[] = [];
  for (const feature of features) {
    const { files, fileLines } = feature;
    for (let index = 0; index < files.length; index++) {
      const file = files[index]!;
      const line = fileLines[index] ?? feature.line;
      const first = owner.get(file);
      if (!first) owner.set(file, { feature, line });
      else if (first.feature.id !== feature.id) {
        warnings.push({
          line,
          message: `file ${file} is listed by features "${first.feature.name}" (line ${first.line}) and "${feature.name}"`,
        });
      }
    }
  }
  return warnings;
}
