import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { detectSecrets } from '../../../src/quality/secrets/detect-secrets.js';
import { redact } from '../../../src/quality/secrets/redact.js';
import { isPlaceholder, shannonEntropy } from '../../../src/quality/secrets/placeholders.js';

const corpus = new URL('../../../../test/fixtures/quality/secrets/', import.meta.url);
/** The corpus splits every token with this marker so the fixture files hold no complete secret. */
const join = (text: string): string => text.replaceAll('‹›', '');
const read = (name: string): string => join(readFileSync(new URL(name, corpus), 'utf8'));

const positives = read('positives.txt')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const [rule = '', text = ''] = line.split('\t');
    return { rule, text };
  });

test('every real secret in the corpus is found, by the right rule', () => {
  assert.ok(positives.length >= 20);
  for (const { rule, text } of positives) {
    const hits = detectSecrets(text);
    assert.is(hits.length, 1, `${rule}: expected one hit in ${redact(text)}, got ${hits.map((h) => h.rule).join(',')}`);
    assert.is(hits[0]?.rule, rule);
  }
});

test('no output of a hit contains the secret', () => {
  const text = positives.map((p) => p.text).join('\n');
  const hits = detectSecrets(text);
  const output = JSON.stringify(hits);
  for (const { text: line } of positives) {
    // The longest token-looking run of each line is the secret (or contains it).
    const secret = line.match(/[A-Za-z0-9_\-/+.&]{12,}/g)?.sort((a, b) => b.length - a.length)[0] ?? '';
    const core = secret.slice(4);
    assert.not.ok(output.includes(core), `leaked ${redact(secret)}`);
  }
  assert.is(hits.length, positives.length);
});

test('a private key block is found and shown only by its header', () => {
  const text = read('private-key.txt');
  const hits = detectSecrets(text);
  assert.is(hits.length, 1);
  assert.is(hits[0]?.rule, 'private-key');
  assert.is(hits[0]?.line, 2);
  assert.match(hits[0]?.redacted ?? '', /^-----BEGIN RSA PRIVATE KEY-----…\(\d+ chars\)$/);
  const body = text.split('\n')[2] ?? '';
  assert.not.ok(JSON.stringify(hits).includes(body.slice(0, 20)));
});

test('look-alikes, placeholders, examples and allowlisted lines are not reported', () => {
  const text = read('lookalikes.txt');
  const hits = detectSecrets(text);
  assert.equal(
    hits.map((h) => `${h.line}:${h.rule}`),
    [],
  );
});

test('binary content is skipped; positions are 1-based', () => {
  assert.equal(detectSecrets('a\u0000b ghp_' + 'x'.repeat(36)), []);
  const hits = detectSecrets(`first line\n  key = "${join(positives.find((p) => p.rule === 'github-token')?.text.split('=')[1] ?? '')}"`);
  assert.is(hits[0]?.line, 2);
  assert.is(hits[0]?.column, 10);
});

test('redact keeps a short prefix and the length only', () => {
  assert.is(redact('ghp_abcdefghijklmnopqrstuvwxyz0123456789'), 'ghp_…(40 chars)'); // br-guard-allow-secret
  assert.is(redact('abcdefghij'), 'ab…(10 chars)');
  assert.is(redact('abc'), '…(3 chars)');
});

test('placeholders and entropy', () => {
  for (const value of [
    '${TOKEN}',
    '{{ secret }}',
    '<your-key>',
    'xxxxxxxx',
    'changeme',
    'AKIAIOSFODNN7EXAMPLE',
    '$API_KEY',
    'aaaaaaaaaaa',
    'password123',
  ]) {
    assert.ok(isPlaceholder(value), value);
  }
  assert.not.ok(isPlaceholder('Tr0ub4dor&3x9Qz'));
  assert.ok(isPlaceholder('AKIAABCDEFGHIJKLMNOP'), 'hand-made fakes walk the alphabet');
  assert.ok(isPlaceholder('sk_live_abcdefghijklmnop1234'));
  assert.not.ok(isPlaceholder('AKIAQH5AV2RICPHKQDLE')); // br-guard-allow-secret
  assert.is(detectSecrets('key AKIAABCDEFGHIJKLMNOP here').length, 0);
  assert.is(shannonEntropy(''), 0);
  assert.is(shannonEntropy('aaaa'), 0);
  assert.is(shannonEntropy('abcd'), 2);
});

test('found on real code and fixed: Flask documentation keys and WebDAV lock tokens are not secrets; a generated Flask key is', () => {
  // Lines as they stand in pallets/flask docs and a fastify test (bench/secrets.mjs on real codebases).
  const docs = [
    "    SECRET_KEY='192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf'",
    '   $ export FLASK_SECRET_KEY="5f352379324c22463451387a0aec5d2f"',
    // String.raw keeps the docs' backslashes; a template, so this file holds no literal its own hook flags.
    `app.secret_key = b'${String.raw`_5#y2L"F4Q8z\n\xec]/`}'`,
  ].join('\n');
  assert.equal(detectSecrets(docs, { path: 'docs/config.rst' }), []);
  assert.equal(
    detectSecrets("headers: { 'Lock-Token': 'urn:uuid:a515cfa4-5da4-22e1-f5b5-00a0451e6bf7' }", { path: 'test/unlock.test.js' }),
    [],
  );
  // What `secrets.token_hex()` gives, assembled so this file holds no such literal.
  const key = ['9c3f5e0b7a41d28e', '6f0c1b9a7d3e5f2a', '8b4c6d0e1f3a5b7c', '9d2e4f6a8b0c1d3e'].join('');
  const generated = detectSecrets(`SECRET_KEY = '${key}'`, { path: 'app/config.py' });
  assert.is(generated.length, 1);
});

test.run();
