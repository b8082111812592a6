import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gitBlobId, type ProjectFileReader } from '../../../src/adapters/project-files.js';
import { compareConfigFiles, importedPaths, packageJsonPart } from '../../../src/quality/checkers/config-files.js';
import { makeConfigShadow, shadowBase } from '../../../src/quality/checkers/config-shadow.js';

/** A source (the index, a commit) holding `files`; `links` are symlinks there. */
function source(files: Record<string, string>, links: string[] = []): ProjectFileReader & { asked: string[][] } {
  const asked: string[][] = [];
  return Object.assign(async (path: string) => files[path] ?? null, {
    where: 'the index (stage it)',
    fromWorkTree: false,
    asked,
    versions: async (paths: readonly string[]) => {
      asked.push([...paths]);
      const ids = new Map<string, string | null>();
      for (const path of paths) {
        if (links.includes(path)) continue;
        ids.set(path, files[path] === undefined ? null : gitBlobId(Buffer.from(files[path]!)));
      }
      return ids;
    },
  });
}

function workTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-config-files-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('gitBlobId is git hash-object', () => {
  assert.is(gitBlobId(Buffer.from('hello\n')), 'ce013625030ba8dba906f756967f9e9ca394464a');
  assert.is(gitBlobId(Buffer.alloc(0)), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
});

test('importedPaths: relative specifiers of import, export, import() and require; packages and outside paths left out', () => {
  const text = [
    "import a from './a.js';",
    'export { b } from "../lib/b.mjs";',
    "const c = await import('./c');",
    "const d = require( './d.cjs' );",
    "import 'side-effect-package';",
    "import x from '../../outside.js';",
    "import './style.css';",
  ].join('\n');
  assert.equal(importedPaths('config/eslint.config.mjs', text), [
    'config/a.js',
    'lib/b.mjs',
    'config/c.js',
    'config/c.mjs',
    'config/c.cjs',
    'config/c.ts',
    'config/c.json',
    'config/c/index.js',
    'config/d.cjs',
    'config/style.css',
  ]);
  assert.equal(importedPaths('eslint.config.js', 'export default [];'), []);
});

test('compareConfigFiles: equal by blob id reads no content; a differing or missing file is named; imports followed', async () => {
  const files = {
    'eslint.config.mjs': "import rules from './rules.mjs';\nexport default [{ rules }];\n",
    'rules.mjs': 'export default {};\n',
    'package.json': '{ "name": "x", "type": "module" }\n',
  };
  const root = workTree(files);
  try {
    const set = { names: ['eslint.config.js', 'eslint.config.mjs', 'package.json'], parts: { 'package.json': packageJsonPart('type') } };
    const same = source(files);
    const equal = await compareConfigFiles(root, same, set);
    assert.equal(equal.differing, []);
    assert.equal([...equal.versions.keys()], ['eslint.config.js', 'eslint.config.mjs', 'package.json', 'rules.mjs']);
    assert.is(equal.versions.get('eslint.config.js'), null);
    assert.equal(same.asked, [set.names, ['rules.mjs']]);
    // The imported file staged differently; package.json differs only outside `type`; a new config staged only.
    const staged = source({
      ...files,
      'rules.mjs': 'export default { "no-var": "error" };\n',
      'package.json': '{ "name": "y", "type": "module" }\n',
      'eslint.config.js': 'export default [];\n',
    });
    assert.equal((await compareConfigFiles(root, staged, set)).differing, ['eslint.config.js', 'rules.mjs']);
    // Absent from the source, present on disk; a symlink in the source stands for the work tree's copy.
    const absent = source({ 'package.json': '{ "type": "commonjs" }\n' }, ['eslint.config.mjs']);
    // (the link's target imports rules.mjs, which the source lacks)
    assert.equal((await compareConfigFiles(root, absent, set)).differing, ['package.json', 'rules.mjs']);
    const unparsable = source({ ...files, 'package.json': '{ nope' });
    assert.equal((await compareConfigFiles(root, unparsable, set)).differing, ['package.json']);
    // The work tree compared with itself: nothing differs, nothing asked of git.
    const fromDisk = Object.assign(async () => null, { where: 'the work tree', fromWorkTree: true, versions: async () => new Map() });
    const self = await compareConfigFiles(root, fromDisk, set);
    assert.equal(self.differing, []);
    assert.is(self.versions.get('rules.mjs'), gitBlobId(Buffer.from(files['rules.mjs'])));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('config shadows: under .git, named by content and pid, shared, removed by the last user; leftovers of dead processes removed', async () => {
  const root = workTree({ '.git/HEAD': 'ref: refs/heads/main\n' });
  try {
    const base = await shadowBase(root);
    assert.is(base, join(root, '.git', 'br-guard', 'config-shadow'));
    // A leftover of a process that is gone (and one half written), and a foreign folder left alone.
    mkdirSync(join(base, '0123456789abcdef.999999999'), { recursive: true });
    mkdirSync(join(base, '0123456789abcdef.999999999.tmp3'), { recursive: true });
    mkdirSync(join(base, 'not-ours'), { recursive: true });
    const read = source({ 'a/.prettierrc': '{}\n', '.editorconfig': 'root = true\n' });
    const versions = new Map<string, string | null>([
      ['a/.prettierrc', 'id1'],
      ['.editorconfig', 'id2'],
      ['gone.js', null],
    ]);
    const one = await makeConfigShadow(root, read, versions);
    const two = await makeConfigShadow(root, read, versions);
    assert.is(one.dir, two.dir);
    assert.match(one.dir, new RegExp(`/[0-9a-f]{16}\\.${process.pid}$`));
    assert.equal([...one.files].sort(), ['.editorconfig', 'a/.prettierrc']);
    assert.is(readFileSync(join(one.dir, 'a/.prettierrc'), 'utf8'), '{}\n');
    assert.equal(readdirSync(base).sort(), [one.dir.slice(base.length + 1), 'not-ours'].sort());
    await one.release();
    await one.release();
    assert.ok(readdirSync(base).includes(one.dir.slice(base.length + 1)), 'still used by the second');
    await two.release();
    assert.equal(readdirSync(base), ['not-ours']);
    // A linked worktree (git dir elsewhere) with node_modules: the shadow goes where imports resolve.
    const linked = workTree({ '.git': 'gitdir: /elsewhere/.git/worktrees/x\n', 'node_modules/.keep': '' });
    try {
      assert.is(await shadowBase(linked), join(linked, 'node_modules', '.cache', 'br-guard', 'config-shadow'));
    } finally {
      rmSync(linked, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
