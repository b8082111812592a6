import type { Candidate } from './code-index.js';
import type { Evidence, ItemStatus } from './types.js';

// The verdict on one manifest item, shared by every kind of judging and by the gap and explain code that reads it.

export interface ItemEvaluation {
  status: ItemStatus;
  evidence: Evidence[];
  /** What is missing, in words, for the gap message. */
  notes: string[];
  /** Code found near the item (for fix prompts). */
  related: Candidate[];
  /** Endpoints the item's text names that no code serves. */
  missingEndpoints: Array<{ method: string; path: string }>;
  /** For file items: the file it resolved to. */
  file?: string;
  /** How the item was judged (retrieval items only). */
  judgement?: Judgement;
  /**
   * Items judged by what their text names (endpoints, backticked identifiers): the named endpoints
   * as served, and the definitions retrieval ranks first for the item's words (the handlers behind
   * a route). Remembered when the item is done, so deleting a handler the route still names is seen.
   */
  implementation?: {
    endpoints: Array<{ method: string; path: string; file: string; line: number }>;
    definitions: Evidence[];
  };
}

/** What an item was judged by, for `--json` and `gaps --explain` (docs/gaps.md). */
export interface Judgement {
  /** The score the status was decided on. */
  score: number;
  terms: string[];
  bar: { done: number; partial: number };
  /** Where the decisive search looked: the feature's own Files, the whole repository, or the tests. */
  scope: 'files' | 'repository' | 'tests';
  ownFiles: string[];
  candidates: Array<{
    label: string;
    file: string;
    line: number;
    score: number;
    matched: string[];
    source: string;
    own: boolean;
    hollow: boolean;
    /** The definition, for symbol candidates. */
    symbol: string | null;
  }>;
  reason: string;
}
