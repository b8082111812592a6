import type { BrGuardConfig, RuleLevel } from '../../config/types.js';
import type { Spec } from '../../domain/spec.js';
import type { FileChange } from '../diff/change-set.js';
import type { Dependency } from '../deps/dependency.js';
import type { ImportEdge } from '../imports/import-graph.js';
import type { Endpoint } from '../spec/spec-endpoints.js';
import type { SpecPaths } from '../spec/spec-paths.js';
import type { DriftScope, DriftViolation } from '../types.js';
import type { RemovedImplementation } from '../removed-implementations.js';

/** Everything the diff analyzer found, which the rules judge. */
export interface DriftAnalysis {
  scope: DriftScope;
  config: BrGuardConfig;
  spec: Spec | null;
  specPaths: SpecPaths;
  /** The spec file is part of the change. */
  specChanged: boolean;
  /** Lines the change adds to the spec. */
  specAddedLines: string[];
  /** Every file on the after side. */
  files: string[];
  changes: FileChange[];
  addedDependencies: Dependency[];
  removedDependencies: Dependency[];
  /** Every dependency the after side declares (to tell whether an allow pattern is used). */
  allDependencies: Dependency[];
  /** Every manifest of the after side (package.json, pyproject.toml, requirements), with a package.json's `name`. */
  manifests: Array<{ file: string; name: string | null }>;
  /** Imports the change adds, resolved (for whole-tree checks: every import). */
  addedEdges: ImportEdge[];
  removedImports: number;
  /** Import cycles that the change closes, each printed in full; null when not computed. */
  cycles: string[][] | null;
  /** Endpoints the change adds; null when no endpoint extractor is available. */
  addedEndpoints: Endpoint[] | null;
  /** Endpoints the spec names. */
  specEndpoints: Endpoint[];
  /** The config file (repo-relative) that patterns come from, for messages; null for defaults. */
  configFile: string | null;
  /** Ids of every rule, so a misspelt `architecture.rules` key is reported. */
  ruleIds: string[];
  /** Remembered requirement evidence the change deletes, empties or stubs (rule removed-implementation). */
  removedImplementations?: RemovedImplementation[];
}

/** A violation before its rule, severity and baseline are applied: the rule's part of a `DriftViolation`. */
export type RawViolation = Pick<DriftViolation, 'file' | 'line' | 'message' | 'key'>;

export interface DriftRule {
  id: string;
  /** Level when `architecture.rules` does not set one. */
  defaultLevel: Exclude<RuleLevel, 'off'>;
  /** One line for docs and `--help`. */
  description: string;
  check(analysis: DriftAnalysis): RawViolation[];
}
