import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractCalls, extractEndpoints } from '../../../src/gaps/scanner/extract-endpoints.js';
import { redactSecrets } from '../../../src/gaps/redact.js';
import { headStems, listedNames, stem } from '../../../src/gaps/words.js';
import { completionBar, progressToText } from '../../../src/report/gaps-text.js';
import { parseMinCompletion } from '../../../src/cli/commands/gaps.js';

test('extractEndpoints and extractCalls work on one file; other files yield nothing', async () => {
  const endpoints = await extractEndpoints(
    'api/main.py',
    'from fastapi import FastAPI\napp = FastAPI()\n@app.post("/orders/{id}")\ndef f(id: int):\n    return id\n',
  );
  assert.equal(endpoints, [{ method: 'POST', path: '/orders/:id', file: 'api/main.py', line: 3 }]);
  assert.equal(await extractEndpoints('README.md', '# GET /x'), []);
  const calls = await extractCalls('web/a.ts', "fetch('/api/x', { method: 'PUT' });\n");
  assert.equal(calls, [{ method: 'PUT', path: '/api/x', file: 'web/a.ts', line: 1, external: false }]);
  assert.equal(await extractCalls('notes.txt', 'fetch("/x")'), []);
});

test('secrets are cut to four characters; paths and identifiers are left alone', () => {
  assert.is(redactSecrets('key AKIAABCDEFGHIJKLMNOP here'), 'key AKIA…[redacted] here'); // br-guard-allow-secret
  assert.is(redactSecrets('password = "hunter22secret"'), 'password = "hunt…[redacted]"');
  assert.is(redactSecrets('token sk_live_abcdefghijklmnop1234'), 'token sk_l…[redacted]');
  assert.is(redactSecrets('x Ab3dEfGh1jKlMn0pQrStUvWxYz012345678 y'), 'x Ab3d…[redacted] y');
  const plain = 'test/fixtures/gaps/express-react/broken/web/src/pages/Users.tsx and someVeryLongIdentifierNameWithoutDigits';
  assert.is(redactSecrets(plain), plain);
});

test('words: stems meet across forms; heads stop at qualifiers; parenthesised lists', () => {
  assert.is(stem('builder'), stem('build'));
  assert.is(stem('analysis'), stem('analyzer'));
  assert.is(stem('validation'), stem('validator'));
  assert.is(stem('completeness'), stem('complete'));
  assert.equal(headStems('Dependency graph builder for build plan analysis'), ['dependency', 'graph', 'build']);
  assert.equal(headStems('Quality gate execution framework'), [stem('quality'), stem('gate'), stem('execution')]);
  assert.equal(listedNames('Security scanners (Bandit for SAST, safety for dependencies, detect-secrets)'), [
    'Bandit',
    'safety',
    'detect-secrets',
  ]);
  assert.equal(listedNames('Thing (one)'), []);
});

test('text helpers: bars and progress lines', () => {
  assert.is(completionBar(50, 10), '[█████░░░░░]  50.0%');
  assert.is(completionBar(140, 4), '[████] 140.0%');
  assert.match(progressToText([], { bars: false }), /No progress recorded yet/);
  const entries = [{ at: '2026-01-02T03:04:05.000Z', commit: 'abcdef1234567890', completion: 42 }];
  assert.is(progressToText(entries, { bars: false }), '2026-01-02 03:04:05  abcdef1234  42.0%\n');
  assert.match(progressToText(entries, { bars: true }), /\[█+░+\]/);
});

test('--min-completion accepts 0..100 only', () => {
  assert.is(parseMinCompletion(undefined), null);
  assert.is(parseMinCompletion('85.5'), 85.5);
  assert.throws(() => parseMinCompletion('101'), /0 to 100/);
  assert.throws(() => parseMinCompletion(''), /0 to 100/);
  assert.throws(() => parseMinCompletion('x'), /0 to 100/);
});

test.run();
