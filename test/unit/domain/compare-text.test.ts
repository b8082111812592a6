import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compareText } from '../../../src/domain/compare-text.js';

test('compareText orders as localeCompare: over random strings of the code-unit alphabet, and beyond it', () => {
  const alphabet = 'abcmxyz0159 ./-';
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const word = (): string => Array.from({ length: random(7) }, () => alphabet[random(alphabet.length)]).join('');
  for (let i = 0; i < 50_000; i++) {
    const a = word();
    const b = word();
    assert.is(Math.sign(compareText(a, b)), Math.sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }
  // Outside it the locale decides, as before: case and `_` are where code units would disagree.
  for (const [a, b] of [
    ['a', 'B'],
    ['src/Button.tsx', 'src/a.ts'],
    ['a_b', 'a-b'],
    ['é', 'f'],
  ] as const) {
    assert.is(Math.sign(compareText(a, b)), Math.sign(a.localeCompare(b)), `${a} vs ${b}`);
  }
  assert.is(compareText('a', 'B'), -1, 'the locale puts a before B; code units would not');
});

test.run();
