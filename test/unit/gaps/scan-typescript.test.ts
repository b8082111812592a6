import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanFile } from '../../../src/gaps/scanner/scan-file.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

async function link(files: Record<string, string>): Promise<{ endpoints: string[]; calls: string[]; scans: FileScan[] }> {
  const scans: FileScan[] = [];
  for (const [path, content] of Object.entries(files)) scans.push(await scanFile(path, content));
  const linked = linkEndpoints(scans);
  return {
    endpoints: linked.endpoints.map((e) => `${e.method} ${e.path} ${e.file}:${e.line}`),
    calls: linked.calls.map((c) => `${c.method} ${c.path} ${c.file}:${c.line}${c.external ? ' external' : ''}`),
    scans,
  };
}

test('fastify: register with a prefix reaches routes on the plugin parameter; route({method: [..]})', async () => {
  const { endpoints } = await link({
    'src/server.ts':
      "import Fastify from 'fastify';\nimport usersPlugin from './plugins/users';\nconst fastify = Fastify();\nfastify.register(usersPlugin, { prefix: '/api/users' });\nfastify.route({ method: ['GET', 'HEAD'], url: '/status', handler: async () => ({}) });\nfastify.get('/ping', async () => 'pong');\n",
    'src/plugins/users.ts':
      "import type { FastifyPluginAsync } from 'fastify';\nconst users: FastifyPluginAsync = async (app) => {\n  app.get('/', async () => []);\n  app.delete('/:id', async () => null);\n};\nexport default users;\n",
  });
  assert.equal(endpoints, [
    'GET /api/users src/plugins/users.ts:3',
    'DELETE /api/users/:id src/plugins/users.ts:4',
    'GET /status src/server.ts:5',
    'HEAD /status src/server.ts:5',
    'GET /ping src/server.ts:6',
  ]);
});

test('koa router: constructor prefix and nested routers', async () => {
  const { endpoints } = await link({
    'src/koa.ts':
      "import Koa from 'koa';\nimport Router from '@koa/router';\nconst app = new Koa();\nconst router = new Router({ prefix: '/v1' });\nconst nested = new Router();\nnested.get('/things/:id', (ctx) => { ctx.body = 1; });\nrouter.use('/nested', nested.routes());\nrouter.post('/login', (ctx) => { ctx.body = 1; });\napp.use(router.routes());\n",
  });
  assert.equal(endpoints, ['GET /v1/nested/things/:id src/koa.ts:6', 'POST /v1/login src/koa.ts:8']);
});

test('nestjs: @Controller + verb decorators + setGlobalPrefix; a TODO error is a stub', async () => {
  const { endpoints, scans } = await link({
    'src/cats.controller.ts':
      "import { Controller, Get, Post, Param } from '@nestjs/common';\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  findAll() { return []; }\n  @Get(':id')\n  findOne(@Param('id') id: string) { return id; }\n  @Post()\n  create() { throw new Error('TODO: implement create'); }\n}\n",
    'src/main.ts':
      "import { NestFactory } from '@nestjs/core';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n}\nbootstrap();\n",
  });
  assert.equal(endpoints, [
    'GET /api/cats src/cats.controller.ts:4',
    'GET /api/cats/:id src/cats.controller.ts:6',
    'POST /api/cats src/cats.controller.ts:8',
  ]);
  assert.equal(scans[0]?.stubs, [{ name: 'create', line: 9, reason: 'not-implemented' }]);
  assert.equal(
    scans[0]?.symbols.map((s) => `${s.container ?? ''}.${s.name}:${s.kind}`),
    ['.CatsController:class', 'CatsController.findAll:method', 'CatsController.findOne:method', 'CatsController.create:method'],
  );
});

test('commands, empty bodies, markers', async () => {
  const scan = await scanFile(
    'src/cli.ts',
    "import { Command } from 'commander';\nconst program = new Command();\nprogram.command('build <target>').description('x').action(() => {});\nprogram.command('status').action(() => {});\nexport function unused() {}\n/* FIXME(bob): handle errors\n * XXX this too */\n// mentions TODO/FIXME in passing are not markers\nclass A { constructor() {} method() {} }\n",
  );
  assert.equal(
    scan.commands.map((c) => c.name),
    ['build', 'status'],
  );
  assert.equal(scan.stubs, [
    { name: 'unused', line: 5, reason: 'empty-body' },
    { name: 'method', line: 9, reason: 'empty-body' },
  ]);
  assert.equal(scan.todos, [
    { tag: 'FIXME', text: 'handle errors', line: 6 },
    { tag: 'XXX', text: 'this too', line: 7 },
  ]);
  const yargs = await scanFile(
    'bin/y.js',
    "import yargs from 'yargs';\nyargs(process.argv).command({ command: 'serve [port]', handler() {} }).parse();\n",
  );
  assert.equal(yargs.commands, [{ name: 'serve', line: 2, framework: 'yargs' }]);
});

