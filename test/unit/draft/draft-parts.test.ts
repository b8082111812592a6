import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { draftFileStructure } from '../../../src/draft/file-structure-draft.js';
import { projectIdentity, readmeParagraph } from '../../../src/draft/project-identity.js';
import { draftTechStack } from '../../../src/draft/tech-stack-draft.js';
import { resourceOf } from '../../../src/draft/endpoint-features.js';
import { draftModuleFeatures, titleCase } from '../../../src/draft/module-features.js';
import { renderDraft } from '../../../src/draft/render-draft.js';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { createSpecPaths } from '../../../src/drift/spec/spec-paths.js';
import { emptyScan, type FileScan } from '../../../src/gaps/scanner/types.js';
import type { Dependency } from '../../../src/drift/deps/dependency.js';

test('the README paragraph skips headings, badges, code and a sentence that introduced a list', () => {
  const readme = [
    '# tool',
    '',
    '<p align="center"><img src="logo.png"></p>',
    '[![npm](https://x/badge.svg)](https://x)',
    '[Docs](https://x) · [Chat](https://y)',
    '',
    '```sh',
    'npm i tool',
    '```',
    '',
    'Tool does one thing.',
    'It does it well. It supports:',
    '',
    '- a',
  ].join('\n');
  assert.is(readmeParagraph(readme), 'Tool does one thing. It does it well.');
  assert.is(readmeParagraph('# only a title\n'), null);
  assert.is(readmeParagraph('```\ncode\n```\nAfter code.\n'), 'After code.');
  assert.is(readmeParagraph('Text before\n```\ncode\n```\n'), 'Text before');
});

test('identity: package.json, then pyproject (PEP 621 or Poetry), then the README title, then the folder', () => {
  assert.equal(projectIdentity('{"name":"a","description":" b "}', null, null, 'dir'), {
    name: 'a',
    description: 'b',
    source: 'package.json',
  });
  assert.equal(projectIdentity(null, '[project]\nname = "p"\ndescription = "d"\n', null, 'dir'), {
    name: 'p',
    description: 'd',
    source: 'pyproject.toml',
  });
  assert.equal(projectIdentity('{broken', '[tool.poetry]\nname = "q"\n', null, 'dir'), {
    name: 'q',
    description: '',
    source: 'pyproject.toml',
  });
  assert.equal(projectIdentity('[]', 'not = toml = ', '# My [App](x) <b>x</b>\n', 'dir'), {
    name: 'My x',
    description: '',
    source: 'README',
  });
  assert.equal(projectIdentity('"text"', null, 'no title', 'dir'), { name: 'dir', description: '', source: null });
});

test('the file structure lists root files and small folders, and folds large or unwritable ones', () => {
  const many = Array.from({ length: 16 }, (_, i) => `lib/m${i}.js`);
  assert.equal(draftFileStructure(['src/a.ts', 'src/sub/deep/b.ts', 'run.py', ...many, 'pages/[id].tsx']), [
    'lib/',
    'pages/',
    'src/',
    '  sub/',
    '  a.ts',
    'run.py',
  ]);
  assert.equal(draftFileStructure(['my app/x.js', 'y.js']), ['**']);
  assert.equal(draftFileStructure(['a b.js']), ['**']);
  assert.equal(draftFileStructure([]), []);
});

test('every file the structure was drafted for is documented by it, read back as drift reads it', () => {
  const files = ['src/a.ts', 'src/sub/deep/b.ts', 'run.py', 'pages/[id].tsx', 'pages/post/x.ts', 'weird dir/z.js'];
  for (const set of [files, files.slice(0, 5)]) {
    const text = renderDraft({
      title: 't',
      overview: 'o',
      sources: ['x'],
      features: [{ name: 'F', description: 'd', requirements: [], files: ['src/a.ts'] }],
      dependencies: [],
      tools: [],
      structure: draftFileStructure(set),
    });
    const paths = createSpecPaths(parseSpec(text, 'PROJECT_SPEC.md'));
    assert.equal(
      set.filter((file) => !paths.documents(file)),
      [],
    );
  }
});

