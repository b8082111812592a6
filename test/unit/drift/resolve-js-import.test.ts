import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsonc } from '../../../src/domain/parse-jsonc.js';
import { createJsResolver } from '../../../src/drift/imports/resolve-js-import.js';
import { readTsPathsConfigs } from '../../../src/drift/imports/tsconfig-paths.js';

const files = new Set([
  'src/cli/main.ts',
  'src/domain/index.ts',
  'src/domain/spec.ts',
  'src/ui/button.tsx',
  'src/esm.mts',
  'packages/web/src/app.ts',
  'packages/web/src/lib/util.ts',
  'packages/web/tsconfig.json',
  'tsconfig.json',
  'tsconfig.base.json',
]);

test('relative imports: .js → .ts mapping, extensionless, index files, outside the repo', () => {
  const resolve = createJsResolver(files, []);
  assert.is(resolve('src/cli/main.ts', '../domain/spec.js'), 'src/domain/spec.ts');
  assert.is(resolve('src/cli/main.ts', '../domain/spec'), 'src/domain/spec.ts');
  assert.is(resolve('src/cli/main.ts', '../domain'), 'src/domain/index.ts');
  assert.is(resolve('src/cli/main.ts', '../domain/index.js'), 'src/domain/index.ts');
  assert.is(resolve('src/cli/main.ts', '../ui/button.js'), 'src/ui/button.tsx');
  assert.is(resolve('src/cli/main.ts', '../esm.mjs'), 'src/esm.mts');
  assert.is(resolve('src/cli/main.ts', '../../../outside'), null);
  assert.is(resolve('src/cli/main.ts', 'commander'), null);
  assert.is(resolve('src/cli/main.ts', 'node:fs'), null);
});

test('tsconfig paths and baseUrl, nearest tsconfig, relative extends', () => {
  const texts = new Map<string, string | null>([
    [
      'tsconfig.base.json',
      '{ "compilerOptions": { "baseUrl": ".", /* comment */ "paths": { "@domain/*": ["src/domain/*"], "@cli": ["src/cli/main.ts"], } } }',
    ],
    ['tsconfig.json', '{ "extends": "./tsconfig.base", "compilerOptions": { "strict": true } }'],
    ['packages/web/tsconfig.json', '{ "compilerOptions": { "paths": { "~/*": ["./src/*"] } } }'],
  ]);
  const configs = readTsPathsConfigs(texts);
  const resolve = createJsResolver(files, configs);
  assert.is(resolve('src/cli/main.ts', '@domain/spec'), 'src/domain/spec.ts');
  assert.is(resolve('src/cli/main.ts', '@cli'), 'src/cli/main.ts');
  assert.is(resolve('src/cli/main.ts', 'src/domain/spec.js'), 'src/domain/spec.ts');
  assert.is(resolve('src/cli/main.ts', '@domain/missing'), null);
  assert.is(resolve('packages/web/src/app.ts', '~/lib/util.js'), 'packages/web/src/lib/util.ts');
  assert.is(resolve('packages/web/src/app.ts', 'src/domain/spec'), null);
});

test('parseJsonc keeps comment-like text inside strings and rejects garbage', () => {
  assert.equal(parseJsonc('{"a": "http://x//y", // c\n "b": [1,],}'), { a: 'http://x//y', b: [1] });
  assert.is(parseJsonc('{nope'), null);
  assert.equal(readTsPathsConfigs(new Map([['tsconfig.json', '{nope']])), [{ dir: '', baseUrl: null, paths: [], extendsOutside: false }]);
});

test.run();