test('ky, ky instances (prefixUrl), global axios config objects, wrappers with a method parameter', async () => {
  const { calls } = await link({
    'web/ky.ts':
      "import ky from 'ky';\nconst api = ky.create({ prefixUrl: 'https://shop.example.com/api' });\nconst local = ky.extend({ prefixUrl: '/api' });\nexport async function load() {\n  await ky.get('/api/ky-direct');\n  await ky('/api/ky-call', { method: 'post' });\n  await local.get('/widgets');\n  await api.get('/external');\n}\n",
    'web/req.js':
      "const BASE = '/api/v2';\nasync function request(method, path, body) {\n  return fetch(BASE + path, { method, body: JSON.stringify(body) });\n}\nrequest('PUT', '/items/' + id, {});\nfetch(`${BASE}/things`, { method: 'DELETE' });\nfetch(someUrl);\naxios({ method: 'patch', url: '/api/axios-config' });\n",
  });
  assert.equal(calls, [
    'GET /api/ky-direct web/ky.ts:5',
    'POST /api/ky-call web/ky.ts:6',
    'GET /api/widgets web/ky.ts:7',
    'GET /api/external web/ky.ts:8 external',
    'PUT /api/v2/items/:id web/req.js:5',
    'DELETE /api/v2/things web/req.js:6',
    'PATCH /api/axios-config web/req.js:8',
  ]);
});

test('express: require() mounts, app.all, module.exports objects, re-exports through an index', async () => {
  const { endpoints, calls } = await link({
    'server/index.js':
      "const express = require('express');\nconst app = express();\napp.use('/v1', require('./routes'));\napp.all('/any', (req, res) => res.end());\n",
    'server/routes/index.js':
      "const { Router } = require('express');\nconst r = Router();\nr.get('/a', (req, res) => res.end());\nmodule.exports = r;\n",
    'web/api/index.ts': "export { http } from './http';\n",
    'web/api/http.ts': "import axios from 'axios';\nexport const http = axios.create({ baseURL: '/v1' });\n",
    'web/page.tsx': "import { http } from './api';\nexport const Page = () => <button onClick={() => http.get('/a')}>go</button>;\n",
    'test/a.test.ts': "import { http } from '../web/api';\ntest('calls', () => http.get('/not-a-ui-call'));\n",
  });
  assert.equal(endpoints, ['* /any server/index.js:4', 'GET /v1/a server/routes/index.js:3']);
  // Test files' calls are kept: the analysis reports them apart from the UI's.
  assert.equal(calls, ['GET /v1/not-a-ui-call test/a.test.ts:2', 'GET /v1/a web/page.tsx:2']);
});

test('map-like .get calls are not routes; conventional server names and inline handlers are', async () => {
  const { endpoints } = await link({
    'src/misc.ts': [
      "import { cache } from './cache';",
      "const value = cache.get('/key', fallback);",
      "const memo = new Map(); memo.get('/x', other);",
      "export function mount(adminRoutes) { adminRoutes.get('/admin', handler); }",
      "export function plugin(thing) { thing.post('/inline', async () => 1); }",
    ].join('\n'),
  });
  assert.equal(endpoints, ['GET /admin src/misc.ts:4', 'POST /inline src/misc.ts:5']);
});

test('a file that does not parse is kept, with its error', async () => {
  const scan = await scanFile('src/broken.ts', "export const = fetch('/x');");
  assert.ok(scan.error);
  assert.equal(scan.symbols, []);
});

test('declarations: imports, re-exports, types, classes, arrow and plain functions', async () => {
  const content = [
    "import def, { a as b, c } from './x';",
    "import * as ns from 'lib';",
    "export { b as bee } from './y';",
    'export interface Shape { area(): number }',
    'export type Id = string;',
    'export enum Color { Red }',
    'export default class Circle { radius = 1; area(): number { return 3 * this.radius; } }',
    'export const square = (n: number): number => n * n;',
    'export function cube(n: number): number { return n * n * n; }',
    'const local = 2;',
    'export { local as shared };',
  ].join('\n');
  const scan = await scanFile('src/shapes.ts', content);
  assert.equal(
    scan.symbols.map((s) => `${s.kind} ${s.container ? `${s.container}.` : ''}${s.name}:${s.line}${s.exported ? ' exported' : ''}`),
    [
      'type Shape:4 exported',
      'type Id:5 exported',
      'type Color:6 exported',
      'class Circle:7 exported',
      'method Circle.area:7 exported',
      'function square:8 exported',
      'function cube:9 exported',
      'variable local:10',
    ],
  );
  assert.equal(
    scan.imports.map((i) => `${i.source}:${i.line}`),
    ['./x:1', 'lib:2', './y:3'],
  );
  assert.equal(
    { ...scan.exports },
    {
      bee: 'bee',
      Shape: 'Shape',
      Id: 'Id',
      Color: 'Color',
      Circle: 'Circle',
      default: 'Circle',
      square: 'square',
      cube: 'cube',
      shared: 'local',
    },
  );
});

test.run();
