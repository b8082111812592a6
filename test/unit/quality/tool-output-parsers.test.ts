import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseBlackDiff } from '../../../src/quality/checkers/black-checker.js';
import { parseMypyOutput } from '../../../src/quality/checkers/mypy-checker.js';
import { parseBanditJson } from '../../../src/quality/checkers/bandit-checker.js';
import { parseNpmAudit, parsePipAudit, parseSafety } from '../../../src/quality/checkers/audit-checker.js';
import { coberturaPct, jsonSummaryPct } from '../../../src/quality/checkers/coverage-checker.js';
import { toolBinary, toRepoPath } from '../../../src/quality/checkers/files-on-disk.js';
import type { CheckContext } from '../../../src/quality/types.js';

const captured = new URL('../../../../test/fixtures/quality/captured/', import.meta.url);

test('black --diff: one finding per file at the first changed line', () => {
  const diff = [
    '--- app.py\t2026-11-24 23:13:04.135312 +0000',
    '+++ app.py\t2026-11-24 23:13:04.483212 +0000',
    '@@ -1,4 +1,6 @@',
    ' import subprocess',
    '-def f(a:int)->str:',
    '+def f(a: int) -> str:',
    '@@ -9,2 +11,2 @@',
    '--- /tmp/br-guard-staged-x/pkg/b.py\t2026',
    '+++ /tmp/br-guard-staged-x/pkg/b.py\t2026',
    '@@ -0,0 +1 @@',
  ].join('\n');
  const findings = parseBlackDiff(diff, '/tmp/br-guard-staged-x');
  assert.equal(
    findings.map((f) => [f.file, f.line, f.rule, f.severity]),
    [
      ['app.py', 1, 'format', 'warning'],
      ['pkg/b.py', 1, 'format', 'warning'],
    ],
  );
});

test('mypy output lines', () => {
  const out = [
    'app.py:3:19: error: Argument 1 to "call" has incompatible type "int"; expected "str"  [arg-type]',
    'app.py:4:10: error: Incompatible return value type (got "int", expected "str")  [return-value]',
    'app.py:4: note: this is a note',
    'pkg/m.py:1: error: Library stubs not installed for "yaml"  [import-untyped]',
  ].join('\n');
  const findings = parseMypyOutput(out, '/repo');
  assert.equal(
    findings.map((f) => [f.file, f.line, f.column, f.rule, f.severity]),
    [
      ['app.py', 3, 19, 'arg-type', 'error'],
      ['app.py', 4, 10, 'return-value', 'error'],
      ['pkg/m.py', 1, null, 'import-untyped', 'error'],
    ],
  );
});

test('bandit JSON: severities HIGH→error, MEDIUM→warning, LOW→info', async () => {
  const json = JSON.stringify({
    results: [
      {
        filename: 'app.py',
        line_number: 1,
        col_offset: 0,
        issue_severity: 'LOW',
        issue_text: 'Consider subprocess.',
        test_id: 'B404',
        test_name: 'blacklist',
      },
      {
        filename: './app.py',
        line_number: 3,
        col_offset: 2,
        issue_severity: 'HIGH',
        issue_text: 'shell=True.',
        test_id: 'B602',
        test_name: 'subprocess_popen_with_shell_equals_true',
      },
      { filename: 'app.py', line_number: 4, issue_severity: 'MEDIUM', issue_text: 'eval.', test_id: 'B307', test_name: 'blacklist' },
    ],
  });
  const context = {
    root: '/repo',
    files: [{ path: 'app.py', read: async () => 'import subprocess\nx\n  subprocess.call(a, shell=True)\n' }],
  } as unknown as CheckContext;
  const findings = await parseBanditJson(json, '/repo', context);
  assert.equal(
    findings.map((f) => [f.file, f.line, f.column, f.rule, f.severity]),
    [
      ['app.py', 1, 1, 'B404', 'info'],
      ['app.py', 3, 3, 'B602', 'error'],
      ['app.py', 4, 1, 'B307', 'warning'],
    ],
  );
  assert.equal(await parseBanditJson('', '/repo', context), []);
});

