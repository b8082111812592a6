import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isScannable, scanFile } from '../../../src/gaps/scanner/scan-file.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import { ValueResolver } from '../../../src/gaps/scanner/resolve-values.js';
import { emptyScan, type FileScan } from '../../../src/gaps/scanner/types.js';
import { FIXTURES } from './fixture-spec.js';

const ROUTES = join(FIXTURES, 'routes');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function link(fixture: string): Promise<ReturnType<typeof linkEndpoints>> {
  const root = join(ROUTES, fixture);
  const scans: FileScan[] = [];
  for (const file of filesUnder(root)) {
    const path = relative(root, file);
    if (isScannable(path)) scans.push(await scanFile(path, readFileSync(file, 'utf8')));
  }
  return linkEndpoints(scans);
}

async function endpointsOf(fixture: string): Promise<string[]> {
  return (await link(fixture)).endpoints.map((e) => `${e.method} ${e.path}${e.procedure ? ` (${e.procedure})` : ''}`).sort();
}

test('value resolver: constants, aliases of class instances, imports, cycles and unknown names', () => {
  const config = emptyScan('app/config.py', 'python', 1);
  config.values = {
    'Settings.API': ['/api/v1'],
    settings: [{ ref: 'Settings' }],
    LOOP: [{ ref: 'LOOP2' }],
    LOOP2: [{ ref: 'LOOP' }],
  };
  const main = emptyScan('app/main.py', 'python', 1);
  main.values = { USERS: [{ ref: 'settings.API' }, '/users'] };
  const byPath = new Map([
    [config.path, config],
    [main.path, main],
  ]);
  // `settings` in main.py is imported from config.py.
  const locate = (file: string, name: string) =>
    file === main.path && name.startsWith('settings') ? { file: config.path, name } : { file, name };
  const resolver = new ValueResolver(byPath, locate);
  assert.equal(resolver.evaluate(main.path, [{ ref: 'USERS' }, '/me']), { value: '/api/v1/users/me', unresolved: [] });
  assert.is(resolver.valueOf(config.path, 'LOOP'), null);
  assert.equal(resolver.evaluate(main.path, ['/x', { ref: 'nowhere' }]), { value: '/x', unresolved: ['nowhere'] });
});

test('NestJS: global prefix from a local constant, URI versioning, controller object and aliased decorators', async () => {
  assert.equal(await endpointsOf('nest-values'), [
    'DELETE /api/v1/users/:id',
    'GET /api/orders',
    'GET /api/orders/all',
    'GET /api/v1/users/:id',
    'POST /api/v2/users',
  ]);
});

test('NestJS: RouterModule.register paths, with children, between the global prefix and the controller path', async () => {
  assert.equal(await endpointsOf('nest-router-module'), ['GET /api/admin/stats/daily', 'GET /api/admin/users']);
});

test('Express: mount prefixes through imported config objects and path.posix.join; template and concatenated paths; SPA fallback dropped', async () => {
  assert.equal(await endpointsOf('express-values'), ['DELETE /api/admin/cache', 'GET /v1/users/me', 'POST /v1/users/:id/avatar']);
});

test('Koa: new Router({ prefix: imported constant }), router.prefix(), router.del, module.exports = router.routes()', async () => {
  assert.equal(await endpointsOf('koa-prefix'), ['DELETE /api/tags/:id', 'GET /api/v2/items', 'GET /status/ping']);
});

test('Fastify: register(plugin, { prefix: settings.prefix }) and route({ method: [...], url })', async () => {
  assert.equal(await endpointsOf('fastify-prefix'), ['GET /api/users', 'POST /api/users/:id', 'PUT /api/users/:id']);
});

test('Hono: basePath, route(), chained verbs, on([...]), regex params; static catch-all dropped', async () => {
  assert.equal(await endpointsOf('hono-basepath'), [
    'DELETE /api/books/:id',
    'GET /api/books',
    'PATCH /api/books/:id',
    'PUT /api/books/:id',
  ]);
});

test('Next.js: app and pages routes under src/, route groups dropped, catch-alls, basePath from next.config.mjs', async () => {
  assert.equal(await endpointsOf('next-app'), [
    '* /shop/api/search/:q*',
    'DELETE /shop/products/:id',
    'GET /shop/products/:id',
    'POST /shop/api/files/:path*',
  ]);
});

test('tRPC: procedures with dotted paths through nested and merged routers, under the fetch handler endpoint', async () => {
  assert.equal(await endpointsOf('trpc-next'), [
    'GET /api/trpc/ping (ping)',
    'GET /api/trpc/post.list (post.list)',
    'POST /api/trpc/post.comments.add (post.comments.add)',
    'POST /api/trpc/post.create (post.create)',
  ]);
  assert.equal(await endpointsOf('trpc-express'), ['GET /rpc/greet (greet)']);
});

test('FastAPI: prefixes through a BaseSettings instance (also from a cached get_settings()), Field defaults, module constants and f-strings; root_path not added', async () => {
  assert.equal(await endpointsOf('fastapi-settings'), [
    'DELETE /api/v1/admin/catalog/items/:item_id',
    'GET /admin/ping',
    'GET /api/v1/health',
    'GET /api/v1/users/:user_id',
    'POST /api/v1/users',
  ]);
});

test('Flask: factory registrations, url_prefix through a constant replacing the blueprint one, MethodView, flask-restful', async () => {
  assert.equal(await endpointsOf('flask-factory'), [
    'DELETE /api/v1/items/:item_id',
    'GET /api/v1/items/:item_id',
    'GET /health',
    'GET /rest/reports/:report_id',
    'POST /api/v1/orders',
    'PUT /rest/reports/:report_id',
  ]);
});

test('fail closed: registrations that cannot be read are warnings naming file and line', async () => {
  const { endpoints, warnings } = await link('fail-closed');
  assert.equal(endpoints, []);
  assert.equal(
    warnings.map((warning) => `${warning.file}:${warning.line}`),
    ['api/main.py:7', 'api/main.py:10', 'server/app.ts:5'],
  );
  assert.match(warnings[0]?.message ?? '', /compute_prefix\(\)/);
  assert.match(warnings[2]?.message ?? '', /route path of app\.get\(\.\.\.\) could not be read/);
});

test.run();
