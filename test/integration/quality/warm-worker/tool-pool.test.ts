import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createToolPool } from '../../../../src/quality/warm-worker/tool-pool.js';
import { createWorkerTools } from '../../../../src/quality/warm-worker/worker-tools.js';
import type { ToolRequest } from '../../../../src/quality/warm-worker/worker-protocol.js';

// The RSS rule (a first set past 240 MB gets no second) is about the worker's own process; this
// test's process holds every suite before it, so these pools lift it (the last test sets it).

/** A project that configures nothing: br-guard's defaults (typescript-eslint recommended, Prettier). */
function project(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'br-guard-pool-')));
  writeFileSync(join(root, 'package.json'), '{ "name": "pool", "type": "module" }\n');
  return root;
}

const requests: ToolRequest[] = Array.from({ length: 8 }, (_, i): ToolRequest[] => [
  { id: 0, kind: 'format', path: `src/m${i}.ts`, text: `export const  v${i} = {a:${i}}\n` },
  { id: 0, kind: 'lint', path: `src/m${i}.ts`, text: `export function f${i}(x: any) {\n  var y = x;\n  return y;\n}\n`, fix: true },
]).flat();

/** What an answer says, or the error a tool threw (message and where), comparable across threads. */
async function outcome(answer: Promise<unknown>): Promise<unknown> {
  try {
    return { result: await answer };
  } catch (error) {
    const loc = (error as { loc?: { start?: unknown } }).loc?.start;
    return { error: (error as Error).message, type: (error as Error).constructor.name, loc };
  }
}

test('two threads answer what one answers, share the requests, and a syntax error is the same error', async () => {
  const root = project();
  const pool = createToolPool(root, { threads: 2, maxRssMb: Number.POSITIVE_INFINITY });
  try {
    await pool.warm();
    assert.ok(await pool.threadReady(), 'the second set of tools is warm');
    const broken: ToolRequest = { id: 0, kind: 'format', path: 'src/broken.ts', text: 'export const = ;\n' };
    const viaPool = await Promise.all([...requests, broken].map((request) => outcome(pool.answer(request))));
    assert.ok(pool.answeredByThread() >= 4, `the thread took its share (${pool.answeredByThread()} of ${requests.length + 1})`);
    const single = createWorkerTools(root);
    const alone = await Promise.all([...requests, broken].map((request) => outcome(single.answer(request))));
    assert.equal(viaPool, alone);
    const last = viaPool.at(-1) as { error: string; loc: unknown };
    assert.match(last.error, /./);
    assert.ok(last.loc, 'the syntax error keeps its position across the thread');
    assert.equal(pool.loaded(), ['eslint', 'prettier', 'typescript']);
  } finally {
    await pool.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('requests in flight on the thread when it ends are answered on the main thread; one core runs one thread', async () => {
  const root = project();
  const pool = createToolPool(root, { threads: 2, maxRssMb: Number.POSITIVE_INFINITY });
  try {
    await pool.warm();
    assert.ok(await pool.threadReady());
    const answers = requests.map((request) => pool.answer(request));
    await pool.close();
    const results = await Promise.all(answers.map(outcome));
    assert.ok(
      results.every((r) => 'result' in (r as object)),
      JSON.stringify(results.filter((r) => !('result' in (r as object)))),
    );
    const more = await outcome(pool.answer(requests[0]!));
    assert.ok('result' in (more as object), 'after the thread ended, the main thread answers alone');
    const one = createToolPool(root, { threads: 1 });
    await one.warm();
    assert.is(await one.threadReady(), false);
    await outcome(one.answer(requests[0]!));
    assert.is(one.answeredByThread(), 0);
    const heavy = createToolPool(root, { threads: 2, maxRssMb: 1 });
    await heavy.warm();
    assert.is(await heavy.threadReady(), false, 'a first set past the RSS limit gets no second');
    assert.is(heavy.warmSets(), 1);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