test('the tech stack: languages, runtime dependencies (frameworks marked, nested manifests named), dev tools once', () => {
  const dep = (name: string, dev: boolean, file = 'package.json', ecosystem: Dependency['ecosystem'] = 'npm'): Dependency => ({
    ecosystem,
    name,
    file,
    line: 1,
    dev,
  });
  const stack = draftTechStack(
    [
      dep('vitest', true),
      dep('express', false),
      dep('react', false, 'web/package.json'),
      dep('express', true, 'web/package.json'),
      dep('click', false, 'pyproject.toml', 'pypi'),
    ],
    ['src/a.ts', 'web/b.jsx', 'cli.py'],
  );
  assert.equal(stack, {
    dependencies: [
      'Node.js',
      'TypeScript',
      'JavaScript',
      'Python',
      'express (framework)',
      'click (framework)',
      'react (framework, web/package.json)',
    ],
    tools: ['vitest'],
  });
  assert.equal(draftTechStack([], ['main.go']), { dependencies: ['Go'], tools: [] });
});

test('resources: a tRPC router, the first path segment past api/v1, root', () => {
  assert.is(resourceOf({ path: '/api/trpc/post.byId', procedure: 'post.byId' }), 'post');
  assert.is(resourceOf({ path: '/api/v1/orders/:id' }), 'orders');
  assert.is(resourceOf({ path: '/api' }), 'api');
  assert.is(resourceOf({ path: '/' }), 'root');
  assert.is(resourceOf({ path: '/:slug*' }), 'root');
});

test('modules: package roots, bin/ as one, index files named after their folder, names kept apart', () => {
  const scan = (path: string, symbols: FileScan['symbols'] = []): FileScan => ({ ...emptyScan(path, 'ts', 10), symbols });
  const files = [
    'bin/a.js',
    'bin/b.js',
    'backend/config/db.js',
    'backend/server.js',
    'frontend/src/config/x.js',
    'frontend/src/index.js',
    'lib/only.js',
    'src/pkg/__init__.py',
    'src/pkg/core/x.py',
    'src/pkg/core/y.py',
    'top.js',
    'app/index.js',
    'app/other.js',
    'tools/util.js',
    'tools/util/x.js',
  ];
  const scans = new Map(files.map((file) => [file, scan(file)]));
  scans.set(
    'backend/server.js',
    scan('backend/server.js', [
      { name: 'start', kind: 'function', line: 1, exported: true },
      { name: 'PORT', kind: 'variable', line: 2, exported: true },
      { name: 'Item', kind: 'type', line: 3, exported: true },
    ]),
  );
  scans.set('top.js', scan('top.js', [{ name: 'PORT', kind: 'variable', line: 2, exported: true }]));
  scans.set('lib/only.js', scan('lib/only.js', [{ name: 'helper', kind: 'function', line: 2, exported: false }]));
  const features = draftModuleFeatures(files, scans);
  assert.equal(
    features.map((f) => [f.name, f.files, f.requirements]),
    [
      ['App Entry Point', ['app/index.js'], []],
      ['Other', ['app/other.js'], []],
      ['Backend Config', ['backend/config/db.js'], []],
      ['Server', ['backend/server.js'], ['Defines `start`']],
      ['Command-line Entry Points', ['bin/a.js', 'bin/b.js'], []],
      ['Frontend Config', ['frontend/src/config/x.js'], []],
      ['Frontend Entry Point', ['frontend/src/index.js'], []],
      ['Only', ['lib/only.js'], ['Defines `helper`']],
      ['Pkg', ['src/pkg/__init__.py'], []],
      ['Core', ['src/pkg/core/x.py', 'src/pkg/core/y.py'], []],
      ['Tools Util', ['tools/util.js'], []],
      ['Tools Util (tools/util)', ['tools/util/x.js'], []],
      ['Top', ['top.js'], ['Defines `PORT`']],
    ],
  );
  assert.is(titleCase('getStagedFiles.js'), 'Get Staged Files');
  assert.is(titleCase('user_routes'), 'User Routes');
});

test.run();
