import type { ManifestItemKind } from '../domain/spec.js';

/** Where a piece of evidence or a gap sits (repo-relative path, 1-based line). */
export interface Evidence {
  file: string;
  line: number;
  /** How well it matches the item (0..1, see docs/gaps.md), when found by retrieval. */
  score?: number;
  /** The definition it is (function, class, method, test), when it is one. */
  symbol?: string;
  /** The item's terms it matched (stemmed, synonyms folded). */
  matched?: string[];
  /** What carried the match: name, doc, path, body, file-doc, title; or spec-file, identifier, endpoint. */
  source?: string;
}

export type ItemStatus = 'done' | 'partial' | 'missing';

export interface GapItem {
  id: string;
  featureId: string;
  kind: ManifestItemKind;
  text: string;
  status: ItemStatus;
  evidence: Evidence[];
  /** The retrieval score the status was decided on (requirements and criteria judged by retrieval). */
  score?: number;
}

export type GapKind =
  | 'missing-file'
  | 'stub'
  | 'todo'
  | 'unimplemented-requirement'
  | 'missing-endpoint'
  | 'ui-disconnect'
  | 'unserved-call'
  | 'method-mismatch'
  | 'missing-test';

export interface Gap {
  /** Stable: derived from the kind and what the gap is about, not from line numbers. */
  id: string;
  kind: GapKind;
  featureId: string | null;
  file: string | null;
  line: number | null;
  message: string;
  /** A self-contained instruction for a coding agent. */
  prompt: string;
}

export interface GapEndpoint {
  method: string;
  path: string;
  file: string;
  line: number;
  callers: Evidence[];
}

export interface GapCall {
  method: string;
  path: string;
  file: string;
  line: number;
  served: boolean;
}

export interface FeatureCompletion {
  id: string;
  name: string;
  completion: number;
}

/** What `br-guard gaps --json` prints (CONTRACT.md), plus `features` and `stats`. */
export interface GapReport {
  completion: number;
  items: GapItem[];
  gaps: Gap[];
  endpoints: GapEndpoint[];
  calls: GapCall[];
  features: FeatureCompletion[];
  stats: { files: number; scanned: number; parsed: number; cached: number; durationMs: number };
}
