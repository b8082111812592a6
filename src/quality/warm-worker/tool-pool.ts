import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AnalysisCoreUnavailableError } from '../checkers/script-analysis-core.js';
import type { ToolRequest } from './worker-protocol.js';
import { createWorkerTools, ToolLoadError, type WorkerTools } from './worker-tools.js';

/** From the worker's main thread to its tools thread. */
export type ThreadMessage = { kind: 'warm' } | { kind: 'new-client' } | { kind: 'request'; id: number; request: ToolRequest };

/** From the tools thread: warmed, or one request answered (a result, or the error as data). */
export type ThreadReply =
  | { kind: 'ready'; loaded: string[] }
  | {
      kind: 'answer';
      id: number;
      result?: unknown;
      error?: { message: string; type: 'load' | 'unavailable' | 'tool'; loc?: { start: { line?: number; column?: number } } };
      loaded: string[];
    };

const THREAD_ENTRY = new URL('./tools-thread.js', import.meta.url);

/**
 * The warm worker's tools on two threads. A pre-commit sends its files' requests all at once
 * (format, then lint as each format comes back), and while the worker answers them the hook only
 * waits: one thread leaves the second core idle. A second set of the same tools, loaded in a
 * worker thread once the first set is warm, takes every other request (whichever side has fewer
 * in flight); until it is warm, or if it fails, everything stays on the main thread, and a
 * request the thread had in flight when it died is answered here instead. One core, or a first
 * set that is already big (SECOND_SET_MAX_RSS_MB): one thread.
 */
export interface ToolPool extends WorkerTools {
  /** Settles once the second set of tools is warm (true), or will not be (false: one core, or it failed). */
  threadReady(): Promise<boolean>;
  /** How many sets of tools are warm now besides loading: 1, or 2 once the second thread's are. */
  warmSets(): number;
  /** Requests answered by the second thread so far (for `worker status`). */
  answeredByThread(): number;
  /** Ends the second thread; what it had in flight is answered on the main thread. */
  close(): Promise<void>;
}

/**
 * A second set costs about what the first does. Past this much RSS with one set warm (a big
 * program for type-aware lint rules, say), the worker stays on one thread: two would pass the
 * 400 MB the worker is allowed.
 */
export const SECOND_SET_MAX_RSS_MB = 200;

export function createToolPool(root: string, options: { threads?: number; maxRssMb?: number } = {}): ToolPool {
  const local = createWorkerTools(root);
  const wanted = options.threads ?? (availableParallelism() >= 2 ? 2 : 1);
  const maxRssMb = options.maxRssMb ?? SECOND_SET_MAX_RSS_MB;
  let thread: Worker | null = null;
  let threadReady = false;
  let threadLoaded: string[] = [];
  let localInFlight = 0;
  let nextId = 1;
  let byThread = 0;
  let settleReady!: (ready: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve));
  const pending = new Map<number, { request: ToolRequest; resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const answerHere = async (request: ToolRequest): Promise<unknown> => {
    localInFlight++;
    try {
      return await local.answer(request);
    } finally {
      localInFlight--;
    }
  };
  const threadGone = (): void => {
    threadReady = false;
    thread = null;
    settleReady(false);
    // What it had in flight is answered here: the client never sees the thread go.
    for (const { request, resolve, reject } of pending.values()) answerHere(request).then(resolve, reject);
    pending.clear();
  };
  const startThread = (): void => {
    if (wanted < 2 || thread || process.memoryUsage.rss() > maxRssMb * 1024 * 1024) return settleReady(false);
    try {
      thread = new Worker(THREAD_ENTRY, { workerData: { root } });
    } catch {
      return settleReady(false);
    }
    thread.unref();
    thread.on('message', (reply: ThreadReply) => {
      threadLoaded = reply.loaded;
      if (reply.kind === 'ready') {
        threadReady = true;
        return settleReady(true);
      }
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      byThread++;
      if (!reply.error) return waiting.resolve(reply.result);
      waiting.reject(asError(reply.error));
    });
    thread.on('error', threadGone);
    thread.on('exit', threadGone);
    thread.postMessage({ kind: 'warm' } satisfies ThreadMessage);
  };

  return {
    async warm() {
      await local.warm();
      // The thread loads its tools after the main set, so the two never compete for the CPU at start.
      startThread();
    },
    threadReady: () => ready,
    warmSets: () => (threadReady ? 2 : 1),
    answeredByThread: () => byThread,
    async close() {
      const ending = thread;
      if (!ending) return;
      threadGone();
      ending.removeAllListeners('exit');
      ending.removeAllListeners('error');
      await ending.terminate();
    },
    answer(request) {
      if (!thread || !threadReady || pending.size >= localInFlight) return answerHere(request);
      const id = nextId++;
      const sent = thread;
      return new Promise((resolve, reject) => {
        pending.set(id, { request, resolve, reject });
        sent.postMessage({ kind: 'request', id, request } satisfies ThreadMessage);
      });
    },
    loaded: () => [...new Set([...local.loaded(), ...threadLoaded])].sort(),
    newClient() {
      local.newClient();
      thread?.postMessage({ kind: 'new-client' } satisfies ThreadMessage);
    },
  };
}

/** The thread's error as the kind of error the main thread's tools would have thrown. */
function asError(error: NonNullable<Extract<ThreadReply, { kind: 'answer' }>['error']>): Error {
  if (error.type === 'load') return new ToolLoadError(error.message);
  if (error.type === 'unavailable') return new AnalysisCoreUnavailableError(error.message);
  return Object.assign(new Error(error.message), error.loc ? { loc: error.loc } : {});
}
