import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ToolRequest } from './worker-protocol.js';
import { createWorkerTools, toolErrorFrom, type ToolErrorData, type WorkerTools } from './worker-tools.js';

/** From the worker's main thread to its tools thread. */
export type ThreadMessage = { kind: 'warm' } | { kind: 'new-client' } | { kind: 'request'; id: number; request: ToolRequest };

/** From the tools thread: warmed, or one request answered (a result, or the error as data). */
export type ThreadReply =
  | { kind: 'ready'; loaded: string[] }
  | {
      kind: 'answer';
      id: number;
      result?: unknown;
      error?: ToolErrorData;
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
  /** Whether it is decided how many sets there will be (the second is warm, or will not be). */
  settled(): boolean;
  /** Requests answered by the second thread so far (for `worker status`). */
  answeredByThread(): number;
  /** Ends the second thread; what it had in flight is answered on the main thread. */
  close(): Promise<void>;
}

/**
 * A second set adds about two thirds of what the first holds (measured on the bench's repository:
 * 170 MB with one set, 280 MB with two). Past this much RSS with one set warm (a big program for
 * type-aware lint rules, say), the worker stays on one thread: two would pass the 400 MB the
 * worker is allowed.
 */
export const SECOND_SET_MAX_RSS_MB = 240;

type Pending = { request: ToolRequest; resolve: (value: unknown) => void; reject: (error: Error) => void };

/** The second set of tools in its worker thread: requests out, answers back, and its end. */
class ToolThread {
  ready = false;
  answered = 0;
  loaded: string[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private ended = false;

  constructor(
    private readonly worker: Worker,
    onReady: () => void,
    /** Called once when the thread ends, with what it still had in flight. */
    private readonly onEnd: (orphans: Pending[]) => void,
  ) {
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      this.loaded = reply.loaded;
      if (reply.kind === 'ready') {
        this.ready = true;
        return onReady();
      }
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      this.answered++;
      if (reply.error) waiting.reject(toolErrorFrom(reply.error));
      else waiting.resolve(reply.result);
    });
    worker.on('error', () => this.gone());
    worker.on('exit', () => this.gone());
    this.post({ kind: 'warm' });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  ask(request: ToolRequest): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      this.post({ kind: 'request', id, request });
    });
  }

  post(message: ThreadMessage): void {
    this.worker.postMessage(message);
  }

  async end(): Promise<void> {
    this.gone();
    await this.worker.terminate();
  }

  private gone(): void {
    if (this.ended) return;
    this.ended = true;
    this.ready = false;
    const orphans = [...this.pending.values()];
    this.pending.clear();
    this.onEnd(orphans);
  }
}

export function createToolPool(root: string, options: { threads?: number; maxRssMb?: number } = {}): ToolPool {
  const local = createWorkerTools(root);
  const wanted = options.threads ?? (availableParallelism() >= 2 ? 2 : 1);
  const maxRssMb = options.maxRssMb ?? SECOND_SET_MAX_RSS_MB;
  let thread: ToolThread | null = null;
  let answeredBefore = 0;
  let localInFlight = 0;
  let decided = false;
  let settleReady!: (ready: boolean) => void;
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve)).finally(() => (decided = true));

  const answerHere = async (request: ToolRequest): Promise<unknown> => {
    localInFlight++;
    try {
      return await local.answer(request);
    } finally {
      localInFlight--;
    }
  };
  const startThread = (): void => {
    if (wanted < 2 || thread || process.memoryUsage.rss() > maxRssMb * 1024 * 1024) return settleReady(false);
    try {
      thread = new ToolThread(
        new Worker(THREAD_ENTRY, { workerData: { root } }),
        () => settleReady(true),
        (orphans) => {
          answeredBefore += thread?.answered ?? 0;
          thread = null;
          settleReady(false);
          // What it had in flight is answered here: the client never sees the thread go.
          for (const { request, resolve, reject } of orphans) answerHere(request).then(resolve, reject);
        },
      );
    } catch {
      settleReady(false);
    }
  };

  return {
    async warm() {
      await local.warm();
      // The thread loads its tools after the main set, so the two never compete for the CPU at start.
      startThread();
    },
    answer: (request) => (thread?.ready && thread.inFlight < localInFlight ? thread.ask(request) : answerHere(request)),
    loaded: () => [...new Set([...local.loaded(), ...(thread?.loaded ?? [])])].sort(),
    newClient() {
      local.newClient();
      thread?.post({ kind: 'new-client' });
    },
    threadReady: () => ready,
    warmSets: () => (thread?.ready ? 2 : 1),
    settled: () => decided,
    answeredByThread: () => answeredBefore + (thread?.answered ?? 0),
    close: async () => thread?.end(),
  };
}
