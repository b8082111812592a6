import { chmod, lstat, mkdir, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { currentProcessIdentity, isProcessRunning, type ProcessIdentity } from '../../adapters/process-liveness.js';
import { WorkerConnection } from './worker-connection.js';
import type { WorkerStatusReport } from './worker-protocol.js';
import type { WorkerPaths } from './worker-paths.js';
import { readWorkerState, writeWorkerState } from './worker-state.js';
import { createToolPool } from './tool-pool.js';

/** How often a worker checks that its socket is still its own. */
export const SOCKET_CHECK_MS = 2000;

export interface WorkerServerOptions {
  root: string;
  paths: WorkerPaths;
  versionKey: string;
  idleMinutes: number;
  /** The hook that started this worker: the tools load once it has exited, so they never compete with it for the CPU. */
  after: ProcessIdentity | null;
  /** How long to wait for `after` at most (ms). */
  afterTimeoutMs?: number;
  /** Called once the worker has stopped (the entry exits the process). */
  onStopped: () => void;
}

/** A running warm worker: `stop` closes the socket, removes its files (when still its own) and ends. */
export interface WorkerServer {
  stop(): Promise<void>;
}

/**
 * The warm worker's lifecycle: bind the socket (taking over a dead worker's), record the state,
 * load the tools once the starting hook is gone, answer clients, and stop after the idle time, on
 * SIGTERM, on a `stop` request, or when its socket is no longer its own.
 */
export async function startWorkerServer(options: WorkerServerOptions): Promise<WorkerServer | null> {
  const { root, paths, versionKey } = options;
  // Not recursive: a worker whose repository was removed meanwhile must not make its folders again.
  await mkdir(paths.dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const tools = createToolPool(root);
  const connections = new Set<WorkerConnection>();
  const startedAt = new Date();
  let ready = false;
  let requests = 0;
  let stopping: Promise<void> | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let socketIno = -1;
  // Another worker may take the path over (a racing start), or the repository may be removed:
  // then this one leaves, without touching a successor's files. A stat every few seconds is free.
  const watch = setInterval(() => {
    if (socketIno === -1) return; // Not bound yet.
    lstat(paths.socket).then(
      (info) => info.ino !== socketIno && void stop(false),
      () => void stop(false),
    );
  }, SOCKET_CHECK_MS);
  watch.unref();
  // Defined before the socket is bound: a `stop` request may arrive while the state is being written.
  const stop = (ownFiles = true): Promise<void> =>
    (stopping ??= (async () => {
      clearTimeout(idleTimer);
      clearInterval(watch);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownFiles && socketIno !== -1) await removeOwnFiles(paths, socketIno);
      options.onStopped();
    })());
  const idleMs = options.idleMinutes * 60_000;
  const touched = (): void => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if ([...connections].some((connection) => connection.busy)) touched();
      else void stop();
    }, idleMs);
  };
  const server = createServer((socket: Socket) => {
    const connection = new WorkerConnection(socket, {
      root,
      versionKey,
      tools,
      ready: () => ready,
      busyElsewhere: (self) => [...connections].some((other) => other !== self && other.serving),
      status: () => ({
        ...statusReport(options, versionKey, startedAt, tools.loaded(), requests),
        toolThreads: { warm: ready ? tools.warmSets() : 0, answeredBySecond: tools.answeredByThread(), settled: tools.settled() },
      }),
      touched,
      counted: () => void requests++,
      stop: () => void stop(),
    });
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  if (!(await listenTakingOver(server, paths.socket))) return null;
  // Only this user may talk to it: the requests carry the project's source.
  await chmod(paths.socket, 0o600).catch(() => undefined);
  socketIno = (await lstat(paths.socket)).ino;
  const identity = currentProcessIdentity();
  await writeWorkerState(paths, {
    pid: process.pid,
    startTime: identity?.startTime ?? '',
    versionKey,
    root,
    startedAt: startedAt.toISOString(),
    socket: paths.socket,
  });
  touched();
  void waitForExit(options.after, options.afterTimeoutMs ?? 30_000)
    .then(() => tools.warm())
    .catch(() => undefined)
    .finally(() => {
      ready = true;
    });
  return { stop: () => stop() };
}

function statusReport(
  options: WorkerServerOptions,
  versionKey: string,
  startedAt: Date,
  toolsLoaded: string[],
  requests: number,
): WorkerStatusReport {
  return {
    pid: process.pid,
    root: options.root,
    versionKey,
    startedAt: startedAt.toISOString(),
    uptimeMs: Date.now() - startedAt.getTime(),
    rssBytes: process.memoryUsage.rss(),
    toolsLoaded,
    idleMinutes: options.idleMinutes,
    requests,
  };
}

/**
 * Binds the socket. A path already there is probed: a live listener keeps it (null: another
 * worker runs); a dead worker's socket, or anything else that accepts no connection, is replaced.
 */
async function listenTakingOver(server: Server, socket: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen(socket, () => {
        server.off('error', resolve);
        resolve(null);
      });
    });
    if (!error) return true;
    if (error.code !== 'EADDRINUSE' || (await accepts(socket))) return false;
    await rm(socket, { force: true }).catch(() => undefined);
  }
  return false;
}

function accepts(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(socket);
    const done = (result: boolean): void => {
      probe.destroy();
      resolve(result);
    };
    probe.once('connect', () => done(true));
    probe.once('error', () => done(false));
    probe.setTimeout(500, () => done(false));
  });
}

/** Removes the socket and the state, but only while they are this worker's (a successor's are left alone). */
async function removeOwnFiles(paths: WorkerPaths, socketIno: number): Promise<void> {
  const info = await lstat(paths.socket).catch(() => null);
  if (info?.ino === socketIno) await rm(paths.socket, { force: true }).catch(() => undefined);
  const state = await readWorkerState(paths);
  if (state?.pid === process.pid) await rm(paths.state, { force: true }).catch(() => undefined);
}

/** Resolves once `after` has exited (or become a zombie), or after `timeoutMs`. */
async function waitForExit(after: ProcessIdentity | null, timeoutMs: number): Promise<void> {
  if (!after) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isProcessRunning(after.pid, after.startTime)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
