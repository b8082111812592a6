import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { validateSpec } from '../../../src/spec/validate-spec.js';

const specWith = (files: string): string =>
  ['# PROJECT_SPEC: Paths', '', '## Features', '', '### Feature: Users', '', '**Requirements:**', '- List users', '', files, ''].join('\n');

test('Files list items are read verbatim: __tests__ is a folder, not emphasis', () => {
  const spec = parseSpec(
    specWith(['**Files:**', '- server/__tests__/users.test.ts', '- src/__init__.py', '- lib/*_helpers_*.js'].join('\n')),
    'PROJECT_SPEC.md',
  );
  assert.equal(spec.features[0]!.files, ['server/__tests__/users.test.ts', 'src/__init__.py', 'lib/*_helpers_*.js']);
});

test('globs and backticked paths keep their characters; a description after a dash is dropped', () => {
  const spec = parseSpec(
    specWith(['**Files:**', '- `server/__tests__/*.test.ts` - the suites', '- src/**/*.ts', '- `app/__main__.py`'].join('\n')),
    'PROJECT_SPEC.md',
  );
  assert.equal(spec.features[0]!.files, ['server/__tests__/*.test.ts', 'src/**/*.ts', 'app/__main__.py']);
});

test('an inline Files label is read verbatim too', () => {
  const spec = parseSpec(specWith('**Files:** pkg/__init__.py, pkg/_private_/mod.py'), 'PROJECT_SPEC.md');
  assert.equal(spec.features[0]!.files, ['pkg/__init__.py', 'pkg/_private_/mod.py']);
});

test('a link or bold path is read by its rendered text', () => {
  const spec = parseSpec(specWith(['**Files:**', '- [src/a.ts](src/a.ts)', '- **src/b.ts**'].join('\n')), 'PROJECT_SPEC.md');
  assert.equal(spec.features[0]!.files, ['src/a.ts', 'src/b.ts']);
});

test('a requirement or criterion with nothing to check is a validation error naming its line', () => {
  const spec = parseSpec(
    [
      '# S',
      '',
      '## Features',
      '',
      '### Feature: A',
      '',
      '**Requirements:**',
      '- TBD',
      '- 42',
      '- List users',
      '',
      '**Acceptance Criteria:**',
      '- ...',
      '',
    ].join('\n'),
    'PROJECT_SPEC.md',
  );
  const { valid, errors } = validateSpec(spec);
  assert.is(valid, false);
  assert.equal(
    errors.map((error) => error.line),
    [8, 9, 13],
  );
  assert.match(errors[0]!.message, /requirement "TBD" in feature "A" has nothing to check/);
});

test.run();
