import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { endpointsInText, identifiersInText } from '../../../src/gaps/names-in-text.js';

test('named endpoints keep the dots of their path, and lose a query, a fragment and a closing dot', () => {
  assert.equal(endpointsInText('Serves GET /api/trpc/post.byId and POST /api/orders/{id}.'), [
    { method: 'GET', path: '/api/trpc/post.byId' },
    { method: 'POST', path: '/api/orders/:id' },
  ]);
  assert.equal(endpointsInText('GET http://localhost:3000/api/items?page=2 then DELETE /api/items#top:'), [
    { method: 'GET', path: '/api/items' },
    { method: 'DELETE', path: '/api/items' },
  ]);
});

test('identifiers in backticks, not paths or sentences', () => {
  assert.equal(identifiersInText('Defines `naturalsize`, `Git.listFiles()`, `src/a.ts`, `two words`, `naturalsize`'), [
    'naturalsize',
    'Git.listFiles',
  ]);
});

test.run();
