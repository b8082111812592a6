import { Worker } from 'node:worker_threads';
import type { Linter } from 'eslint';
import type { FunctionMetrics } from '../complexity/function-metrics.js';
import type { SecurityHit } from './js-security-rules.js';
import { routeTool } from '../warm-worker/route-tool.js';
import { warmWorkerFor } from '../warm-worker/warm-worker-for.js';
import { loadJsParser } from '../../adapters/parse-js.js';

/** What ESLint made of one text: the fixed output (the text itself without fixes) and what remains. */
export interface EslintOutcome {
  output: string;
  messages: Linter.LintMessage[];
  /** Set when the config asked for could not load and the work tree's judged instead: why. */
  fallback?: string;
  /** True when the config reads type information for the file: the verdict depends on other files too. */
  typed?: boolean;
}

/** The config to lint with instead of the work tree's: a config file elsewhere (a shadow of the staged one), or null for none. */
export interface EslintConfigChoice {
  file: string | null;
}

/** One file for the worker; `kind` picks the analysis. */
export type ScriptRequest =
  | { id: number; kind: 'warm-eslint' }
  | { id: number; kind: 'lint'; path: string; text: string; fix: boolean; config?: EslintConfigChoice }
  | { id: number; kind: 'complexity' | 'security'; path: string; text: string };

/** A request without its id (distributed over the union, so each kind keeps its fields). */
type RequestBody = WithoutId<ScriptRequest>;
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;

export type ScriptReply = { id: number; result: unknown } | { id: number; error: string; unavailable: boolean };

/** The analysis cannot run at all (ESLint or its config failed to load, the worker died), as opposed to one file failing. */
export class AnalysisUnavailableError extends Error {}

/**
 * The JS/TS analyses that need the TypeScript toolchain, all in one worker thread per project
 * root: ESLint (the project's, with its flat config), complexity and the security rules. One
 * thread loads TypeScript once for all of them, and that load (about a second with ESLint's
 * config and plugins) overlaps the main thread's work: Prettier, secrets, drift.
 */
export interface ScriptAnalysis {
  /** Starts loading ESLint and its config now, before the first file arrives. */
  warmEslint(): void;
  /** Starts the analysis (TypeScript's load) now, unless the warm worker serves it. */
  prepare(): void;
  /** `config`: lint with that config (see `EslintConfigChoice`) rather than the work tree's. */
  lint(path: string, text: string, fix: boolean, config?: EslintConfigChoice): Promise<EslintOutcome>;
  /** Rejects with the parser's message on a syntax error. */
  complexity(path: string, text: string): Promise<FunctionMetrics[]>;
  security(path: string, text: string): Promise<SecurityHit[]>;
}

interface RunningWorker {
  service: ScriptAnalysis;
  idle: () => boolean;
  stop: () => void;
}

/** Live workers by root, least recently used first. */
const workers = new Map<string, RunningWorker>();

/**
 * A worker holding ESLint and TypeScript weighs about 100 MB: a process that checks several
 * projects (tests, tools built on br-guard) keeps at most this many, stopping idle ones.
 */
const MAX_WORKERS = 2;

/**
 * The analyses of the project at `root`: through the warm worker process when one serves this
 * work tree (quality/warm-worker), else in this process's analysis thread. Both run
 * script-analysis-core.ts, so the answer is the same either way.
 */
export function scriptAnalysis(root: string): ScriptAnalysis {
  const local = (): ScriptAnalysis => threadAnalysis(root);
  const whenNoWorker = (then: () => void): void =>
    void warmWorkerFor(root).then((worker) => {
      if (!worker) then();
    });
  return {
    warmEslint: () => whenNoWorker(() => local().warmEslint()),
    // The tree checks need the thread only on the JavaScript fallback parser (see treeCheck).
    prepare: () => void loadJsParser().then((parser) => parser.status.parser !== 'oxc-parser' && whenNoWorker(() => local())),
    // A staged config that differs from the work tree's (a shadow) is linted in-process: the warm
    // worker holds the work tree's config, the common case it is there for.
    lint: (path, text, fix, config) =>
      config
        ? local().lint(path, text, fix, config)
        : routeTool(
            root,
            (worker) => worker.call<EslintOutcome>({ kind: 'lint', path, text, fix }),
            () => local().lint(path, text, fix),
          ),
    complexity: (path, text) =>
      treeCheck(
        root,
        { kind: 'complexity', path, text },
        async () => (await import('../complexity/ts-complexity.js')).measureTypeScript(path, text),
        () => local().complexity(path, text),
      ),
    security: (path, text) =>
      treeCheck(
        root,
        { kind: 'security', path, text },
        async () => (await import('./js-security-rules.js')).findJsSecurityIssues(path, text),
        () => local().security(path, text),
      ),
  };
}

