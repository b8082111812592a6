import type { DriftRule } from './drift-rule.js';
import { devImportInProduction } from './dev-import-in-production.js';
import { boundaryViolation } from './boundary-violation.js';
import { forbiddenImport } from './forbidden-import.js';
import { importCycle } from './import-cycle.js';
import { internalImport } from './internal-import.js';
import { layerViolation } from './layer-violation.js';
import { removedImplementation } from './removed-implementation.js';
import { removedSpecFile } from './removed-spec-file.js';
import { undeclaredImport } from './undeclared-import.js';
import { undocumentedEndpoint } from './undocumented-endpoint.js';
import { undocumentedFile } from './undocumented-file.js';
import { unlistedDependency } from './unlisted-dependency.js';
import { unmatchedPattern } from './unmatched-pattern.js';
import { unresolvedImport } from './unresolved-import.js';

/** Spec validation runs before the rules; its id is configurable like theirs. */
export const invalidSpecRuleId = 'invalid-spec';

/** Every drift rule, in report order. */
export const allRules: readonly DriftRule[] = [
  undocumentedFile,
  unlistedDependency,
  layerViolation,
  forbiddenImport,
  boundaryViolation,
  internalImport,
  importCycle,
  undeclaredImport,
  devImportInProduction,
  unresolvedImport,
  undocumentedEndpoint,
  removedSpecFile,
  removedImplementation,
  unmatchedPattern,
];

export const ruleIds: readonly string[] = [invalidSpecRuleId, ...allRules.map((rule) => rule.id)];
