import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { endpointsForItem } from '../../../src/gaps/endpoints-for-item.js';
import { endpointRecords, objectionsTo, describeObjection } from '../../../src/gaps/evidence-memory.js';
import { parseEvidenceMemory } from '../../../src/gaps/evidence-memory-file.js';
import { queryTerms } from '../../../src/gaps/retrieval.js';

const endpoints = [
  { method: 'GET', path: '/api/expenses', file: 'server/expenses.ts', line: 4 },
  { method: 'POST', path: '/api/expenses', file: 'server/expenses.ts', line: 9 },
  { method: 'GET', path: '/api/expenses/total-spent', file: 'server/expenses.ts', line: 14 },
  { method: 'DELETE', path: '/api/expenses/:id', file: 'server/expenses.ts', line: 20 },
  { method: 'POST', path: '/api/trpc/post.add', file: 'server/post.ts', line: 3, procedure: 'post.add' },
  { method: 'GET', path: '/api/expenses', file: 'elsewhere.ts', line: 1 },
];
const files = new Set(['server/expenses.ts', 'server/post.ts']);
const paths = (text: string) => endpointsForItem(queryTerms(text), files, endpoints).map((e) => `${e.method} ${e.path}`);

test('the endpoints an item describes: path words, the method its verb names, extra segments cost', () => {
  assert.equal(paths("List the signed-in user's expenses"), ['GET /api/expenses']);
  assert.equal(paths('Total spent by the signed-in user'), ['GET /api/expenses/total-spent']);
  assert.equal(paths('Delete an expense'), ['DELETE /api/expenses/:id']);
  assert.equal(paths('Add a post with a title'), ['POST /api/trpc/post.add']);
  assert.equal(paths('Sign in with Google'), []);
  assert.equal(endpointsForItem(queryTerms('List expenses'), new Set(), endpoints), []);
});

test("a personal segment (/myorders, /me) is the signed-in user's; a whole resource remembers every method it names", () => {
  const orders = [
    { method: 'GET', path: '/api/orders', file: 'o.js', line: 1 },
    { method: 'GET', path: '/api/orders/myorders', file: 'o.js', line: 2 },
    { method: 'POST', path: '/api/users', file: 'o.js', line: 3 },
    { method: 'GET', path: '/api/users', file: 'o.js', line: 4 },
    { method: 'GET', path: '/api/users/:id', file: 'o.js', line: 5 },
    { method: 'PATCH', path: '/api/users/:id', file: 'o.js', line: 6 },
    { method: 'DELETE', path: '/api/users/:id', file: 'o.js', line: 7 },
  ];
  const of = (text: string) => endpointsForItem(queryTerms(text), new Set(['o.js']), orders).map((e) => `${e.method} ${e.path}`);
  assert.equal(of("List the signed-in user's orders"), ['GET /api/orders/myorders']);
  assert.equal(of('List all orders'), ['GET /api/orders']);
  assert.equal(of('Superusers list, create, update and delete users'), [
    'POST /api/users',
    'GET /api/users',
    'GET /api/users/:id',
    'PATCH /api/users/:id',
    'DELETE /api/users/:id',
  ]);
  assert.equal(of('Users CRUD').length, 5);
});

test('a remembered endpoint no longer served is an objection, in a whole-repository run only', () => {
  const records = endpointRecords([endpoints[2]!, endpoints[2]!], { scans: new Map() });
  assert.is(records.length, 1);
  const remembered = { text: 'Total spent', records };
  const served = objectionsTo(remembered, { scans: new Map(), endpoints });
  assert.equal(served, []);
  const gone = objectionsTo(remembered, { scans: new Map(), endpoints: endpoints.filter((e) => e.line !== 14) });
  assert.is(gone[0]?.what, 'unserved');
  assert.match(describeObjection(gone[0]!), /GET \/api\/expenses\/total-spent, served from server\/expenses\.ts .*no longer served/);
  // Drift sees only the touched files' scans, not the app's mounts: no verdict there.
  assert.equal(objectionsTo(remembered, { scans: new Map() }), []);
});

test('the manifest keeps twins and endpoints, and drops records whose new fields are malformed', () => {
  const memory = parseEvidenceMemory({
    a: { text: 'x', records: [{ file: 'f', symbol: 's', line: 1, hash: 'h', size: 3, twins: ['g'] }] },
    b: { text: 'y', records: [{ file: 'f', symbol: null, line: 1, hash: '', size: 0, endpoint: { method: 'GET', path: '/p' } }] },
    c: { text: 'z', records: [{ file: 'f', symbol: 's', line: 1, hash: 'h', size: 3, twins: [1] }] },
    d: { text: 'w', records: [{ file: 'f', symbol: null, line: 1, hash: '', size: 0, endpoint: { method: 1 } }] },
  });
  assert.equal(Object.keys(memory).sort(), ['a', 'b']);
});

test.run();
