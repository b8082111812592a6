import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveModule } from '../../../src/gaps/scanner/resolve-module.js';
import { markersInComment, findStubMessage } from '../../../src/gaps/scanner/markers.js';
import { applyWrapper } from '../../../src/gaps/scanner/apply-wrapper.js';
import { nextJsRoutes } from '../../../src/gaps/scanner/next-routes.js';
import type { EsNode } from '../../../src/gaps/scanner/ts-url.js';

const files = new Set([
  'src/lib/api.ts',
  'src/components/index.tsx',
  'lib/util.js',
  'svc/a/app/core.py',
  'svc/b/app/core.py',
  'svc/a/app/pkg/__init__.py',
  'svc/a/app/pkg/mod.py',
]);
const python = [...files].filter((file) => file.endsWith('.py'));

test('module resolution: relative, .js for .ts, index files, aliases, python packages', () => {
  assert.is(resolveModule('src/pages/a.ts', '../lib/api.js', files, python), 'src/lib/api.ts');
  assert.is(resolveModule('src/pages/a.ts', '../components', files, python), 'src/components/index.tsx');
  assert.is(resolveModule('src/pages/a.ts', '@/lib/api', files, python), 'src/lib/api.ts');
  assert.is(resolveModule('x.ts', '~/lib/util', files, python), 'lib/util.js');
  assert.is(resolveModule('src/pages/a.ts', 'react', files, python), null);
  assert.is(resolveModule('src/pages/a.ts', './missing', files, python), null);
  assert.is(resolveModule('svc/a/app/pkg/mod.py', '..core', files, python), 'svc/a/app/core.py');
  assert.is(resolveModule('svc/a/app/pkg/mod.py', '.', files, python), 'svc/a/app/pkg/__init__.py');
  assert.is(resolveModule('svc/a/app/pkg/mod.py', '.nothing', files, python), null);
  assert.is(resolveModule('svc/b/app/main.py', 'app.core', files, python), 'svc/b/app/core.py', 'the nearer of two roots');
  assert.is(resolveModule('svc/a/app/main.py', 'app.core', files, python), 'svc/a/app/core.py');
  assert.is(resolveModule('svc/a/app/main.py', 'app.pkg', files, python), 'svc/a/app/pkg/__init__.py');
  assert.is(resolveModule('svc/a/app/main.py', 'requests', files, python), null);
});

test('markers: at the start of a comment line or followed by a colon', () => {
  assert.equal(markersInComment(' TODO(ann): x\n see the HACK: y\n TODOS are fine\n', 10), [
    { tag: 'TODO', text: 'x', line: 10 },
    { tag: 'HACK', text: 'y', line: 11 },
  ]);
  assert.equal(markersInComment('* FIXME */', 3), [{ tag: 'FIXME', text: '', line: 3 }]);
});

test('stub messages: NotImplemented errors and not-implemented texts only', () => {
  const error = (name: string, message?: EsNode): EsNode => ({
    type: 'NewExpression',
    callee: { type: 'Identifier', name },
    arguments: message ? [message] : [],
  });
  const literal = (value: string): EsNode => ({ type: 'Literal', value });
  assert.is(findStubMessage(error('NotImplementedError')), 'NotImplementedError');
  assert.is(findStubMessage(error('Error', literal('Not yet implemented'))), 'Not yet implemented');
  assert.is(findStubMessage(error('TypeError', literal('stub'))), 'stub');
  assert.is(
    findStubMessage(
      error('Error', { type: 'TemplateLiteral', quasis: [{ type: 'TemplateElement', value: { cooked: 'unimplemented: ' } }] }),
    ),
    'unimplemented: ',
  );
  assert.is(findStubMessage(error('Error', literal('user not found'))), null);
  assert.is(findStubMessage(error('Thing', literal('not implemented'))), null);
  assert.is(findStubMessage({ type: 'Identifier', name: 'e' }), null);
  assert.is(findStubMessage(null), null);
});

test('wrappers apply to the argument that carries the URL only', () => {
  const wrapper = { name: 'api', urlParam: 1, prefix: '/api', method: { kind: 'option' as const } };
  assert.is(applyWrapper(wrapper, { via: 'api', argIndex: 0, method: null, path: '/x', external: false, line: 1 }), null);
  assert.equal(applyWrapper(wrapper, { via: 'api', argIndex: 1, method: null, path: '/', external: false, line: 1 }), {
    via: null,
    argIndex: 1,
    method: 'GET',
    path: '/api',
    external: false,
    line: 1,
  });
  assert.is(
    applyWrapper(
      { ...wrapper, method: { kind: 'fixed', value: 'POST' } },
      { via: 'api', argIndex: 1, method: 'PUT', path: '/x', external: false, line: 1 },
    )?.method,
    'POST',
  );
});

test('next.js: pages index routes, src/ roots, default exports required', () => {
  assert.equal(nextJsRoutes('src/pages/api/users/index.ts', { default: 'handler' }, new Map([['handler', 4]])), [
    { owner: null, method: '*', path: '/api/users', line: 4 },
  ]);
  assert.equal(nextJsRoutes('pages/api/x.ts', {}, new Map()), []);
  assert.equal(nextJsRoutes('src/app/(shop)/@modal/api/route.ts', { GET: 'GET' }, new Map()), [
    { owner: null, method: 'GET', path: '/api', line: 1 },
  ]);
  assert.equal(nextJsRoutes('src/lib/route.ts', { GET: 'GET' }, new Map()), []);
});

test.run();
