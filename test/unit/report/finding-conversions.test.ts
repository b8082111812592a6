import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../../src/domain/errors.js';
import type { DriftViolation } from '../../../src/drift/types.js';
import type { Gap } from '../../../src/gaps/types.js';
import { chooseFormat } from '../../../src/cli/output-format.js';
import { driftFindings } from '../../../src/report/drift-findings.js';
import { gapFindings } from '../../../src/report/gap-findings.js';
import { ruleHelp } from '../../../src/report/rule-help.js';
import { specFindings } from '../../../src/report/spec-findings.js';

test('gaps: rule is the kind, the prompt is the fix, every gap is new; the line never enters the fingerprint', () => {
  const gap: Gap = {
    id: 'orders:missing-file:src/a.ts',
    kind: 'missing-file',
    featureId: 'orders',
    file: 'src/a.ts',
    line: null,
    message: 'missing',
    prompt: 'Create src/a.ts.',
  };
  const [withPrompt] = gapFindings({ gaps: [gap] });
  assert.equal(
    [withPrompt!.system, withPrompt!.rule, withPrompt!.severity, withPrompt!.status, withPrompt!.fix],
    ['gaps', 'missing-file', 'warning', 'new', { description: 'Create src/a.ts.', file: 'src/a.ts' }],
  );
  const [moved] = gapFindings({ gaps: [{ ...gap, line: 9 }] });
  assert.is(moved!.fingerprint, withPrompt!.fingerprint);
  const [unplaced] = gapFindings({ gaps: [{ ...gap, file: null }] });
  assert.equal(unplaced!.fix, { description: 'Create src/a.ts.' });
});

test('drift: baselined violations stay, as baselined; the key makes the fingerprint', () => {
  const v: DriftViolation = {
    rule: 'undocumented-file',
    severity: 'error',
    file: 'src/x.ts',
    line: null,
    message: 'not in the spec',
    baselined: false,
    key: 'src/x.ts',
  };
  const findings = driftFindings({
    violations: [v, { ...v, key: 'src/x2.ts' }, { ...v, file: 'src/y.ts', key: 'src/y.ts', baselined: true }],
  });
  assert.equal(
    findings.map((f) => [f.system, f.file, f.status]),
    [
      ['drift', 'src/x.ts', 'new'],
      ['drift', 'src/x.ts', 'new'],
      ['drift', 'src/y.ts', 'baselined'],
    ],
  );
  assert.is.not(findings[0]!.fingerprint, findings[1]!.fingerprint);
  assert.is(driftFindings({ violations: [{ ...v, line: 40 }] })[0]!.fingerprint, findings[0]!.fingerprint);
});

test('spec: errors block, warnings do not, both at the spec file and line', () => {
  const findings = specFindings('PROJECT_SPEC.md', {
    errors: [{ line: 4, message: 'cycle: a → b → a' }],
    warnings: [{ line: 9, message: 'unknown label' }],
  });
  assert.equal(
    findings.map((f) => [f.rule, f.severity, f.file, f.line, f.status]),
    [
      ['spec-error', 'error', 'PROJECT_SPEC.md', 4, 'new'],
      ['spec-warning', 'warning', 'PROJECT_SPEC.md', 9, 'new'],
    ],
  );
});

test('rule help: every rule gets text; per-rule pages only where the tool has them', () => {
  assert.match(ruleHelp({ system: 'drift', check: 'drift', rule: 'import-cycle' }).text, /cycle/);
  assert.match(ruleHelp({ system: 'drift', check: 'drift', rule: 'brand-new' }).text, /docs\/drift\.md/);
  assert.equal(ruleHelp({ system: 'quality', check: 'ruff', rule: 'F401' }).uri, 'https://docs.astral.sh/ruff/rules/F401');
  assert.is(ruleHelp({ system: 'quality', check: 'eslint', rule: '@typescript-eslint/no-explicit-any' }).uri, undefined);
  assert.match(ruleHelp({ system: 'spec', check: 'spec', rule: 'spec-error' }).text, /does not validate/);
});

test('chooseFormat: text by default; two formats, or one not offered, is a usage error naming the choices', () => {
  assert.is(chooseFormat({}, ['json'], 'x'), 'text');
  assert.is(chooseFormat({ sarif: true }, ['json', 'sarif'], 'x'), 'sarif');
  assert.throws(
    () => chooseFormat({ json: true, markdown: true }, ['json', 'markdown'], 'x'),
    (e: unknown) => e instanceof UsageError && e.message === 'choose one of --json, --markdown',
  );
  assert.throws(
    () => chooseFormat({ sarif: true }, ['json'], 'check --range'),
    (e: unknown) => e instanceof UsageError && /check --range: --sarif is not offered/.test(e.message),
  );
});

test.run();
