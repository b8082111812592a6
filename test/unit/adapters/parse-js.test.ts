import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineTable } from '../../../src/adapters/line-table.js';
import * as oxc from 'oxc-parser';
import { jsParserStatus, loadJsParser, oxcParser } from '../../../src/adapters/parse-js.js';

const MODULE = new URL('../../../src/adapters/parse-js.js', import.meta.url).href;

/** The parser status of a fresh process with `env` (the parser is loaded once per thread). */
function statusWith(env: NodeJS.ProcessEnv): { parser: string; reason?: string; line: number } {
  const script = `import { jsParserStatus, loadJsParser } from ${JSON.stringify(MODULE)};
const parsed = (await loadJsParser()).parse('a.ts', 'const a = 1;\\n\\nexport const = 2;\\n');
console.log(JSON.stringify({ ...(await jsParserStatus()), line: parsed.errors[0].line }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  assert.is(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { parser: string; reason?: string; line: number };
}

test('oxc-parser runs by default; no reason given; its lazy tree equals the public API’s', async () => {
  assert.equal(await jsParserStatus(), { parser: 'oxc-parser' });
  const source = "// TODO: x\nimport a from './a';\nexport const b = /re/g.test(a) ? 1n : `t${a}`;\n";
  const lazy = (await loadJsParser()).parse('a.ts', source);
  const eager = oxcParser(oxc).parse('a.ts', source);
  assert.is(lazy.errors.length, 0);
  assert.equal(lazy.module, eager.module);
  assert.equal(lazy.comments, eager.comments);
  assert.equal(lazy.program, eager.program);
  assert.is(lazy.program, lazy.program, 'decoded once');
  assert.is(lazy.lineOf(lazy.program.body[1]), 3);
});

test('a native binding that does not load: typescript-estree runs, and the status says why', () => {
  // A WASI flavor that oxc-parser does not ship makes its loader throw, as on a platform without a build.
  const broken = statusWith({ NAPI_RS_WASI_FLAVOR: 'wasm32-wasi', BR_GUARD_JS_PARSER: '' });
  assert.is(broken.parser, 'typescript-estree');
  assert.match(broken.reason ?? '', /^oxc-parser did not load \(.+\); using typescript-estree/);
  assert.is(broken.line, 3);
  const forced = statusWith({ BR_GUARD_JS_PARSER: 'typescript-estree' });
  assert.equal(forced, { parser: 'typescript-estree', reason: 'BR_GUARD_JS_PARSER=typescript-estree', line: 3 });
  assert.equal(statusWith({ BR_GUARD_JS_PARSER: '' }), { parser: 'oxc-parser', line: 3 });
});

test('line table: offsets to 1-based lines, by binary search over line starts', () => {
  const table = lineTable('ab\ncd\n\nef');
  assert.is(table.count, 4);
  assert.equal(
    [0, 1, 2, 3, 5, 6, 7, 8, 9, 100].map((offset) => table.lineAt(offset)),
    [1, 1, 1, 2, 2, 3, 4, 4, 4, 4],
  );
  assert.is(lineTable('').count, 1);
  assert.is(lineTable('').lineAt(0), 1);
});

test.run();
