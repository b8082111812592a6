import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findJsSecurityIssues } from '../../../src/quality/checkers/js-security-rules.js';

const rulesOf = async (path: string, text: string): Promise<string[]> =>
  (await findJsSecurityIssues(path, text)).map((hit) => `${hit.line}:${hit.rule}`);

test('security vulnerabilities detected: eval and new Function', async () => {
  assert.equal(await rulesOf('a.js', 'eval(code);\nconst f = new Function("a", body);\nconst g = Function(body);\nobj.eval(x);'), [
    '1:no-eval',
    '2:no-new-function',
    '3:no-new-function',
  ]);
});

test('child_process with interpolated commands, through imports and require', async () => {
  const text = [
    "import { exec, execSync as run } from 'node:child_process';",
    "import * as cp from 'child_process';",
    "const { execSync } = require('child_process');",
    "const child = require('child_process');",
    'exec(`ls ${dir}`);',
    "run('rm -rf ' + target);",
    'cp.exec(`git log ${ref}`);',
    'execSync("cat " + file);',
    "child.execSync('echo ' + x);",
    "exec('ls -la');",
    'exec(`constant`);',
    'regex.exec(`x ${y}`);',
    "cp.execFile('git', [ref]);",
  ].join('\n');
  assert.equal(await rulesOf('a.ts', text), [
    '5:command-injection',
    '6:command-injection',
    '7:command-injection',
    '8:command-injection',
    '9:command-injection',
  ]);
});

test('SQL built by concatenation or interpolation; tagged templates and constants are fine', async () => {
  const text = [
    'db.query(`SELECT * FROM users WHERE id = ${id}`);',
    'db.query("DELETE FROM orders WHERE id = " + id);',
    'db.query(sql`SELECT * FROM users WHERE id = ${id}`);',
    'db.query("SELECT * FROM users WHERE id = " + "1");',
    'const msg = `Hello ${name}, select a file from the list`;',
    'db.query("UPDATE users SET name = \'" + name + "\' WHERE id = 1");',
  ].join('\n');
  assert.equal(await rulesOf('a.ts', text), ['1:sql-injection', '2:sql-injection', '6:sql-injection']);
});

test('HTML sinks fed with variables', async () => {
  const text = [
    'el.innerHTML = userInput;',
    'el.innerHTML = "<b>static</b>";',
    'el.outerHTML = `<p>${x}</p>`;',
    'el.insertAdjacentHTML("beforeend", html);',
    'const A = () => <div dangerouslySetInnerHTML={{ __html: body }} />;',
    'const B = () => <div dangerouslySetInnerHTML={{ __html: "<i>ok</i>" }} />;',
  ].join('\n');
  assert.equal(await rulesOf('a.jsx', text), ['1:xss-html-sink', '3:xss-html-sink', '4:xss-html-sink', '5:xss-html-sink']);
});

test('TLS verification turned off', async () => {
  const text = [
    'https.request({ host, rejectUnauthorized: false });',
    'https.request({ host, rejectUnauthorized: true });',
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';",
    "spawn('node', [], { env: { NODE_TLS_REJECT_UNAUTHORIZED: 0 } });",
  ].join('\n');
  assert.equal(await rulesOf('a.ts', text), ['1:tls-verification-disabled', '3:tls-verification-disabled', '4:tls-verification-disabled']);
});

test('weak hashes only matter for passwords', async () => {
  const text = [
    "const hash = createHash('md5').update(password).digest('hex');",
    "const etag = createHash('md5').update(body).digest('hex');",
    "const h = crypto.createHash('sha1')",
    '  .update(user.pwd);',
    "const ok = createHash('sha256').update(password);",
  ].join('\n');
  assert.equal(await rulesOf('a.ts', text), ['1:weak-password-hash', '3:weak-password-hash']);
});

test('syntax errors throw (the checker skips the file)', async () => {
  try {
    await findJsSecurityIssues('a.ts', 'const = ;');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, Error);
  }
});

test.run();
