import type { Dependency } from '../drift/deps/dependency.js';
import type { Endpoint } from '../gaps/scanner/link-endpoints.js';
import type { FileScan } from '../gaps/scanner/types.js';

/**
 * What a spec is drafted from: everything read off the repository, gathered once by
 * `collectDraftFacts` so that drafting itself is a pure function of these facts.
 */
export interface DraftFacts {
  /** Every file of the work tree drift's `--all` sees (tracked, and untracked not ignored). */
  files: string[];
  /** The source files among them that need a spec entry (not covered by `architecture.undocumentedAllowed`). */
  needsEntry: string[];
  /** Files gap analysis scans and may cite (`gaps.ignore` left out): candidates for features' Files. */
  scanned: FileScan[];
  /** Endpoints served, linked across files (the gap analyzer's own linker). */
  endpoints: Endpoint[];
  /** Every dependency of every manifest, as drift reads them. */
  dependencies: Dependency[];
  /** Root manifests and README, as text (null when absent). */
  packageJson: string | null;
  pyproject: string | null;
  readme: { file: string; text: string } | null;
}

/** A drafted feature: a name, why it was drafted, what it names. */
export interface FeatureDraft {
  name: string;
  description: string;
  requirements: string[];
  files: string[];
}

/** The whole draft before it is written as markdown. */
export interface SpecDraft {
  title: string;
  overview: string;
  /** Where the draft came from, for the comment at the top (`package.json`, `README.md`, `42 source files`). */
  sources: string[];
  features: FeatureDraft[];
  /** Runtime dependencies (and languages), then development ones, as tech stack list items. */
  dependencies: string[];
  tools: string[];
  /** File Structure tree lines (indented by two spaces per level). */
  structure: string[];
}
