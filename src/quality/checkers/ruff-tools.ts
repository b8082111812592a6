import { routeTool } from '../warm-worker/route-tool.js';
import { warmWorkerFor } from '../warm-worker/warm-worker-for.js';
import type { RuffDiagnostic, RuffWorkspace } from './ruff-workspace.js';

/** Ruff's calls as the ruff check makes them, wherever Ruff is loaded. */
export interface RuffTools {
  check(text: string): Promise<RuffDiagnostic[]>;
  /** Throws on a syntax error. */
  format(text: string): Promise<string>;
  /** `ruff check --fix` then `ruff format`; throws on a syntax error. */
  fix(text: string): Promise<string>;
}

/**
 * Ruff for the project at `root`: the warm worker's (its WebAssembly module and settings loaded
 * already) when one serves this work tree, else a workspace in this process. Both are made by
 * createRuffWorkspace, so they answer alike.
 */
export async function ruffTools(root: string): Promise<RuffTools> {
  let workspace: Promise<RuffWorkspace> | null = null;
  const local = async (): Promise<{ workspace: RuffWorkspace; apply: typeof import('./ruff-workspace.js').applyRuffFixes }> => {
    const module = await import('./ruff-workspace.js');
    return { workspace: await (workspace ??= module.createRuffWorkspace(root)), apply: module.applyRuffFixes };
  };
  const inProcess: RuffTools = {
    check: async (text) => (await local()).workspace.check(text),
    format: async (text) => (await local()).workspace.format(text),
    fix: async (text) => {
      const { workspace: ws, apply } = await local();
      return ws.format(apply(ws, text));
    },
  };
  if (!(await warmWorkerFor(root))) {
    await local(); // Loaded up front, as the check always did: a settings error surfaces here.
    return inProcess;
  }
  return {
    check: (text) =>
      routeTool(
        root,
        (worker) => worker.call<RuffDiagnostic[]>({ kind: 'ruff-check', text }),
        () => inProcess.check(text),
      ),
    format: (text) =>
      routeTool(
        root,
        (worker) => worker.call<string>({ kind: 'ruff-format', text }),
        () => inProcess.format(text),
      ),
    fix: (text) =>
      routeTool(
        root,
        (worker) => worker.call<string>({ kind: 'ruff-fix', text }),
        () => inProcess.fix(text),
      ),
  };
}
