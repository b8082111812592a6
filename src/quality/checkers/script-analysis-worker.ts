import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { requireProjectTypeScript } from '../../adapters/code-cache.js';
import type { ESLint } from 'eslint';
import { measureTypeScript } from '../complexity/ts-complexity.js';
import { loadESLint } from './eslint-loader.js';
import { findJsSecurityIssues } from './js-security-rules.js';
import type { ScriptReply, ScriptRequest } from './script-analysis-service.js';

// Worker-thread entry of script-analysis-service.ts: one project root, requests handled one at a
// time in arrival order (each is CPU-bound; interleaving would only add latency to all).
const { root } = workerData as { root: string };
const port = parentPort!;

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

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: ScriptRequest) => {
  if (request.kind === 'warm-eslint') loadEslint().catch(() => undefined);
  else queue = queue.then(() => handle(request));
});

async function handle(request: Exclude<ScriptRequest, { kind: 'warm-eslint' }>): Promise<void> {
  let reply: ScriptReply;
  try {
    reply = { id: request.id, result: await analyse(request) };
  } catch (error) {
    reply = { id: request.id, error: messageOf(error), unavailable: error instanceof UnavailableError };
  }
  port.postMessage(reply);
}

async function analyse(request: Exclude<ScriptRequest, { kind: 'warm-eslint' }>): Promise<unknown> {
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
        throw new UnavailableError(messageOf(error));
      });
      fixing = request.fix;
      const [result] = await instance.lintText(request.text, { filePath: join(root, request.path), warnIgnored: false });
      return { output: result?.output ?? request.text, messages: result?.messages ?? [], ...(fallback ? { fallback } : {}) };
    }
  }
}

class UnavailableError extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
