import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { importProjectModule, resolveFrom } from '../../../src/adapters/project-module.js';
import { readBlobs } from '../../../src/adapters/git-objects.js';
import { listStagedEntries } from '../../../src/adapters/git-index.js';
import { checkTypes } from '../../../src/quality/checkers/tsc-program.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const brGuardRoot = fileURLToPath(new URL('../../../../', import.meta.url));

test("project tools resolve from the project's node_modules, ESM entry first", async () => {
  assert.match(resolveFrom(`${brGuardRoot}package.json`, 'prettier') ?? '', /node_modules\/prettier\/index\.mjs$/);
  assert.match(resolveFrom(`${brGuardRoot}package.json`, 'typescript') ?? '', /node_modules\/typescript\/lib\/typescript\.js$/);
  assert.match(resolveFrom(`${brGuardRoot}package.json`, 'eslint') ?? '', /node_modules\/eslint\/lib\/api\.js$/);
  assert.is(resolveFrom(`${brGuardRoot}package.json`, 'br-guard-no-such-package'), null);
  const fromProject = await importProjectModule<{ version: string }>(brGuardRoot, 'prettier');
  assert.is(fromProject.fromProject, true);
  const repo = createTempRepo();
  try {
    const fallback = await importProjectModule<{ version: string }>(repo.root, 'prettier');
    assert.is(fallback.fromProject, false);
    assert.is(await importProjectModule(repo.root, 'prettier'), await importProjectModule(repo.root, 'prettier'));
  } finally {
    repo.cleanup();
  }
});

test('staged entries skip unmerged paths; cat-file batch skips missing objects', async () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'base\n' } });
  try {
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit('other', { 'a.txt': 'other\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'a.txt': 'main\n', 'b.txt': 'b\n' });
    try {
      repo.git('merge', '-q', 'other');
    } catch {
      // The conflict is the point.
    }
    const git = await Git.open(repo.root);
    const entries = await listStagedEntries(git, ['a.txt', 'b.txt']);
    assert.equal([...entries.keys()], ['b.txt']);
    assert.equal((await listStagedEntries(git, [])).size, 0);
    const blob = entries.get('b.txt')?.blob ?? '';
    const blobs = await readBlobs(git, [blob, '0'.repeat(40), blob]);
    assert.equal([...blobs.keys()], [blob]);
    assert.is(blobs.get(blob)?.toString(), 'b\n');
    assert.equal((await readBlobs(git, [])).size, 0);
  } finally {
    repo.cleanup();
  }
});

test('tsc reports tsconfig problems as findings without a file', async () => {
  const repo = createTempRepo({
    files: {
      'tsconfig.json': '{ "compilerOptions": { "target": "nope", "types": [] }, "include": ["*.ts"] }',
      'a.ts': 'export const a = 1;\n',
    },
  });
  try {
    const findings = await checkTypes({
      root: repo.root,
      cacheDir: `${repo.root}/.cache`,
      all: false,
      files: [{ path: 'a.ts', text: null }],
    });
    assert.ok(
      findings.some((f) => f.rule === 'TS6046' && f.severity === 'error'),
      findings.map((f) => f.rule).join(','),
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
