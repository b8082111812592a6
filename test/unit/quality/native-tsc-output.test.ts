import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nativeTscArgs } from '../../../src/quality/checkers/native-tsc-run.js';
import { nativeTscFindings } from '../../../src/quality/checkers/native-tsc-output.js';

// Captured from tsgo 7.0.0-dev.20260707.2 (`--pretty false`), with a continuation line.
const captured = [
  "src/main.ts(2,14): error TS2322: Type 'string' is not assignable to type 'number'.",
  "src/other.ts(1,1): error TS2304: Cannot find name 'x'.",
  "src/main.ts(3,5): error TS2345: Argument of type 'number' is not assignable to parameter of type 'string'.",
  "  Type 'number' is not assignable to type 'string'.",
  "error TS5083: Cannot read file 'base.json'.",
  '',
].join('\n');

test('nativeTscFindings: file(line,col): error TSxxxx lines become tsc findings for the files in scope; a global error has no file', () => {
  const texts = new Map([['src/main.ts', 'a\nexport const n: number = "x";\n    f(1);\n']]);
  const findings = nativeTscFindings(captured, texts);
  assert.equal(
    findings.map((f) => [f.check, f.rule, f.severity, f.file, f.line, f.column]),
    [
      ['tsc', 'TS2322', 'error', 'src/main.ts', 2, 14],
      ['tsc', 'TS2345', 'error', 'src/main.ts', 3, 5],
      ['tsc', 'TS5083', 'error', null, null, null],
    ],
  );
  assert.is(findings[1]!.message, "Argument of type 'number' is not assignable to parameter of type 'string'.");
});

test('nativeTscArgs: the root tsconfig, strict, plain output, no emit', () => {
  assert.equal(nativeTscArgs(), ['-p', 'tsconfig.json', '--noEmit', '--strict', '--pretty', 'false']);
});

test.run();
