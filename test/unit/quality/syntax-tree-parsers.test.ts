import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { jsParserStatus } from '../../../src/adapters/parse-js.js';
import { measureTypeScript } from '../../../src/quality/complexity/ts-complexity.js';
import { findJsSecurityIssues } from '../../../src/quality/checkers/js-security-rules.js';
import { parseTypeScript, SyntaxTreeError } from '../../../src/quality/parse-typescript.js';

// The complexity and security checks moved from typescript-estree to the one JS/TS parser
// (oxc-parser). Side by side on real code, br-guard's own sources and its fixtures: both parsers
// must give the same functions, metrics and hits, positions included.
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../../../..');
const sourceRoot = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(?:ts|tsx|js|mjs)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

const files = [...sources(sourceRoot), ...sources(join(root, 'bench')), ...sources(join(root, 'test/fixtures'))].map((path) => ({
  path: relative(root, path),
  text: readFileSync(path, 'utf8'),
}));

// A fixture that does not parse must fail the same way under both parsers.
async function measureBoth(path: string, text: string): Promise<unknown> {
  try {
    return { functions: await measureTypeScript(path, text), security: await findJsSecurityIssues(path, text) };
  } catch (error) {
    return { error: error instanceof SyntaxTreeError };
  }
}

async function analyse(): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const file of files) {
    out[file.path] = await measureBoth(file.path, file.text);
  }
  return JSON.stringify(out);
}

test('complexity and security: oxc-parser and typescript-estree agree on real sources', async () => {
  assert.is((await jsParserStatus()).parser, 'oxc-parser');
  assert.ok(files.length > 200, `only ${files.length} files found`);
  const oxc = await analyse();
  // The fallback runs in a child process, where the parser is chosen once, by the environment.
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { measureTypeScript } = await import(${JSON.stringify(new URL('../../../src/quality/complexity/ts-complexity.js', import.meta.url).href)});
       const { findJsSecurityIssues } = await import(${JSON.stringify(new URL('../../../src/quality/checkers/js-security-rules.js', import.meta.url).href)});
       const { jsParserStatus } = await import(${JSON.stringify(new URL('../../../src/adapters/parse-js.js', import.meta.url).href)});
       if ((await jsParserStatus()).parser !== 'typescript-estree') throw new Error('fallback not chosen');
       const files = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
       const out = {};
       const { SyntaxTreeError } = await import(${JSON.stringify(new URL('../../../src/quality/parse-typescript.js', import.meta.url).href)});
       for (const f of files) {
         try { out[f.path] = { functions: await measureTypeScript(f.path, f.text), security: await findJsSecurityIssues(f.path, f.text) }; }
         catch (error) { out[f.path] = { error: error instanceof SyntaxTreeError }; }
       }
       process.stdout.write(JSON.stringify(out));`.replace("require('node:fs')", "(await import('node:fs'))"),
    ],
    {
      input: JSON.stringify(files),
      env: { ...process.env, BR_GUARD_JS_PARSER: 'typescript-estree' },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    },
  );
  assert.is(child.status, 0, child.stderr);
  const estree = child.stdout;
  if (oxc !== estree) {
    const a = JSON.parse(oxc) as Record<string, unknown>;
    const b = JSON.parse(estree) as Record<string, unknown>;
    const differ = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
    assert.unreachable(
      `parsers disagree on ${differ.slice(0, 5).join(', ')}: ${JSON.stringify(a[differ[0]!])} vs ${JSON.stringify(b[differ[0]!])}`,
    );
  }
});

test('a file that does not parse throws SyntaxTreeError naming file and line', async () => {
  try {
    await parseTypeScript('broken.ts', 'const a = 1;\nfunction (\n');
    assert.unreachable('no error');
  } catch (error) {
    assert.instance(error, SyntaxTreeError);
    assert.match((error as Error).message, /^broken\.ts:2: /);
  }
});

test('positions: line, 1-based column and end line of a function', async () => {
  const [fn] = await measureTypeScript('p.ts', 'const x = 1;\n  function f(a: number) {\n  return a;\n}\n');
  assert.equal({ line: fn?.line, column: fn?.column, length: fn?.length }, { line: 2, column: 3, length: 3 });
});

test.run();
