import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CallMatcher, methodsMeet } from '../../../src/gaps/scanner/match-calls.js';

const endpoints = [
  { method: 'GET', path: '/resume/schema' },
  { method: 'GET', path: '/resume/:id' },
  { method: 'PUT', path: '/resume/:id' },
  { method: 'GET', path: '/files/:rest*' },
  { method: 'GET', path: '/files/readme' },
  { method: '*', path: '/any/:id' },
  { method: 'DELETE', path: '/any/:id' },
  { method: 'GET', path: '/a/:x/c' },
  { method: 'GET', path: '/a/b/:rest*' },
  { method: 'POST', path: '/only-post/:id' },
  { method: 'GET', path: '/lonely/schema' },
];
const matcher = new CallMatcher(endpoints);
const hit = (method: string | null, path: string): string | null => {
  const found = matcher.match(method, path).endpoint;
  return found ? `${found.method} ${found.path}` : null;
};

test('a run-time value goes to the parameter, not to a literal sibling', () => {
  assert.is(hit('GET', '/resume/:id'), 'GET /resume/:id');
  assert.is(hit('GET', '/resume/schema'), 'GET /resume/schema');
  assert.is(hit('GET', '/resume/42'), 'GET /resume/:id');
});

test('method first: the endpoint of the call method wins', () => {
  assert.is(hit('PUT', '/resume/:id'), 'PUT /resume/:id');
  assert.is(hit('DELETE', '/any/:id'), 'DELETE /any/:id');
  assert.is(hit('PATCH', '/any/:id'), '* /any/:id');
  assert.is(hit('HEAD', '/resume/schema'), 'GET /resume/schema');
});

test('a catch-all comes last, and ends where the call ends', () => {
  assert.is(hit('GET', '/files/readme'), 'GET /files/readme');
  assert.is(hit('GET', '/files/docs/a.md'), 'GET /files/:rest*');
  assert.is(hit('GET', '/files'), 'GET /files/:rest*');
  assert.is(hit('GET', '/a/b/c'), 'GET /a/b/:rest*');
  assert.is(hit('GET', '/a/z/c'), 'GET /a/:x/c');
});

test('a dynamic value reaches a literal only when no parameter is there', () => {
  assert.is(hit('GET', '/lonely/:tab'), 'GET /lonely/schema');
});

test('an unknown method credits the best path match only', () => {
  assert.is(hit('*', '/resume/:id'), 'GET /resume/:id');
  assert.is(hit(null, '/resume/schema'), 'GET /resume/schema');
});

test('no endpoint of the method: the same-path endpoints are listed for a method-mismatch', () => {
  const result = matcher.match('GET', '/only-post/:id');
  assert.is(result.endpoint, null);
  assert.equal(result.samePath, [{ method: 'POST', path: '/only-post/:id' }]);
  // `/only-post/stats` names a literal where the endpoint has a parameter: unserved, not a mismatch.
  assert.equal(matcher.match('GET', '/only-post/stats').samePath, []);
  assert.is(matcher.match('GET', '/nowhere').endpoint, null);
});

test('a tRPC call reaches its procedure wherever the handler is mounted; query is GET, mutation POST', () => {
  const trpc = new CallMatcher([
    { method: 'GET', path: '/api/trpc/post.list', procedure: 'post.list' },
    { method: 'POST', path: '/api/trpc/post.add', procedure: 'post.add' },
  ]);
  assert.is(trpc.match('GET', '/trpc/post.list', 'post.list').endpoint?.path, '/api/trpc/post.list');
  const wrong = trpc.match('GET', '/trpc/post.add', 'post.add');
  assert.is(wrong.endpoint, null);
  assert.is(wrong.samePath.length, 1);
  assert.equal(trpc.match('GET', '/trpc/post.gone', 'post.gone'), { endpoint: null, samePath: [] });
});

test('methods meet when either side is open', () => {
  assert.ok(methodsMeet('*', 'POST'));
  assert.ok(methodsMeet('POST', null));
  assert.ok(!methodsMeet('POST', 'GET'));
});

test.run();
