import type { DriftRule } from './drift-rule.js';
import { forbiddenImport } from './forbidden-import.js';
import { importCycle } from './import-cycle.js';
import { layerViolation } from './layer-violation.js';
import { removedImplementation } from './removed-implementation.js';
import { removedSpecFile } from './removed-spec-file.js';
import { undocumentedEndpoint } from './undocumented-endpoint.js';
import { undocumentedFile } from './undocumented-file.js';
import { unlistedDependency } from './unlisted-dependency.js';
import { unmatchedPattern } from './unmatched-pattern.js';

/** Spec validation runs before the rules; its id is configurable like theirs. */
export const invalidSpecRuleId = 'invalid-spec';

/** Every drift rule, in report order. */
export const allRules: readonly DriftRule[] = [
  undocumentedFile,
  unlistedDependency,
  layerViolation,
  forbiddenImport,
  importCycle,
  undocumentedEndpoint,
  removedSpecFile,
  removedImplementation,
  unmatchedPattern,
];

export const ruleIds: readonly string[] = [invalidSpecRuleId, ...allRules.map((rule) => rule.id)];
