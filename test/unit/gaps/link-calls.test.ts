import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linkCalls } from '../../../src/gaps/scanner/link-calls.js';
import { emptyScan, type FileScan, type RawCall } from '../../../src/gaps/scanner/types.js';

const call = (over: Partial<RawCall>): RawCall => ({ via: null, argIndex: 0, method: null, path: '/', external: false, line: 1, ...over });

/** Names resolve within a file, or to the file named before `:` (`lib.ts:api`). */
function link(scans: FileScan[]): string[] {
  const byPath = new Map(scans.map((scan) => [scan.path, scan]));
  const resolve = (file: string, name: string): { file: string; name: string } | null => {
    const [target, local] = name.includes(':') ? (name.split(':') as [string, string]) : [file, name];
    return byPath.has(target) ? { file: target, name: local } : null;
  };
  return linkCalls(byPath, resolve).map(
    (c) =>
      `${c.method ?? '*'} ${c.path} ${c.file}:${c.line}${c.external ? ' external' : ''}${c.soft ? ' soft' : ''}${c.procedure ? ` ${c.procedure}` : ''}`,
  );
}

test('wrappers of wrappers of an instance, to the end of the chain; the URL on another argument is not a call', () => {
  const lib = emptyScan('lib.ts', 'ts', 1);
  lib.clients.push({ name: 'http', prefix: '/api', external: false });
  lib.clients.push({ name: 'github', prefix: '', external: true });
  lib.wrappers.push({ name: 'request', urlParam: 1, prefix: '/v1', method: { kind: 'option' }, via: 'http', forwardArg: 0 });
  lib.wrappers.push({ name: 'get', urlParam: 0, prefix: '', method: { kind: 'fixed', value: 'GET' }, via: 'request', forwardArg: 1 });
  lib.wrappers.push({ name: 'loop', urlParam: 0, prefix: '', method: { kind: 'option' }, via: 'loop', forwardArg: 0 });
  lib.wrappers.push({ name: 'plain', urlParam: 0, prefix: '/p', method: { kind: 'option' } });
  const page = emptyScan('page.ts', 'ts', 9);
  page.calls.push(
    call({ via: 'lib.ts:get', path: '/users', line: 1 }),
    call({ via: 'lib.ts:request', method: 'DELETE', path: '/users/:id', argIndex: 1, line: 2 }),
    call({ via: 'lib.ts:request', path: '/x', argIndex: 0, line: 3 }),
    call({ via: 'lib.ts:github', method: 'GET', path: '/repos', line: 4 }),
    call({ via: 'lib.ts:loop', path: '/never', line: 5 }),
    call({ via: 'missing.ts:x', path: '/gone', line: 6 }),
    call({ via: 'lib.ts:nothing', path: '/gone', line: 7 }),
    call({ via: 'lib.ts:plain', path: '/', line: 8 }),
    call({ via: null, method: 'GET', path: '/api/login', soft: true, line: 9 }),
    call({ via: null, method: 'POST', path: '/trpc/post.add', procedure: 'post.add', line: 9 }),
    call({ via: 'lib.ts:http', path: '/ping', argIndex: 1, line: 9 }),
  );
  assert.equal(link([lib, page]), [
    'GET /api/v1/users page.ts:1',
    'DELETE /api/v1/users/:id page.ts:2',
    'GET /repos page.ts:4 external',
    'GET /p page.ts:8',
    'GET /api/login page.ts:9 soft',
    'POST /trpc/post.add page.ts:9 post.add',
  ]);
});

test.run();
