import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { importProvidedBy } from '../../../src/drift/deps/python-import-names.js';
import { PYTHON_STDLIB } from '../../../src/drift/deps/python-stdlib.js';
import { npmPackageOf } from '../../../src/drift/imports/package-specifier.js';
import { isShippedFile, typesPackageOf } from '../../../src/drift/rules/package-imports.js';

test('npmPackageOf: the package of a specifier; not for paths, schemes, builtins, subpath imports or invalid names', () => {
  const cases: Record<string, string | null> = {
    react: 'react',
    'react-dom/client': 'react-dom',
    '@babel/core': '@babel/core',
    '@babel/core/lib/x.js': '@babel/core',
    'lodash?x': 'lodash',
    './a': null,
    '../a': null,
    '.': null,
    '/abs/x': null,
    'node:fs': null,
    fs: null,
    'fs/promises': null,
    'virtual:pwa': null,
    'https://cdn/x.js': null,
    '#internal/x': null,
    '@/components/x': null,
    '~/x': null,
    '': null,
  };
  for (const [specifier, expected] of Object.entries(cases)) assert.is(npmPackageOf(specifier), expected, specifier);
  assert.is(typesPackageOf('node'), '@types/node');
  assert.is(typesPackageOf('@babel/core'), '@types/babel__core');
});

test('isShippedFile: tests, configs, scripts, benches, stories, examples and docs do not ship', () => {
  for (const file of ['src/index.ts', 'lib/server.js', 'packages/ui/src/button.tsx', 'app/page.tsx']) assert.ok(isShippedFile(file), file);
  for (const file of [
    'src/a.test.ts',
    'src/a.spec.tsx',
    'test/helpers.ts',
    'packages/ui/__tests__/x.ts',
    'vite.config.ts',
    'eslint.config.mjs',
    '.eslintrc.cjs',
    'scripts/release.mjs',
    'bench/gaps.mjs',
    'src/button.stories.tsx',
    'examples/basic/index.ts',
    'jest.setup.ts',
    'gulpfile.js',
  ])
    assert.not.ok(isShippedFile(file), file);
});

test('Python import names map to distributions; stdlib is baked in', () => {
  const declared = new Set([
    'pyyaml',
    'pillow',
    'scikit-learn',
    'opencv-python-headless',
    'beautifulsoup4',
    'python-dateutil',
    'requests',
    'python-dotenv',
    'pyjwt',
  ]);
  for (const name of ['yaml', 'PIL', 'sklearn', 'cv2', 'bs4', 'dateutil', 'requests', 'Requests', 'dotenv', 'jwt'])
    assert.ok(importProvidedBy(name, declared), name);
  for (const name of ['numpy', 'flask', 'torch']) assert.not.ok(importProvidedBy(name, declared), name);
  assert.ok(importProvidedBy('foo', new Set(['python-foo'])));
  assert.ok(importProvidedBy('zmq', new Set(['pyzmq'])));
  for (const name of ['os', 'sys', 'json', 'asyncio', 'tomllib', 'distutils', '__future__']) assert.ok(PYTHON_STDLIB.has(name), name);
  assert.not.ok(PYTHON_STDLIB.has('yaml'));
});

test.run();
