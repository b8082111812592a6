import { parentPort, workerData } from 'node:worker_threads';
import { AnalysisCoreUnavailableError, createScriptAnalysisCore } from './script-analysis-core.js';
import type { ScriptReply, ScriptRequest } from './script-analysis-service.js';

// Worker-thread entry of script-analysis-service.ts: one project root; the analyses themselves
// live in script-analysis-core.ts, shared with the warm worker process.
const { root } = workerData as { root: string };
const port = parentPort!;
const core = createScriptAnalysisCore(root);

port.on('message', (request: ScriptRequest) => {
  if (request.kind === 'warm-eslint') core.warmEslint().catch(() => undefined);
  else void handle(request);
});

async function handle(request: Exclude<ScriptRequest, { kind: 'warm-eslint' }>): Promise<void> {
  let reply: ScriptReply;
  try {
    reply = { id: request.id, result: await core.analyse(request) };
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
      unavailable: error instanceof AnalysisCoreUnavailableError,
    };
  }
  port.postMessage(reply);
}
