import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES } from '../../../../src/quality/warm-worker/frame-lines.js';
import { parseRequest } from '../../../../src/quality/warm-worker/worker-protocol.js';

test('a frame is one line, whatever newlines the content holds', () => {
  const frame = encodeFrame({ id: 1, kind: 'format', path: 'a.ts', text: 'a\nb\r\n\n' });
  assert.is(frame.indexOf('\n'), frame.length - 1);
  assert.equal(new FrameDecoder().push(Buffer.from(frame)), [{ id: 1, kind: 'format', path: 'a.ts', text: 'a\nb\r\n\n' }]);
});

test('messages split anywhere, even inside a UTF-8 character, come out whole', () => {
  const bytes = Buffer.from(encodeFrame({ id: 1, text: 'héllo — ✓ 𝄞' }) + encodeFrame({ id: 2, text: 'two' }));
  for (let cut = 1; cut < bytes.length; cut++) {
    const decoder = new FrameDecoder();
    const messages = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
    assert.equal(messages, [
      { id: 1, text: 'héllo — ✓ 𝄞' },
      { id: 2, text: 'two' },
    ]);
  }
});

test('byte by byte, and empty lines between frames are skipped', () => {
  const bytes = Buffer.from(`\n${encodeFrame({ id: 3 })}\n\n`);
  const decoder = new FrameDecoder();
  const messages: unknown[] = [];
  for (const byte of bytes) messages.push(...decoder.push(Buffer.from([byte])));
  assert.equal(messages, [{ id: 3 }]);
});

test('a line that is not JSON throws (the connection is then closed)', () => {
  assert.throws(() => new FrameDecoder().push(Buffer.from('GET / HTTP/1.1\n')));
});

test('an endless line is refused before it fills memory', () => {
  const decoder = new FrameDecoder();
  const chunk = Buffer.alloc(8 * 1024 * 1024, 'a');
  assert.throws(() => {
    for (let sent = 0; sent <= MAX_FRAME_BYTES; sent += chunk.length) decoder.push(chunk);
  }, /frame over/);
});

test('parseRequest accepts the protocol and nothing else', () => {
  assert.ok(parseRequest({ id: 1, kind: 'hello', root: '/r', versionKey: 'k' }));
  assert.ok(parseRequest({ id: 2, kind: 'lint', path: 'a.ts', text: '', fix: false }));
  assert.ok(parseRequest({ id: 3, kind: 'complexity', path: 'a.ts', text: 'x' }));
  assert.ok(parseRequest({ id: 4, kind: 'ruff-check', text: 'x = 1\n' }));
  assert.ok(parseRequest({ id: 5, kind: 'status' }));
  assert.ok(parseRequest({ id: 6, kind: 'stop' }));
  for (const bad of [
    null,
    'hello',
    [],
    { kind: 'hello', root: '/r', versionKey: 'k' },
    { id: '1', kind: 'status' },
    { id: 1, kind: 'hello', root: '/r' },
    { id: 1, kind: 'lint', path: 'a.ts', text: 'x' },
    { id: 1, kind: 'format', text: 'x' },
    { id: 1, kind: 'format', path: 'a.ts' },
    { id: 1, kind: 'exec', path: 'a.ts', text: 'rm -rf /' },
  ]) {
    assert.is(parseRequest(bad), null, JSON.stringify(bad));
  }
});

test.run();