test('npm audit report v2: advisory findings on the lockfile lines', () => {
  const lock = '{\n  "packages": {\n    "node_modules/minimist": {\n    },\n    "node_modules/mkdirp": {}\n  }\n}\n';
  const result = parseNpmAudit(readFileSync(new URL('npm-audit.json', captured), 'utf8'), 'package-lock.json', lock);
  assert.ok(Array.isArray(result));
  const findings = result as Exclude<typeof result, string>;
  assert.equal(
    findings.map((f) => [f.rule, f.severity, f.line]),
    [
      ['GHSA-xvch-5gv4-984h', 'error', 3],
      ['npm-mkdirp', 'warning', 5],
    ],
  );
  assert.match(findings[0]?.message ?? '', /minimist <=0.2.3: Prototype Pollution in minimist \[critical\] \(fix available/);
  assert.match(findings[1]?.message ?? '', /depends on vulnerable minimist/);
});

test('npm audit without a report: the reason to skip', () => {
  assert.is(
    parseNpmAudit('{"message":"405 Method Not Allowed - POST https://r/-/npm","error":{"summary":""}}', 'package-lock.json', ''),
    'npm audit could not reach the advisory service (405 Method Not Allowed - POST https://r/-/npm)',
  );
  assert.is(parseNpmAudit('not json', 'package-lock.json', ''), 'npm audit printed no JSON report');
  assert.match(String(parseNpmAudit('{"error":{"code":"ENOTFOUND"}}', 'package-lock.json', '')), /ENOTFOUND/);
});

test('pip-audit and safety JSON', () => {
  const pip = parsePipAudit(
    JSON.stringify({
      dependencies: [
        { name: 'flask', version: '0.5', vulns: [{ id: 'PYSEC-2019-179', fix_versions: ['1.0'] }] },
        { name: 'ok', version: '1' },
      ],
    }),
    'requirements.txt',
  );
  assert.equal(
    pip?.map((f) => [f.rule, f.file, f.message]),
    [['PYSEC-2019-179', 'requirements.txt', 'flask 0.5: PYSEC-2019-179 (fixed in 1.0)']],
  );
  assert.equal(
    parsePipAudit('[{"name":"a","vulns":[{"id":"X"}]}]', 'r.txt')?.map((f) => f.rule),
    ['X'],
  );
  assert.is(parsePipAudit('oops', 'r.txt'), null);
  const safety = parseSafety(
    JSON.stringify({
      vulnerabilities: [{ package_name: 'django', analyzed_version: '1.0', vulnerability_id: '1234', advisory: 'SQL injection\nmore' }],
    }),
    'requirements.txt',
  );
  assert.equal(
    safety?.map((f) => f.message),
    ['django 1.0: SQL injection'],
  );
  assert.is(parseSafety('oops', 'r.txt'), null);
});

test('coverage reports', () => {
  assert.is(jsonSummaryPct('{"total":{"lines":{"pct":91.5}}}'), 91.5);
  assert.is(jsonSummaryPct('{"total":{}}'), null);
  assert.is(jsonSummaryPct('nope'), null);
  assert.is(coberturaPct('<?xml version="1.0" ?>\n<coverage version="7" line-rate="0.8734" branch-rate="0">'), 87.3);
  assert.is(coberturaPct('<coverage>'), null);
});

test('tool paths back to repo paths', () => {
  assert.is(toRepoPath('/tmp/x/src/a.py', '/tmp/x'), 'src/a.py');
  assert.is(toRepoPath('./src/a.py', '/repo'), 'src/a.py');
  assert.is(toRepoPath('src\\a.py', '/repo'), 'src/a.py');
  assert.is(toolBinary({ tools: {} }, 'black'), 'black');
  assert.is(toolBinary({ tools: { black: '/opt/black' } }, 'black'), '/opt/black');
});

test.run();
