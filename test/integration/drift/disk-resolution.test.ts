import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { diskResolverAvailable } from '../../../src/adapters/disk-module-resolver.js';
import { runDriftCheck } from '../../../src/drift/run-drift-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { driftDeps, makeConfig, summary } from './drift-fixtures.js';

const test = suite('drift: imports only resolution on disk can see (package.json imports, workspace packages, inherited tsconfig paths)');
const staged = { scope: { kind: 'staged' as const } };
const forbid = (...edges: Array<{ from: string; to: string }>) =>
  makeConfig((config) => {
    config.architecture.forbidden = edges;
  });
const rules = (result: Awaited<ReturnType<typeof runDriftCheck>>, pattern: RegExp): string[] =>
  summary(result)
    .filter((line) => pattern.test(line))
    .sort();

if (!diskResolverAvailable()) {
  console.log('skip: oxc-resolver (an optional dependency) is not installed for this platform');
} else {
  test('a #subpath import resolves through package.json "imports", even when the tsconfig extends a package that is not installed', async () => {
    const repo = createTempRepo({
      commit: true,
      files: {
        'package.json': JSON.stringify({ name: 'shop', imports: { '#secret/*': './lib/secret/*.ts' } }),
        'tsconfig.json': JSON.stringify({ extends: '@tsconfig/not-installed/tsconfig.json' }),
        'lib/secret/key.ts': 'export const key = 1;\n',
      },
    });
    try {
      repo.write({ 'src/app.ts': "import { key } from '#secret/key';\nexport { key };\n" });
      repo.git('add', '-A');
      const result = await runDriftCheck(await driftDeps(repo, null, forbid({ from: 'src/**', to: 'lib/secret/**' })), staged);
      assert.equal(rules(result, /^forbidden-import /), ['forbidden-import src/app.ts -> lib/secret/key.ts']);
    } finally {
      repo.cleanup();
    }
  });

  test('a workspace package linked under node_modules resolves to its file, and is still judged as a package', async () => {
    const repo = createTempRepo({
      commit: true,
      files: {
        '.gitignore': 'node_modules/\n',
        'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*', 'apps/*'] }),
        'packages/ui/package.json': JSON.stringify({ name: '@shop/ui', exports: { '.': './src/index.ts' } }),
        'packages/ui/src/index.ts': 'export const button = 1;\n',
        'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: {} }),
      },
    });
    try {
      mkdirSync(join(repo.root, 'node_modules/@shop'), { recursive: true });
      symlinkSync('../../packages/ui', join(repo.root, 'node_modules/@shop/ui'));
      repo.write({ 'apps/web/src/main.ts': "import { button } from '@shop/ui';\nexport { button };\n" });
      repo.git('add', '-A');
      const result = await runDriftCheck(await driftDeps(repo, null, forbid({ from: 'apps/**', to: 'packages/ui/src/**' })), staged);
      assert.equal(rules(result, /^(?:forbidden-import|undeclared-import) /), [
        'forbidden-import apps/web/src/main.ts -> packages/ui/src/index.ts',
        'undeclared-import apps/web/src/main.ts -> @shop/ui',
      ]);
      const byName = await runDriftCheck(await driftDeps(repo, null, forbid({ from: 'apps/**', to: '@shop/ui' })), staged);
      assert.equal(rules(byName, /^forbidden-import /), ['forbidden-import apps/web/src/main.ts -> packages/ui/src/index.ts']);
    } finally {
      repo.cleanup();
    }
  });

  test('paths inherited from a generated tsconfig outside the snapshot ($lib of SvelteKit) resolve on disk', async () => {
    const repo = createTempRepo({
      commit: true,
      files: {
        '.gitignore': '.svelte-kit/\n',
        'package.json': JSON.stringify({ name: 'site' }),
        'tsconfig.json': JSON.stringify({ extends: './.svelte-kit/tsconfig.json' }),
        'src/lib/server/db.ts': 'export const db = 1;\n',
      },
    });
    try {
      repo.write({
        '.svelte-kit/tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '$lib/*': ['../src/lib/*'] } } }),
        'src/routes/page.ts': "import { db } from '$lib/server/db';\nexport { db };\n",
      });
      repo.git('add', '-A');
      const result = await runDriftCheck(await driftDeps(repo, null, forbid({ from: 'src/routes/**', to: 'src/lib/server/**' })), staged);
      assert.equal(rules(result, /^forbidden-import /), ['forbidden-import src/routes/page.ts -> src/lib/server/db.ts']);
    } finally {
      repo.cleanup();
    }
  });

  test('an answer from the disk that is not a file of the checked content does not count', async () => {
    const repo = createTempRepo({
      commit: true,
      files: {
        '.gitignore': 'generated/\n',
        'package.json': JSON.stringify({ name: 'shop', imports: { '#gen/*': './generated/*.ts' } }),
      },
    });
    try {
      repo.write({ 'generated/api.ts': 'export const api = 1;\n', 'src/app.ts': "import { api } from '#gen/api';\nexport { api };\n" });
      repo.git('add', '-A');
      const result = await runDriftCheck(await driftDeps(repo, null, forbid({ from: 'src/**', to: 'generated/**' })), staged);
      assert.equal(rules(result, /^forbidden-import /), []);
    } finally {
      repo.cleanup();
    }
  });
}

test.run();
