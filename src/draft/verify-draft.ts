import { createSpecPaths } from '../drift/spec/spec-paths.js';
import { createTechStackCheck } from '../drift/spec/tech-stack.js';
import { parseSpec } from '../spec/parse-spec.js';
import { validateSpec } from '../spec/validate-spec.js';
import type { DraftFacts } from './draft-facts.js';

/** What a written draft would still leave for drift to report, read back the way the checks read it. */
export interface DraftCoverage {
  /** Source files that no entry of the draft documents. */
  undocumented: string[];
  /** Dependencies (`npm:name`) the draft's tech stack does not admit. */
  unlisted: string[];
  /** Validation errors of the draft (`line: message`). */
  errors: string[];
}

/**
 * Parses the drafted text with the spec parser and asks drift's own spec readers whether each
 * source file is documented and each dependency admitted: the draft is checked, not trusted.
 */
export function verifyDraft(text: string, file: string, facts: DraftFacts, allow: readonly string[]): DraftCoverage {
  const spec = parseSpec(text, file);
  const paths = createSpecPaths(spec);
  const stack = createTechStackCheck(spec, allow);
  return {
    undocumented: facts.needsEntry.filter((path) => !paths.documents(path)),
    unlisted: [
      ...new Set(facts.dependencies.filter((d) => !stack.inStack(d) && !stack.allowedBy(d)).map((d) => `${d.ecosystem}:${d.name}`)),
    ],
    errors: validateSpec(spec).errors.map((error) => `${error.line}: ${error.message}`),
  };
}
