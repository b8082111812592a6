import type { ManifestItemKind } from '../domain/spec.js';
import type { CallerKind } from './scanner/test-paths.js';

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
  /** The UI's calls this endpoint serves (each call credits at most one endpoint). */
  callers: Evidence[];
  /** tRPC: the procedure's dotted path (`post.create`); the path is `<mount>/<procedure>`. */
  procedure?: string;
  /** Calls from code that is not the UI (tests, e2e suites, stories, mocks, configs), kept apart. */
  otherCallers: Array<Evidence & { caller: CallerKind }>;
}

export interface GapCall {
  method: string;
  path: string;
  file: string;
  line: number;
  served: boolean;
  /** Who makes the call: `ui`, or the kind of non-UI code (`test`, `e2e`, `story`, `mock`, `config`). */
  caller: CallerKind;
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
  /**
   * What the scanner saw registered but could not read (a route path or prefix whose value is not
   * known from the code, a server file from which no route could be read): the endpoint list may
   * be incomplete there. Absent when there is none.
   */
  warnings?: Array<{ file: string; line: number; message: string }>;
  stats: { files: number; scanned: number; parsed: number; cached: number; durationMs: number };
  /** Files the scanner could not parse (a syntax error): listed, counted as present, never fatal. */
  skipped?: SkippedFile[];
}

export interface SkippedFile {
  file: string;
  line: number;
  message: string;
}
