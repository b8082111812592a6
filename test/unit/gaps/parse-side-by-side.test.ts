import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as oxc from 'oxc-parser';
import { oxcParser, typescriptEstreeParser } from '../../../src/adapters/parse-js.js';
import { isScannable } from '../../../src/gaps/scanner/scan-file.js';
import { scanTypeScript } from '../../../src/gaps/scanner/scan-typescript.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

// The switch to oxc-parser must not move a scan: every JS/TS fixture and every source file of
// br-guard itself gives the same FileScan from oxc as from typescript-estree (the reference,
// and the fallback when the native binding does not load).
const root = process.cwd();
const native = oxcParser(oxc);
const reference = typescriptEstreeParser({ parser: 'typescript-estree' });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// All of test/ too: its suites are dense in test calls, template literals and regexes.
const files = [...filesUnder(join(root, 'test')), ...filesUnder(join(root, 'src'))]
  .map((path) => relative(root, path))
  .filter((path) => isScannable(path) && !path.endsWith('.py'));

/** The parse error's text is the parser's own; that there is one is what must agree. */
function comparable(scan: FileScan): FileScan {
  return scan.error === undefined ? scan : { ...scan, error: 'syntax error', errorLine: 0 };
}

test('oxc-parser and typescript-estree give the same FileScan for every fixture, source and test file', async () => {
  assert.ok(files.length > 350, `only ${files.length} files found`);
  assert.ok(files.some((path) => path.startsWith('test/fixtures/gaps/') && path.endsWith('.tsx')));
  let withFacts = 0;
  for (const path of files) {
    const content = readFileSync(join(root, path), 'utf8');
    const expected = comparable(await scanTypeScript(path, content, reference));
    const actual = comparable(await scanTypeScript(path, content, native));
    assert.equal(actual, expected, path);
    if (expected.routes.length + expected.calls.length + expected.tests.length + expected.todos.length > 0) withFacts++;
  }
  // The corpus exercises more than declarations: routes, calls, tests and markers.
  assert.ok(withFacts > 20, `only ${withFacts} files with routes, calls, tests or markers`);
});

test.run();
