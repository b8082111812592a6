import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError, UsageError, classifyError, errorLines, formatLocation } from '../../../src/domain/errors.js';
import { ExitCode } from '../../../src/domain/exit-codes.js';

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

test('classifyError: a user error keeps its code and line; anything else is internal with the debug hint', () => {
  const user = classifyError(new InputError('bad key', { file: 'x.yaml', line: 3 }), {});
  assert.equal([user.kind, user.exitCode, user.line, user.details], ['user', 2, 'x.yaml:3: bad key', []]);
  assert.equal(errorLines(user), ['br-guard: x.yaml:3: bad key']);
  const bug = classifyError(new TypeError('x is undefined'), {});
  assert.equal([bug.kind, bug.exitCode, bug.line], ['internal', ExitCode.internal, 'internal error: x is undefined']);
  assert.is(ExitCode.internal, 70);
  assert.match(
    errorLines(bug).join('\n'),
    /^br-guard: internal error: x is undefined\n  This is a bug in br-guard\. Rerun with BR_GUARD_DEBUG=1/,
  );
  const traced = classifyError(new Error('boom'), { BR_GUARD_DEBUG: '1' });
  assert.ok(traced.details.length > 0 && traced.details.every((line) => line.trimStart().startsWith('at ')));
  assert.is(classifyError('plain string', {}).line, 'internal error: plain string');
});

test.run();
