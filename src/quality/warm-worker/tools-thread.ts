import { parentPort, workerData } from 'node:worker_threads';
import { createWorkerTools, ToolLoadError, toolErrorData } from './worker-tools.js';
import type { ThreadMessage, ThreadReply } from './tool-pool.js';

/**
 * The warm worker's second set of tools, in a thread of its own (see tool-pool.ts): the same
 * `createWorkerTools` as the worker's main thread, so both answer alike by construction.
 */
const port = parentPort;
if (port) {
  const tools = createWorkerTools((workerData as { root: string }).root);
  const reply = (message: ThreadReply) => port.postMessage(message);
  port.on('message', (message: ThreadMessage) => {
    if (message.kind === 'new-client') return tools.newClient();
    if (message.kind === 'warm') {
      // As on the main thread, a tool that fails to load fails its requests, not the warm-up.
      void tools
        .warm()
        .catch(() => undefined)
        .then(() => reply({ kind: 'ready', loaded: tools.loaded() }));
      return;
    }
    const { id, request } = message;
    const failed = (error: unknown) => reply({ kind: 'answer', id, error: toolErrorData(error), loaded: tools.loaded() });
    tools.answer(request).then((result) => {
      try {
        reply({ kind: 'answer', id, result, loaded: tools.loaded() });
      } catch (error) {
        // An answer that cannot cross to the main thread is this thread's failure, not the tool's.
        failed(new ToolLoadError(`the answer could not be passed on: ${error instanceof Error ? error.message : String(error)}`));
      }
    }, failed);
  });
}
