import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsImports } from '../../../src/drift/imports/parse-js-imports.js';
import { scanJsImports } from '../../../src/drift/imports/scan-js-imports.js';

const specs = (source: string) => scanJsImports(source)?.map((i) => `${i.line}:${i.specifier}${i.typeOnly ? ':type' : ''}`);

test('finds static, type, re-export, dynamic and require imports with their lines', () => {
  const source = [
    "import a from './a.js';",
    'import type { B } from "../b";',
    "import c, { d as e, type F } from './c'",
    "import * as ns from 'ns';",
    "import './side-effect.css';",
    "export * from './all';",
    "export * as grouped from './grouped';",
    "export { x } from './x';",
    "export type { T } from './t';",
    "const lazy = await import('./lazy');",
    "const req = require('./req');",
    "import eq = require('./eq');",
    "import type from './type-default';",
    "import type, { other } from './type-comma';",
    "type P = typeof import('./type-level');",
    "let q: import('./type-member').Q; import('./runtime').then(run);",
  ].join('\n');
  assert.equal(specs(source), [
    '1:./a.js',
    '2:../b:type',
    '3:./c',
    '4:ns',
    '5:./side-effect.css',
    '6:./all',
    '7:./grouped',
    '8:./x',
    '9:./t:type',
    '10:./lazy',
    '11:./req',
    '12:./eq',
    '13:./type-default',
    '14:./type-comma',
    '15:./type-level:type',
    '16:./type-member:type',
    '16:./runtime',
  ]);
});

test('ignores imports in comments, strings, templates and regular expressions, and member names', () => {
  const source = [
    "// import x from './comment'",
    "/* import y from './block'",
    '   */ const s = "import z from \'./string\'";',
    "const t = `import ${'./tpl'} from ${x}`;",
    "const r = /import w from '.\\/regex'/g;",
    "const o = { import: 1, require: 2 }; o.import('./member'); x.require('./member2');",
    'const half = a / b / c;',
    "await import('file:///' + path); require(`./${name}`); require('./computed' + x);",
    'export const value = 1; export default function f() {} export { local };',
    "import real from './real';",
  ].join('\n');
  assert.equal(specs(source), ['10:./real']);
});

test('template substitutions with nested braces keep the scanner in step', () => {
  const source = "const s = `a ${ { k: `inner ${1}` }.k } b`;\nimport after from './after';\n";
  assert.equal(specs(source), ['2:./after']);
});

test('a statement after `export { a }` without semicolon is still seen', () => {
  assert.equal(specs("export { a }\nimport b from './b'\n"), ['2:./b']);
});

test('unterminated constructs make the scanner give up (null) instead of guessing', () => {
  assert.is(scanJsImports("const s = 'open\nimport a from './a'"), null);
  assert.is(scanJsImports('/* never closed'), null);
  assert.is(scanJsImports('const t = `open'), null);
  assert.is(scanJsImports('const r = (/abc\n)'), null);
});

test('regex after keywords and division after values', () => {
  assert.equal(specs("function f(){ return /'/.test(x) }\nimport a from './a';"), ['2:./a']);
  assert.equal(specs("const x = (a) / 2 / (b);\nimport a from './a';"), ['2:./a']);
  assert.equal(specs("#!/usr/bin/env node\nimport a from './a';"), ['2:./a']);
});

test('JSX closing tags do not read as regular expressions', () => {
  const source = "import React from 'react';\nexport const C = () => <div><p>Loading...</p><br/></div>;\nconst L = import('./lazy');\n";
  assert.equal(specs(source), ['1:react', '3:./lazy']);
});

test('the parser fallback handles JSX text the scanner cannot tokenize', async () => {
  const source = "import React from 'react';\nexport const C = () => <p>Don't stop</p>;\nconst L = import('./lazy');\n";
  assert.is(scanJsImports(source), null);
  const imports = await parseJsImports(source, 'src/c.tsx');
  assert.equal(
    imports.map((i) => `${i.line}:${i.specifier}`),
    ['1:react', '3:./lazy'],
  );
  const typed = await parseJsImports(
    "import type { A } from './a';\nexport type { B } from './b';\nimport x = require('./x');\nconst y = require('./y');\nconst s = 'unterminated\n",
    'a.ts',
  );
  assert.equal(typed, []);
  const fallback = await parseJsImports(
    "import type { A } from './a';\nexport type { B } from './b';\nimport x = require('./x');\nconst y = require('./y');\nconst j = <div>it's</div>;\n",
    'a.tsx',
  );
  assert.equal(
    fallback.map((i) => `${i.specifier}${i.typeOnly ? ':type' : ''}`),
    ['./a:type', './b:type', './x', './y'],
  );
});

test.run();
