import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseTouchedLines } from '../../../src/quality/scope/touched-lines.js';

test('added and changed lines from a -U0 diff; pure deletions touch nothing', () => {
  const diff = [
    'diff --git a/src/a.ts b/src/a.ts',
    'index 1..2 100644',
    '--- a/src/a.ts',
    '+++ b/src/a.ts',
    '@@ -3 +3 @@ function x() {',
    '-old',
    '+new',
    '@@ -10,0 +11,2 @@',
    '+a',
    '+b',
    '@@ -20,2 +21,0 @@',
    '-gone',
    '-gone',
    'diff --git a/new.py b/new.py',
    'new file mode 100644',
    '--- /dev/null',
    '+++ b/new.py',
    '@@ -0,0 +1,3 @@',
    '+1',
    '+2',
    '+3',
    'diff --git a/gone.txt b/gone.txt',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-x',
    '--- "a/sp ace\\303\\251.md"',
    '+++ "b/sp ace\\303\\251.md"',
    '@@ -1 +1 @@',
  ].join('\n');
  const touched = parseTouchedLines(diff);
  assert.equal([...(touched.get('src/a.ts') ?? [])], [3, 11, 12]);
  assert.equal([...(touched.get('new.py') ?? [])], [1, 2, 3]);
  assert.not.ok(touched.has('gone.txt'));
  assert.equal([...(touched.get('sp aceé.md') ?? [])], [1]);
});

test('C-quoted escapes', () => {
  const touched = parseTouchedLines('+++ "b/a\\tb\\"c\\\\d"\n@@ -0,0 +5 @@\n');
  assert.equal([...(touched.get('a\tb"c\\d') ?? [])], [5]);
});

test.run();
