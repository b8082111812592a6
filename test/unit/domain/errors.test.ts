import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError, UsageError, formatLocation } from '../../../src/domain/errors.js';

test('an input error names file and line in its one line', () => {
  const error = new InputError('unknown key "foo"', { file: '.br-guardrc.yaml', line: 3 });
  assert.is(error.exitCode, 2);
  assert.is(error.toLine(), '.br-guardrc.yaml:3: unknown key "foo"');
});

test('a usage error has exit code 2 and no location', () => {
  const error = new UsageError('unknown option --bogus');
  assert.is(error.exitCode, 2);
  assert.is(error.toLine(), 'unknown option --bogus');
});

test('formatLocation omits a missing line', () => {
  assert.is(formatLocation({ file: 'a.md' }), 'a.md');
});

test.run();
