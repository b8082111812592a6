import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as oxc from 'oxc-parser';
import { oxcParser, typescriptEstreeParser, type JsParser } from '../../../src/adapters/parse-js.js';
import { parseJsImports } from '../../../src/drift/imports/parse-js-imports.js';

const native = oxcParser(oxc);
// The reference: the whole tree walked, no module record.
const reference = typescriptEstreeParser({ parser: 'typescript-estree' });

const show = (imports: Awaited<ReturnType<typeof parseJsImports>>): string[] =>
  imports.map((i) => `${i.line}:${i.specifier}${i.typeOnly ? ':type' : ''}`);

/** The imports oxc finds, after checking that typescript-estree finds the same. */
async function specs(source: string, path = 'src/a.ts'): Promise<string[]> {
  const expected = show(await parseJsImports(source, path, reference));
  const actual = show(await parseJsImports(source, path, native));
  assert.equal(actual, expected, 'oxc and typescript-estree disagree');
  return actual;
}

test('finds static, type, re-export, dynamic and require imports with their lines', async () => {
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
    "import { type G } from './type-specifiers-keep-the-statement';",
    "export { type H } from './h'; import type I = require('./i'); import(`./template`);",
    "import { re } from './re'; export { re }; import('./escaped\\u0041');",
  ].join('\n');
  assert.equal(await specs(source), [
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
    '17:./type-specifiers-keep-the-statement',
    '18:./h',
    '18:./i:type',
    '18:./template',
    '19:./re',
    '19:./escapedA',
  ]);
});

test('ignores imports in comments, strings, templates and regular expressions, and member names', async () => {
  const source = [
    "// import x from './comment'",
    "/* import y from './block'",
    '   */ const s = "import z from \'./string\'";',
    "const t = `import ${'./tpl'} from ${x}`;",
    "const r = /import w from '.\\/regex'/g;",
    "const o = { import: 1, require: 2 }; o.import('./member'); x.require('./member2');",
    'const half = a / b / c;',
    "await import('file:///' + path); require(`./${name}`); require('./computed' + x); import('./a' + './b');",
    'export const value = 1; export default function f() {} export { local };',
    "import real from './real';",
  ].join('\n');
  assert.equal(await specs(source), ['10:./real']);
});

test('a regex with a quote before a string that holds an import: no import (the hand lexer saw one)', async () => {
  const source = "if (ok) /'/.test(s); const t = 'import a from \"./ghost.js\"'; // '\n";
  assert.equal(await specs(source, 'src/a.js'), []);
  assert.equal(await specs(source, 'src/a.ts'), []);
});

test('regex after keywords, division after values, template substitutions, no semicolons', async () => {
  assert.equal(await specs("function f(){ return /'/.test(x) }\nimport a from './a';"), ['2:./a']);
  assert.equal(await specs("const x = (a) / 2 / (b);\nimport a from './a';"), ['2:./a']);
  assert.equal(await specs("const s = `a ${ { k: `inner ${1}` }.k } b`;\nimport after from './after';\n"), ['2:./after']);
  assert.equal(await specs("export { a }\nimport b from './b'\n"), ['2:./b']);
});

test('JSX: closing tags, quotes in text, lazy imports; in .js files too', async () => {
  const source = "import React from 'react';\nexport const C = () => <div><p>Don't stop</p><br/></div>;\nconst L = import('./lazy');\n";
  assert.equal(await specs(source, 'src/c.tsx'), ['1:react', '3:./lazy']);
  assert.equal(await specs(source, 'src/c.js'), ['1:react', '3:./lazy']);
});

test('a file that does not parse yields no imports, from either parser', async () => {
  const source = "import type { A } from './a';\nconst y = require('./y');\nconst s = 'unterminated\n";
  assert.equal(await specs(source), []);
});

test('CommonJS: require, import-equals; a hashbang', async () => {
  assert.equal(await specs("#!/usr/bin/env node\nconst a = require('./a');\nif (x) return;\n", 'bin/cli.cjs'), ['2:./a']);
  assert.equal(await specs("#!/usr/bin/env node\nimport a from './a';", 'src/cli.mjs'), ['2:./a']);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('oxc (module record) and typescript-estree (whole tree) find the same imports in every file of src/ and test/', async () => {
  const root = process.cwd();
  const files = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'test'))]
    .map((path) => relative(root, path))
    .filter((path) => /\.[cm]?[jt]sx?$/.test(path) && !/\.d\.[cm]?ts$/.test(path));
  assert.ok(files.length > 350);
  let imports = 0;
  for (const path of files) {
    const source = readFileSync(join(root, path), 'utf8');
    const run = async (parser: JsParser): Promise<string[]> => show(await parseJsImports(source, path, parser));
    const found = await run(native);
    assert.equal(found, await run(reference), path);
    imports += found.length;
  }
  assert.ok(imports > 1500, `only ${imports} imports`);
});

test.run();
