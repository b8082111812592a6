import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePrePushInput } from '../../../src/hooks/pre-push-input.js';
import { UsageError } from '../../../src/domain/errors.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

test('parses updates, new branches and deletions', () => {
  const updates = parsePrePushInput(
    `refs/heads/main ${A} refs/heads/main ${B}\nrefs/heads/topic ${A} refs/heads/topic ${Z}\n(delete) ${Z} refs/heads/old ${B}\n\n`,
  );
  assert.equal(
    updates.map((u) => u.kind),
    ['update', 'create', 'delete'],
  );
  assert.equal(updates[0], { localRef: 'refs/heads/main', localSha: A, remoteRef: 'refs/heads/main', remoteSha: B, kind: 'update' });
  assert.is(updates[2]!.localRef, '(delete)');
});

test('empty input is no updates; sha-256 ids are accepted', () => {
  assert.equal(parsePrePushInput(''), []);
  const long = 'c'.repeat(64);
  assert.is(parsePrePushInput(`refs/heads/x ${long} refs/heads/x ${'0'.repeat(64)}`)[0]!.kind, 'create');
});

test('a malformed line is a usage error naming the line', () => {
  assert.throws(
    () => parsePrePushInput(`refs/heads/main ${A} refs/heads/main`),
    (e: unknown) => e instanceof UsageError && /line 1/.test((e as Error).message),
  );
  assert.throws(() => parsePrePushInput(`\nrefs/heads/main nothex refs/heads/main ${B}`), /line 2/);
});

test.run();
