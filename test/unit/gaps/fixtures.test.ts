import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeFixture } from './fixture-spec.js';
import type { GapReport } from '../../../src/gaps/types.js';

const test = suite('gaps fixtures: planted gaps found one by one, fixed twins clean');

const IGNORE = ['POST /api/webhooks/*'];

function summary(report: GapReport): string[] {
  return report.gaps.map((gap) => `${gap.kind} ${gap.file ?? '-'}:${gap.line ?? '-'}`).sort();
}

test('detects missing features from the spec in an express + react app: every planted gap, nothing else', async () => {
  const report = await analyzeFixture('express-react/broken', IGNORE);
  assert.equal(summary(report), [
    'method-mismatch web/src/pages/Users.tsx:9',
    'missing-endpoint PROJECT_SPEC.md:38',
    'missing-file server/services/mailer.ts:-',
    'missing-test PROJECT_SPEC.md:47',
    'stub server/services/users.ts:24',
    'todo server/routes/users.ts:7',
    'ui-disconnect server/routes/users.ts:25',
    'unimplemented-requirement PROJECT_SPEC.md:17',
    'unimplemented-requirement PROJECT_SPEC.md:39',
    'unserved-call web/src/pages/Orders.tsx:7',
  ]);
  const mismatch = report.gaps.find((gap) => gap.kind === 'method-mismatch');
  assert.match(mismatch?.message ?? '', /PUT \/api\/users\/:id is called, but the server serves GET, PATCH/);
  assert.is(report.completion, 68.8);
  assert.equal(
    report.features.map((feature) => feature.completion),
    [75, 62.5],
  );
  const byStatus = Object.fromEntries(report.items.map((item) => [item.text, item.status]));
  assert.is(byStatus['Welcome mailer for new users'], 'missing');
  assert.is(byStatus['server/services/mailer.ts'], 'missing');
  assert.is(byStatus['Cancels an order'], 'missing');
  assert.is(byStatus['User listing endpoint `GET /api/users`'], 'done');
});

test('express + react: router prefixes across files, axios baseURL and the fetch wrapper resolve', async () => {
  const report = await analyzeFixture('express-react/fixed', IGNORE);
  assert.equal(report.gaps, []);
  assert.is(report.completion, 100);
  const endpoints = report.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path} ${endpoint.callers.length}`);
  assert.ok(endpoints.includes('GET /api/users/:id/avatar 1'));
  assert.ok(endpoints.includes('POST /api/orders 1'));
  assert.ok(endpoints.includes('DELETE /api/orders/:orderId 1'));
  assert.ok(endpoints.includes('POST /api/webhooks/stripe 0'), 'ignored endpoints are still listed');
  assert.ok(report.calls.every((call) => call.served));
  assert.ok(report.items.every((item) => item.status === 'done' && item.evidence.length > 0));
});

test('identifies UI disconnects (an API that no UI calls): without the ignore glob the webhook is one', async () => {
  const report = await analyzeFixture('express-react/fixed');
  assert.equal(summary(report), ['ui-disconnect server/app.ts:11']);
});

test('fastapi: every planted gap, nothing else', async () => {
  const report = await analyzeFixture('fastapi/broken');
  assert.equal(summary(report), [
    'missing-endpoint PROJECT_SPEC.md:13',
    'missing-test PROJECT_SPEC.md:23',
    'stub service/app/repository.py:28',
    'stub service/app/repository.py:30',
    'todo service/app/repository.py:31',
    'unimplemented-requirement PROJECT_SPEC.md:15',
  ]);
  const byStatus = Object.fromEntries(report.items.map((item) => [item.text, item.status]));
  assert.is(byStatus['service/app/repository.py'], 'partial');
  assert.is(byStatus['Fetch one user with GET /api/users/{user_id}'], 'done');
});

test('fastapi: include_router prefixes and APIRouter prefixes compose; no UI means no UI disconnects', async () => {
  const report = await analyzeFixture('fastapi/fixed');
  assert.equal(report.gaps, []);
  assert.equal(
    report.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`),
    ['GET /health', 'GET /api/items/:item_id', 'GET /api/users', 'GET /api/users/:user_id', 'DELETE /api/users/:user_id'],
  );
});

test('next.js: every planted gap, nothing else', async () => {
  const report = await analyzeFixture('nextjs/broken');
  assert.equal(summary(report), [
    'method-mismatch app/(dashboard)/users/page.tsx:16',
    'missing-endpoint PROJECT_SPEC.md:12',
    'missing-test PROJECT_SPEC.md:21',
    'ui-disconnect app/api/users/route.ts:7',
    'unserved-call app/(dashboard)/users/page.tsx:13',
  ]);
});

test('next.js: pages/api, app routes, route groups and catch-all segments', async () => {
  const report = await analyzeFixture('nextjs/fixed');
  assert.equal(report.gaps, []);
  const endpoints = report.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
  assert.equal(endpoints, [
    'GET /api/files/:path*',
    'GET /api/users/:id',
    'DELETE /api/users/:id',
    'GET /api/users',
    'POST /api/users',
    '* /api/health',
  ]);
});

test('generates actionable fix prompts: self-contained and deterministic', async () => {
  const first = await analyzeFixture('express-react/broken', IGNORE);
  const second = await analyzeFixture('express-react/broken', IGNORE);
  assert.equal(
    first.gaps.map((gap) => gap.prompt),
    second.gaps.map((gap) => gap.prompt),
  );
  assert.equal(
    first.gaps.map((gap) => gap.id),
    second.gaps.map((gap) => gap.id),
  );
  assert.is(new Set(first.gaps.map((gap) => gap.id)).size, first.gaps.length, 'gap ids are unique');
  const requirement = first.gaps.find((gap) => gap.kind === 'unimplemented-requirement' && gap.message.includes('Audit'));
  assert.ok(requirement);
  assert.match(requirement.prompt, /Feature: Orders \(id orders\)/);
  assert.match(requirement.prompt, /Spec item \(requirement, id orders:requirement:4\): Audit log recorder for order changes/);
  assert.match(requirement.prompt, /server\/services\/orders\.ts/);
  assert.match(requirement.prompt, /- Cancels an order/);
  assert.match(requirement.prompt, /Verify: `npx br-guard gaps --json` no longer lists gap unimplemented-requirement-/);
  const missingTest = first.gaps.find((gap) => gap.kind === 'missing-test');
  assert.match(missingTest?.prompt ?? '', /`npm test` passes/);
});

test.run();
