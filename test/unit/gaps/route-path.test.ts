import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  joinRoutePath,
  normalizeRoutePath,
  parseClientUrl,
  routePathsMatch,
  routePathsMatchStrictly,
} from '../../../src/gaps/scanner/route-path.js';

test('parameters of every framework become :name', () => {
  assert.is(normalizeRoutePath('/users/{id}'), '/users/:id');
  assert.is(normalizeRoutePath('/users/{id:int}'), '/users/:id');
  assert.is(normalizeRoutePath('/users/<int:id>'), '/users/:id');
  assert.is(normalizeRoutePath('/users/<id>'), '/users/:id');
  assert.is(normalizeRoutePath('/users/[id]'), '/users/:id');
  assert.is(normalizeRoutePath('/docs/[...slug]'), '/docs/:slug*');
  assert.is(normalizeRoutePath('/docs/[[...slug]]'), '/docs/:slug*');
  assert.is(normalizeRoutePath('/files/{p:path}'), '/files/:p*');
  assert.is(normalizeRoutePath('/files/<path:p>'), '/files/:p*');
  assert.is(normalizeRoutePath('/users/:id?'), '/users/:id');
  assert.is(normalizeRoutePath('/users/:id(\\d+)'), '/users/:id');
  assert.is(normalizeRoutePath('users//x/'), '/users/x');
  assert.is(normalizeRoutePath(''), '/');
});

test('prefixes join without doubled or trailing slashes', () => {
  assert.is(joinRoutePath('/api/', '/users'), '/api/users');
  assert.is(joinRoutePath('/api', '/'), '/api');
  assert.is(joinRoutePath('', ''), '/');
  assert.is(joinRoutePath('/api', 'users'), '/api/users');
});

test('client URLs lose origin, query and hash; foreign hosts are external', () => {
  assert.equal(parseClientUrl('http://localhost:4000/api/x?y=1#z'), { path: '/api/x', external: false });
  assert.equal(parseClientUrl('https://api.github.com/repos'), { path: '/repos', external: true });
  assert.equal(parseClientUrl('//cdn.example.com/a'), { path: '/a', external: true });
  assert.equal(parseClientUrl('/api/users/'), { path: '/api/users', external: false });
});

test('matching: parameters match any segment, catch-alls match the rest', () => {
  assert.ok(routePathsMatch('/api/users/:id', '/api/users/42'));
  assert.ok(routePathsMatch('/api/users/:id', '/api/users/:userId'));
  assert.not.ok(routePathsMatch('/api/users/:id', '/api/users'));
  assert.not.ok(routePathsMatch('/api/users', '/api/users/1'));
  assert.ok(routePathsMatch('/files/:path*', '/files/a/b/c'));
  assert.ok(routePathsMatch('/static/*', '/static/x/y'));
  assert.not.ok(routePathsMatch('/api/a', '/api/b'));
  assert.ok(routePathsMatchStrictly('/api/users/:id', '/api/users/42'));
  assert.ok(routePathsMatchStrictly('/api/users/:id', '/api/users/:x'));
  assert.not.ok(routePathsMatchStrictly('/api/orders/:id', '/api/orders/stats'));
});

test.run();
