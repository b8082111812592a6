import { AnalysisCoreUnavailableError, type ScriptAnalysisCore } from '../checkers/script-analysis-core.js';
import type { LoadedPrettierFormat } from '../checkers/prettier-format.js';
import type { RuffWorkspace } from '../checkers/ruff-workspace.js';
import type { ToolRequest } from './worker-protocol.js';

/**
 * The tools the warm worker keeps loaded for its root, each created on first use by the same
 * functions the in-process path uses (script-analysis-core, prettier-format, ruff-workspace),
 * so a request answered here equals the in-process answer by construction.
 */
export interface WorkerTools {
  /** Loads ESLint (with TypeScript) and Prettier now, so the first request finds them ready. */
  warm(): Promise<void>;
  answer(request: ToolRequest): Promise<unknown>;
  /** Which tools are loaded, for `br-guard worker status`. */
  loaded(): string[];
  /**
   * A new client was accepted (one hook run or command). The version key covers the root's
   * config files only; what a tool caches of others (Prettier's nested configs, `.editorconfig`)
   * is dropped here, so this client is answered as a fresh process would answer it.
   */
  newClient(): void;
}

/** A tool could not be loaded here: the worker's failure (the client falls back), not an answer. */
export class ToolLoadError extends Error {}

/**
 * An error of `WorkerTools.answer` as plain data, for the socket (worker-connection.ts) and for
 * the tools thread (tool-pool.ts): `tool` is the tool's own error on this input (an answer, with
 * its position when it has one); `load` and `unavailable` are the worker's failure.
 */
export interface ToolErrorData {
  message: string;
  type: 'load' | 'unavailable' | 'tool';
  loc?: { start: { line?: number; column?: number } };
}

export function toolErrorData(error: unknown): ToolErrorData {
  const start = (error as { loc?: { start?: { line?: number; column?: number } } }).loc?.start;
  return {
    message: error instanceof Error ? error.message : String(error),
    type: error instanceof ToolLoadError ? 'load' : error instanceof AnalysisCoreUnavailableError ? 'unavailable' : 'tool',
    ...(start ? { loc: { start: { line: start.line, column: start.column } } } : {}),
  };
}

/** The error `toolErrorData` describes, as the tools would have thrown it. */
export function toolErrorFrom(data: ToolErrorData): Error {
  if (data.type === 'load') return new ToolLoadError(data.message);
  if (data.type === 'unavailable') return new AnalysisCoreUnavailableError(data.message);
  return Object.assign(new Error(data.message), data.loc ? { loc: data.loc } : {});
}

/** Awaits a tool's load, marking its failure as the worker's. */
async function loadedTool<T>(tool: Promise<T>): Promise<T> {
  try {
    return await tool;
  } catch (error) {
    throw new ToolLoadError(error instanceof Error ? error.message : String(error));
  }
}

export function createWorkerTools(root: string): WorkerTools {
  const loaded = new Set<string>();
  let core: Promise<ScriptAnalysisCore> | null = null;
  let format: Promise<LoadedPrettierFormat> | null = null;
  let ruff: Promise<RuffWorkspace> | null = null;
  const analysis = (): Promise<ScriptAnalysisCore> =>
    (core ??= import('../checkers/script-analysis-core.js').then(({ createScriptAnalysisCore }) => {
      const created = createScriptAnalysisCore(root);
      loaded.add('typescript');
      return created;
    }));
  const prettier = (): Promise<LoadedPrettierFormat> =>
    (format ??= import('../checkers/prettier-format.js')
      .then(({ createPrettierFormat }) => createPrettierFormat(root))
      .then((created) => (loaded.add('prettier'), created)));
  // Settles once the configs a new client must not see from an earlier one are forgotten.
  let forgotten: Promise<void> = Promise.resolve();
  const ruffWorkspace = (): Promise<RuffWorkspace> =>
    (ruff ??= import('../checkers/ruff-workspace.js')
      .then(({ createRuffWorkspace }) => createRuffWorkspace(root))
      .then((created) => (loaded.add('ruff'), created)));
  return {
    async warm() {
      // One after the other: the worker warms in the background and should not hog both cores.
      await (await analysis()).warmEslint().then(
        () => loaded.add('eslint'),
        () => undefined,
      );
      await prettier().catch(() => undefined);
    },
    async answer(request) {
      switch (request.kind) {
        case 'lint': {
          const result = await (await loadedTool(analysis())).analyse(request);
          loaded.add('eslint');
          return result;
        }
        case 'complexity':
        case 'security':
          return (await loadedTool(analysis())).analyse(request);
        case 'format': {
          const formatText = await loadedTool(prettier());
          await forgotten;
          return formatText(request.path, request.text);
        }
        case 'ruff-check':
          return (await loadedTool(ruffWorkspace())).check(request.text);
        case 'ruff-format':
          return (await loadedTool(ruffWorkspace())).format(request.text);
        case 'ruff-fix': {
          const { applyRuffFixes } = await import('../checkers/ruff-workspace.js');
          const workspace = await loadedTool(ruffWorkspace());
          return workspace.format(applyRuffFixes(workspace, request.text));
        }
      }
    },
    loaded: () => [...loaded].sort(),
    newClient() {
      if (format) forgotten = format.then((formatText) => formatText.forgetConfigs()).catch(() => undefined);
    },
  };
}