/**
 * Complexity and the security rules walk the tree of the one JS/TS parser. With oxc-parser (native,
 * about a millisecond a file) they run right here (`here`): no thread, no TypeScript load, no round
 * trip to the warm worker. On the typescript-estree fallback, which needs TypeScript, they go where
 * TypeScript is loaded anyway: the warm worker, else the analysis thread (`thread`). Same
 * functions, same parser: the same answers either way.
 */
async function treeCheck<T>(
  root: string,
  request: { kind: 'complexity' | 'security'; path: string; text: string },
  here: () => Promise<T>,
  thread: () => Promise<T>,
): Promise<T> {
  if ((await loadJsParser()).status.parser === 'oxc-parser') return here();
  return routeTool(root, (worker) => worker.call<T>(request), thread);
}

/** The roots whose analysis thread runs in this process (tests and debugging look at it). */
export function runningAnalysisThreads(): string[] {
  return [...workers.keys()];
}

/**
 * The in-process path: the analysis thread of the project at `root`, started on first use; it
 * holds the process open only while a request is pending.
 */
export function threadAnalysis(root: string): ScriptAnalysis {
  let running = workers.get(root);
  if (running) workers.delete(root);
  else running = startWorker(root);
  workers.set(root, running);
  for (const [other, worker] of workers) {
    if (workers.size <= MAX_WORKERS) break;
    if (other !== root && worker.idle()) {
      workers.delete(other);
      worker.stop();
    }
  }
  return running.service;
}

type Pending = { resolve: (result: unknown) => void; reject: (error: Error) => void };

function startWorker(root: string): RunningWorker {
  const worker = new Worker(new URL('./script-analysis-worker.js', import.meta.url), { workerData: { root } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const settle = (id: number): Pending | undefined => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (!pending.size) worker.unref();
    return waiting;
  };
  worker.on('message', (reply: ScriptReply) => {
    const waiting = settle(reply.id);
    if (!waiting) return;
    if ('result' in reply) waiting.resolve(reply.result);
    else waiting.reject(reply.unavailable ? new AnalysisUnavailableError(reply.error) : new Error(reply.error));
  });
  const fail = (error: Error): void => {
    // The worker is gone: fail what waits, and let the next caller start a fresh one.
    if (workers.get(root)?.service === service) workers.delete(root);
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on('error', (error) => fail(new AnalysisUnavailableError(`the analysis worker failed: ${error.message}`)));
  worker.on('exit', (code) => fail(new AnalysisUnavailableError(`the analysis worker stopped (exit code ${code})`)));
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();

  // A stopped worker's service hands its calls to a fresh worker for the same root.
  let stopped = false;
  const send = <T>(request: RequestBody): Promise<T> =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    }) as Promise<T>;
  const service: ScriptAnalysis = {
    warmEslint: () =>
      stopped ? threadAnalysis(root).warmEslint() : worker.postMessage({ id: nextId++, kind: 'warm-eslint' } satisfies ScriptRequest),
    prepare: () => undefined,
    lint: (path, text, fix, config) =>
      stopped ? threadAnalysis(root).lint(path, text, fix, config) : send({ kind: 'lint', path, text, fix, ...(config ? { config } : {}) }),
    complexity: (path, text) => (stopped ? threadAnalysis(root).complexity(path, text) : send({ kind: 'complexity', path, text })),
    security: (path, text) => (stopped ? threadAnalysis(root).security(path, text) : send({ kind: 'security', path, text })),
  };
  return {
    service,
    idle: () => pending.size === 0,
    stop: () => {
      stopped = true;
      worker.removeAllListeners('exit');
      void worker.terminate();
    },
  };
}
