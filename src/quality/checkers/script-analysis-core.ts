import { join } from 'node:path';
import type { ESLint } from 'eslint';
import { requireProjectTypeScript } from '../../adapters/code-cache.js';
import { measureTypeScript } from '../complexity/ts-complexity.js';
import { loadESLint } from './eslint-loader.js';
import { findJsSecurityIssues } from './js-security-rules.js';
import type { ScriptRequest } from './script-analysis-service.js';

/** A request the core answers (everything but the warm-up). */
export type AnalysisRequest = Exclude<ScriptRequest, { kind: 'warm-eslint' }>;

/** A request as the core takes it: the id is the transport's business. */
export type AnalysisBody = AnalysisRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** The analyses of one project root, wherever they run: the analysis thread, or the warm worker process. */
export interface ScriptAnalysisCore {
  /** Starts loading ESLint and its flat config now (the slow part), before the first file. */
  warmEslint(): Promise<void>;
  /** Answers requests one at a time in arrival order (each is CPU-bound; interleaving would only add latency). */
  analyse(request: AnalysisBody): Promise<unknown>;
}

/** ESLint or its config could not load: no file can be linted (as opposed to one file failing). */
export class AnalysisCoreUnavailableError extends Error {}

/**
 * One home for the analysis code, so the thread (script-analysis-worker.ts) and the warm worker
 * process (quality/warm-worker) give the same answers by construction.
 */
export function createScriptAnalysisCore(root: string): ScriptAnalysisCore {
  // TypeScript first, through V8's code cache: ESLint's parser and the complexity and security
  // parses then `require` this instance instead of compiling the 9 MB file again.
  requireProjectTypeScript(root);
  // ESLint's fix option as a predicate: one instance per config (one config load) both checks and fixes.
  let fixing = false;
  /** By config: the work tree's (''), a shadow's file, or none ('\0'). */
  const instances = new Map<string, Promise<ESLint>>();
  const loadEslint = (configFile?: string | null): Promise<ESLint> => {
    const key = configFile === undefined ? '' : (configFile ?? '\0');
    let instance = instances.get(key);
    if (!instance) {
      instance = loadESLint(root, () => fixing, configFile).then(async (loaded) => {
        // The flat config and its plugins are the slow part: load them before the first file.
        await loaded.calculateConfigForFile(join(root, 'index.ts'));
        return loaded;
      });
      instances.set(key, instance);
    }
    return instance;
  };
  const run = async (request: AnalysisBody): Promise<unknown> => {
    switch (request.kind) {
      case 'complexity':
        return measureTypeScript(request.path, request.text);
      case 'security':
        return findJsSecurityIssues(request.path, request.text);
      case 'lint': {
        // The config asked for (the staged one, shadowed) when it loads; else the work tree's, saying why.
        let fallback: string | undefined;
        let instance = request.config
          ? await loadEslint(request.config.file).catch((error: unknown) => ((fallback = messageOf(error)), null))
          : null;
        instance ??= await loadEslint().catch((error: unknown) => {
          throw new AnalysisCoreUnavailableError(messageOf(error));
        });
        fixing = request.fix;
        const filePath = join(root, request.path);
        const [[result], typed] = await Promise.all([
          instance.lintText(request.text, { filePath, warnIgnored: false }),
          readsTypes(instance, filePath),
        ]);
        return {
          output: result?.output ?? request.text,
          messages: result?.messages ?? [],
          ...(fallback ? { fallback } : {}),
          ...(typed ? { typed } : {}),
        };
      }
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    warmEslint: () => loadEslint().then(() => undefined),
    analyse: (request) => {
      const answer = queue.then(() => run(request));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}

/**
 * Whether ESLint reads type information for a file (typescript-eslint's `project`,
 * `projectService` or `programs`): its rules then see the types of the files it imports, which a
 * cache keyed by this file's content cannot.
 */
async function readsTypes(eslint: ESLint, filePath: string): Promise<boolean> {
  const config = (await eslint.calculateConfigForFile(filePath).catch(() => undefined)) as
    { languageOptions?: { parserOptions?: Record<string, unknown> } } | undefined;
  const options = config?.languageOptions?.parserOptions;
  return Boolean(options && (options.project || options.projectService || options.programs));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
