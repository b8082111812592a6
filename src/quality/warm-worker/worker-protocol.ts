/**
 * What the warm worker and its clients say to each other over the unix socket: one JSON message
 * per line (see frame-lines.ts). Every request carries an id; every reply names the id it answers.
 */

/** The first request of a connection: who asks, and for which configuration. */
export interface HelloRequest {
  id: number;
  kind: 'hello';
  /** The work tree root the client checks; a worker answers only for its own. */
  root: string;
  /** The client's version key (version-key.ts); a worker with another key is stale. */
  versionKey: string;
}

/** A tool call: the content travels in the request (staged blobs, never work-tree files). */
export type ToolRequest =
  | { id: number; kind: 'lint'; path: string; text: string; fix: boolean }
  | { id: number; kind: 'complexity' | 'security'; path: string; text: string }
  | { id: number; kind: 'format'; path: string; text: string }
  | { id: number; kind: 'ruff-check' | 'ruff-format' | 'ruff-fix'; text: string };

/** `status` (for `br-guard worker status`) and `stop` (graceful exit). */
export type ControlRequest = { id: number; kind: 'status' } | { id: number; kind: 'stop' };

export type WorkerRequest = HelloRequest | ToolRequest | ControlRequest;

/** Why a worker will not serve this connection. */
export type RefusalReason = 'other-root' | 'stale' | 'busy' | 'warming';

export interface HelloReply {
  id: number;
  hello: { pid: number; versionKey: string; ready: boolean } | { refused: RefusalReason; detail: string };
}

/** What `status` answers: enough for `br-guard worker status`. */
export interface WorkerStatusReport {
  pid: number;
  root: string;
  versionKey: string;
  startedAt: string;
  uptimeMs: number;
  rssBytes: number;
  toolsLoaded: string[];
  idleMinutes: number;
  /** Tool requests answered since the start. */
  requests: number;
  /** Sets of tools that are warm (2: the second thread's too; see tool-pool.ts), and what the second answered. */
  toolThreads?: { warm: number; answeredBySecond: number; settled: boolean };
}

/**
 * A tool's answer, or its error. `toolError` marks an error the tool itself raised on this input
 * (a Prettier syntax error, a parse error): a result, given as the in-process tool would give it.
 * Anything else (`toolError` false) is the worker's failure, and the client falls back.
 */
export type ToolReply =
  { id: number; result: unknown } | { id: number; error: string; toolError: boolean; loc?: { start: { line?: number; column?: number } } };

export type WorkerReply = HelloReply | ToolReply;

const toolKinds = new Set(['lint', 'complexity', 'security', 'format', 'ruff-check', 'ruff-format', 'ruff-fix']);

/** Checks a decoded message's shape: a worker must not act on a malformed request. */
export function parseRequest(value: unknown): WorkerRequest | null {
  if (!value || typeof value !== 'object') return null;
  const message = value as Record<string, unknown>;
  if (typeof message.id !== 'number' || typeof message.kind !== 'string') return null;
  if (message.kind === 'hello') {
    return typeof message.root === 'string' && typeof message.versionKey === 'string' ? (message as unknown as HelloRequest) : null;
  }
  if (message.kind === 'status' || message.kind === 'stop') return message as unknown as ControlRequest;
  return isToolRequest(message) ? (message as unknown as ToolRequest) : null;
}

function isToolRequest(message: Record<string, unknown>): boolean {
  const kind = String(message.kind);
  if (!toolKinds.has(kind) || typeof message.text !== 'string') return false;
  if (!kind.startsWith('ruff') && typeof message.path !== 'string') return false;
  return kind !== 'lint' || typeof message.fix === 'boolean';
}
