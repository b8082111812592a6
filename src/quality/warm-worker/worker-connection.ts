import type { Socket } from 'node:net';
import { encodeFrame, readFrames } from './frame-lines.js';
import {
  parseRequest,
  type HelloReply,
  type ToolReply,
  type ToolRequest,
  type WorkerRequest,
  type WorkerStatusReport,
} from './worker-protocol.js';
import { toolErrorData, type WorkerTools } from './worker-tools.js';
import { traceMark, tracing } from '../../adapters/trace-marks.js';

/** What a connection needs from the worker around it. */
export interface ConnectionHost {
  root: string;
  versionKey: string;
  tools: WorkerTools;
  /** Whether the tools have finished their warm-up (a client does not wait for it). */
  ready(): boolean;
  /** Whether another connection is being served right now. */
  busyElsewhere(connection: object): boolean;
  status(): WorkerStatusReport;
  /** Any request: the idle timer starts again. */
  touched(): void;
  /** A tool request arrived (counted for `br-guard worker status`). */
  counted(): void;
  stop(): void;
}

/**
 * One client's connection. It must say hello first (its root and version key); a worker serves
 * only its own root and only a client of the same version. The worker computes and answers,
 * nothing else: once the client has gone (it gave up or was killed), answers are dropped.
 */
export class WorkerConnection {
  private accepted = false;
  private pendingCount = 0;

  constructor(
    private readonly socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    readFrames(
      socket,
      (message) => this.receive(parseRequest(message)),
      () => socket.destroy(), // Not our protocol: nothing to answer.
    );
    socket.on('error', () => socket.destroy());
  }

  /** Whether this connection holds the worker: a client said hello and has not gone. */
  get serving(): boolean {
    return this.accepted && !this.socket.destroyed;
  }

  /** Whether this connection has requests in flight. */
  get busy(): boolean {
    return this.pendingCount > 0;
  }

  private receive(request: WorkerRequest | null): void {
    if (!request) {
      this.socket.destroy();
      return;
    }
    this.host.touched();
    switch (request.kind) {
      case 'hello':
        return this.hello(request.id, request.root, request.versionKey);
      case 'status':
        return this.send({ id: request.id, result: this.host.status() });
      case 'stop':
        this.send({ id: request.id, result: 'stopping' });
        this.socket.end(() => this.host.stop());
        return;
      default:
        if (!this.accepted) this.socket.destroy();
        else void this.answer(request);
    }
  }

  private hello(id: number, root: string, versionKey: string): void {
    const refuse = (refused: 'other-root' | 'stale' | 'busy' | 'warming', detail: string): void =>
      this.send({ id, hello: { refused, detail } } satisfies HelloReply);
    if (root !== this.host.root) return refuse('other-root', `this worker serves ${this.host.root}`);
    if (versionKey !== this.host.versionKey) return refuse('stale', `this worker's version key is ${this.host.versionKey}`);
    if (this.host.busyElsewhere(this)) return refuse('busy', 'another client is being served');
    if (!this.host.ready()) return refuse('warming', 'the tools are still loading');
    this.accepted = true;
    this.host.tools.newClient();
    this.send({ id, hello: { pid: process.pid, versionKey: this.host.versionKey, ready: true } } satisfies HelloReply);
  }

  private async answer(request: ToolRequest): Promise<void> {
    const label = tracing ? `worker answers ${request.kind} #${request.id}${'path' in request ? ` ${String(request.path)}` : ''}` : '';
    traceMark(`${label}: received`);
    this.pendingCount++;
    this.host.counted();
    let reply: ToolReply;
    try {
      reply = { id: request.id, result: await this.host.tools.answer(request) };
    } catch (error) {
      const { message, type, loc } = toolErrorData(error);
      // The tool's own error on this input is an answer; a tool that cannot load is our failure.
      reply = { id: request.id, error: message, toolError: type === 'tool', ...(loc ? { loc } : {}) };
    } finally {
      this.pendingCount--;
      this.host.touched();
    }
    traceMark(`${label}: done`);
    this.send(reply);
  }

  private send(reply: HelloReply | ToolReply | { id: number; result: unknown }): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(encodeFrame(reply));
  }
}
