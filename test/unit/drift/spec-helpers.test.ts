import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { endpointKey, specEndpoints } from '../../../src/drift/spec/spec-endpoints.js';
import { addedSpecLines, linesName } from '../../../src/drift/spec/spec-diff.js';
import { cleanSpecPath, createSpecPaths, specPathForms } from '../../../src/drift/spec/spec-paths.js';
import { createTechStackCheck, techStackNames } from '../../../src/drift/spec/tech-stack.js';
import { sameEndpoint } from '../../../src/drift/rules/undocumented-endpoint.js';
import { gapScannerEndpoints, mayServeRoutes } from '../../../src/drift/gap-scanner-endpoints.js';
import { makeSpec } from '../../integration/drift/drift-fixtures.js';

test('spec paths: exact files, folder entries, globs, File Structure headings, sub-folder specs', () => {
  const spec = makeSpec({
    file: 'packages/api/PROJECT_SPEC.md',
    features: [
      { name: 'Orders', files: ['`src/orders.ts` (new)', './src/legacy.ts - old', 'src/handlers/', 'src/jobs/*.ts'] },
      { name: 'Billing', files: ['src/orders.ts'] },
    ],
    fileStructure: ['core/', 'core/a.py', 'migrations/'],
  });
  const paths = createSpecPaths(spec);
  assert.ok(paths.documents('src/orders.ts'));
  assert.ok(paths.documents('packages/api/src/orders.ts'));
  assert.ok(paths.documents('src/handlers/x/y.ts'));
  assert.ok(paths.documents('packages/api/src/jobs/nightly.ts'));
  assert.ok(paths.documents('migrations/001.sql'));
  assert.ok(paths.documents('core/a.py'));
  assert.not.ok(paths.documents('core/b.py'));
  assert.not.ok(paths.documents('lib/src/orders.ts'));
  assert.not.ok(paths.documents('orders.ts'));
  assert.ok(paths.requires('src/legacy.ts'));
  assert.not.ok(paths.requires('src/handlers/'));
  assert.equal(paths.featuresNaming('src/orders.ts'), ['Orders', 'Billing']);
  assert.equal(paths.featuresNaming('core/a.py'), []);
  assert.is(cleanSpecPath('`a/b.ts`,'), 'a/b.ts');
  assert.equal(specPathForms('', 'x.md'), []);
  assert.equal(specPathForms('a.ts', '.buildrunner/PROJECT_SPEC.md'), ['a.ts']);
  assert.not.ok(createSpecPaths(null).documents('a.ts'));
});

test('tech stack: leading names of entries and list parts; exact after normalisation; allow globs', () => {
  const spec = makeSpec({
    dependencies: ['Python 3.11+', 'GitPython (for git operations)', '`@scope/pkg`', 'React 18 / Next.js', 'pytest, pytest-cov'],
    tools: ['Ruff.'],
  });
  assert.equal(techStackNames(spec), ['Python', 'GitPython', '@scope/pkg', 'React', 'Next.js', 'pytest', 'pytest-cov', 'Ruff']);
  const check = createTechStackCheck(spec, ['@types/*', 'eslint-plugin-*']);
  const npm = (name: string) => ({ ecosystem: 'npm' as const, name, file: 'package.json', line: 1, dev: false });
  const pypi = (name: string) => ({ ...npm(name), ecosystem: 'pypi' as const });
  assert.ok(check.inStack(npm('react')));
  assert.ok(check.inStack(npm('next.js')));
  assert.ok(check.inStack(pypi('gitpython')));
  assert.ok(check.inStack(pypi('pytest-cov')));
  assert.not.ok(check.inStack(npm('react-dom')));
  assert.not.ok(check.inStack(npm('@scope/pkg-extra')));
  assert.is(check.allowedBy(npm('@types/node')), '@types/*');
  assert.is(check.allowedBy(npm('@types/node/extra')), null);
  assert.is(check.allowedBy(pypi('eslint-plugin-x')), 'eslint-plugin-*');
  assert.is(check.allowedBy(npm('types')), null);
});

test('spec endpoints and endpoint keys: parameter spellings and trailing punctuation', () => {
  const found = specEndpoints('Serves `GET /api/orders/{id}`.\nAlso POST /api/orders. And DELETE /api/x/<int:id>:\n', 'SPEC.md');
  assert.equal(
    found.map((e) => `${e.line} ${e.method} ${e.path}`),
    ['1 GET /api/orders/{id}', '2 POST /api/orders', '2 DELETE /api/x/<int:id>'],
  );
  assert.is(endpointKey('get', '/api/orders/:orderId/'), 'GET /api/orders/:');
  assert.is(endpointKey('GET', '/api/orders/[id]?x=1'), 'GET /api/orders/:');
  assert.is(endpointKey('GET', '/'), 'GET /');
  assert.ok(sameEndpoint('GET /api/orders/:', 'GET /orders/:'));
  assert.ok(sameEndpoint('GET /api/orders', '* /api/orders'));
  assert.not.ok(sameEndpoint('GET /api/orders', 'POST /api/orders'));
  assert.not.ok(sameEndpoint('GET /api/myorders', 'GET /orders'));
  assert.not.ok(sameEndpoint('GET /api', 'GET /'));
});

test('spec diff: added lines from a unified diff; whole-token path matching', async () => {
  const diff = [
    'diff --git a/PROJECT_SPEC.md b/PROJECT_SPEC.md',
    'index 1111111..2222222 100644',
    '--- a/PROJECT_SPEC.md',
    '+++ b/PROJECT_SPEC.md',
    '@@ -3,0 +4,2 @@',
    '+- `src/payments.ts`',
    '+- ./src/refunds.ts (new)',
    '@@ -9 +10,0 @@',
    '-- src/old.ts',
    '',
  ].join('\n');
  const lines = await addedSpecLines(diff);
  assert.equal(lines, ['- `src/payments.ts`', '- ./src/refunds.ts (new)']);
  assert.ok(linesName(lines, 'src/payments.ts'));
  assert.ok(linesName(lines, 'src/refunds.ts'));
  assert.not.ok(linesName(lines, 'payments.ts'));
  assert.not.ok(linesName(lines, 'src/payments'));
  assert.equal(await addedSpecLines('  '), []);
});

test('endpoint prefilter: route-looking files are scanned, plain modules are not', async () => {
  assert.ok(mayServeRoutes('src/server.ts', "app.get('/x', h)"));
  assert.ok(mayServeRoutes('app/api.py', '@router.post("/x")\ndef f(): pass'));
  assert.ok(mayServeRoutes('src/orders.controller.ts', '@Controller("orders") export class C {}'));
  assert.ok(mayServeRoutes('app/orders/route.ts', 'export const x = 1;'));
  assert.ok(mayServeRoutes('pages/api/orders.ts', 'export default function h() {}'));
  assert.not.ok(mayServeRoutes('src/math.ts', 'export const add = (a: number, b: number) => a + b;'));
  assert.equal(await gapScannerEndpoints('src/math.ts', 'export const x = 1;'), []);
  assert.equal(await gapScannerEndpoints('README.md', "app.get('/x', h)"), []);
  assert.equal(await gapScannerEndpoints('src/server.ts', "app.get('/api/x', (req, res) => res.end());\n"), [
    { method: 'GET', path: '/api/x', line: 1 },
  ]);
});

test.run();
