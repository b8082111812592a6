import { createConnection, type Socket } from 'node:net';
import { encodeFrame, readFrames } from './frame-lines.js';
import { traceMark, tracing } from '../../adapters/trace-marks.js';
import type { HelloReply, RefusalReason, ToolReply, WorkerRequest } from './worker-protocol.js';

/** How long a connect plus hello may take before the client runs the tools in-process. */
export const CONNECT_TIMEOUT_MS = 200;

/**
 * How long a client waits with requests pending and nothing arriving before it gives up on the
 * worker. A killed worker closes its socket and is noticed at once; this bounds a worker that is
 * alive but stuck (stopped, swapping). Longer than the connect timeout because one ESLint run on
 * a big file blocks the worker's event loop for that long legitimately.
 */
export const REPLY_TIMEOUT_MS = 1000;

/** The worker path failed (gone, stuck, broken): the caller runs the tool in-process instead. */
export class WorkerUnavailableError extends Error {}

/** The tool in the worker raised this error on this input: the in-process tool would have too. */
export class WorkerToolError extends Error {
  constructor(
    message: string,
    readonly loc: { start: { line?: number; column?: number } } | undefined,
  ) {
    super(message);
  }
}

type Body = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Why a connection was not made: nothing listens, the worker refused, or it did not answer in time. */
export type ConnectFailure = { failed: 'absent' | 'timeout' | 'broken' } | { failed: RefusalReason; detail: string };

/** A connection to a warm worker that accepted this client. */
export interface WorkerClient {
  readonly pid: number;
  call<T = unknown>(request: Body): Promise<T>;
  close(): void;
  /** Set once the connection has failed: every later call fails at once. */
  readonly broken: boolean;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Settles the call a reply answers; false when it answers none (a late reply to a call given up on). */
function settleReply(pending: Map<number, Pending>, reply: HelloReply | ToolReply): boolean {
  const waiting = pending.get(reply?.id);
  if (!waiting) return false;
  pending.delete(reply.id);
  if ('hello' in reply) waiting.resolve(reply.hello);
  else if ('result' in reply) waiting.resolve(reply.result);
  else if (reply.toolError) waiting.reject(new WorkerToolError(reply.error, reply.loc));
  else waiting.reject(new WorkerUnavailableError(reply.error));
  return true;
}

/** Connects and says hello (root and version key), all within `timeoutMs`. */
export function connectWorker(
  socketPath: string,
  root: string,
  versionKey: string,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<WorkerClient | ConnectFailure> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    const pending = new Map<number, Pending>();
    let nextId = 1;
    let broken = false;
    let settled = false;
    let silence: NodeJS.Timeout | undefined;
    const fail = (reason: string): void => {
      broken = true;
      clearTimeout(silence);
      socket.destroy();
      for (const waiting of pending.values()) waiting.reject(new WorkerUnavailableError(reason));
      pending.clear();
    };
    // Refs the socket only while something waits, so an idle connection never holds the process open.
    const armSilence = (): void => {
      clearTimeout(silence);
      if (!pending.size) {
        socket.unref();
        return;
      }
      socket.ref();
      silence = setTimeout(() => fail(`no answer from the warm worker in ${REPLY_TIMEOUT_MS} ms`), REPLY_TIMEOUT_MS);
    };
    const send = (request: Body): Promise<unknown> => {
      if (broken) return Promise.reject(new WorkerUnavailableError('the warm worker connection failed earlier'));
      const id = nextId++;
      return new Promise((resolveCall, rejectCall) => {
        if (tracing) {
          const label = `worker ${request.kind} #${id}${'path' in request ? ` ${String(request.path)}` : ''}`;
          traceMark(`${label} sent`);
          pending.set(id, { resolve: (value) => (traceMark(`${label} answered`), resolveCall(value)), reject: rejectCall });
        } else pending.set(id, { resolve: resolveCall, reject: rejectCall });
        socket.write(encodeFrame({ ...request, id }));
        armSilence();
      });
    };
    const finish = (value: WorkerClient | ConnectFailure): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      if (!('call' in value)) fail('not connected');
      resolve(value);
    };
    const connectTimer = setTimeout(() => finish({ failed: 'timeout' }), timeoutMs);
    readFrames(
      socket,
      (message) => {
        if (settleReply(pending, message as HelloReply | ToolReply)) armSilence();
      },
      () => {
        fail('the warm worker sent something that is not a message');
        finish({ failed: 'broken' });
      },
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      fail(error.message);
      finish({ failed: error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'ENOTSOCK' ? 'absent' : 'broken' });
    });
    socket.on('close', () => {
      fail('the warm worker closed the connection');
      finish({ failed: 'broken' });
    });
    socket.once('connect', () => {
      send({ kind: 'hello', root, versionKey }).then(
        (hello) =>
          finish(
            acceptedClient(
              hello as HelloReply['hello'],
              send,
              () => fail('closed'),
              () => broken,
            ),
          ),
        () => finish({ failed: 'broken' }),
      );
    });
  });
}

/** The client for a hello the worker accepted, or why it refused. */
function acceptedClient(
  hello: HelloReply['hello'],
  send: (request: Body) => Promise<unknown>,
  close: () => void,
  isBroken: () => boolean,
): WorkerClient | ConnectFailure {
  if ('refused' in hello) return { failed: hello.refused, detail: hello.detail };
  return {
    pid: hello.pid,
    call: <T>(request: Body) => send(request) as Promise<T>,
    close,
    get broken() {
      return isBroken();
    },
  };
}

/** One request on a fresh connection without hello (`status`, `stop`), for `br-guard worker`. */
export function askWorker<T>(socketPath: string, request: { kind: 'status' | 'stop' }, timeoutMs = 1000): Promise<T> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createConnection(socketPath);
    const timer = setTimeout(() => done(new WorkerUnavailableError(`no answer in ${timeoutMs} ms`)), timeoutMs);
    const done = (error: Error | null, value?: unknown): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value as T);
    };
    socket.once('connect', () => socket.write(encodeFrame({ ...request, id: 1 })));
    readFrames(
      socket,
      (reply) => done(null, (reply as { id: number; result?: unknown }).result),
      () => done(new WorkerUnavailableError('the worker sent something that is not a message')),
    );
    socket.on('error', (error) => done(new WorkerUnavailableError(error.message)));
    socket.on('close', () => done(new WorkerUnavailableError('the worker closed the connection')));
  });
}
