import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../../src/domain/errors.js';
import { chooseFormat } from '../../../src/cli/output-format.js';
import { driftFindings } from '../../../src/report/drift-findings.js';
import { gapFindings } from '../../../src/report/gap-findings.js';
import { qualityFindings } from '../../../src/report/quality-findings.js';
import { ruleHelp } from '../../../src/report/rule-help.js';
import { specFindings } from '../../../src/report/spec-findings.js';

test('gaps: rule is the kind, the prompt is the fix; a gap without a prompt has no fix; the line never enters the fingerprint', () => {
  const gap = {
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
    [withPrompt!.system, withPrompt!.rule, withPrompt!.severity, withPrompt!.fix],
    ['gaps', 'missing-file', 'warning', { description: 'Create src/a.ts.', file: 'src/a.ts' }],
  );
  const [bare] = gapFindings({ gaps: [{ ...gap, prompt: undefined, line: 9 }] });
  assert.is(bare!.fix, undefined);
  assert.is(bare!.fingerprint, withPrompt!.fingerprint);
  const [unplaced] = gapFindings({ gaps: [{ ...gap, file: null }] });
  assert.equal(unplaced!.fix, { description: 'Create src/a.ts.' });
});

test('quality keeps the checker fingerprint, and derives a stable one when a result carries none', () => {
  const base = { check: 'eslint', rule: 'no-var', severity: 'error' as const, file: 'a.js', line: 1, message: 'no var' };
  assert.is(qualityFindings({ findings: [{ ...base, fingerprint: 'f1' }] })[0]!.fingerprint, 'f1');
  const [a] = qualityFindings({ findings: [base] });
  const [b] = qualityFindings({ findings: [{ ...base, line: 40 }] });
  assert.match(a!.fingerprint, /^[0-9a-f]{16}$/);
  assert.is(a!.fingerprint, b!.fingerprint);
  assert.is(a!.column, null);
});

test('drift: baselined violations are left out; the key makes the fingerprint, else the file and message', () => {
  const v = {
    rule: 'undocumented-file',
    severity: 'error' as const,
    file: 'src/x.ts',
    line: null,
    message: 'not in the spec',
    baselined: false,
  };
  const findings = driftFindings({ violations: [v, { ...v, key: 'src/x.ts' }, { ...v, file: 'src/y.ts', baselined: true }] });
  assert.is(findings.length, 2);
  assert.is.not(findings[0]!.fingerprint, findings[1]!.fingerprint);
});

test('spec: errors block, warnings do not, both at the spec file and line', () => {
  const findings = specFindings('PROJECT_SPEC.md', {
    errors: [{ line: 4, message: 'cycle: a → b → a' }],
    warnings: [{ line: 9, message: 'unknown label' }],
  });
  assert.equal(
    findings.map((f) => [f.rule, f.severity, f.file, f.line]),
    [
      ['spec-error', 'error', 'PROJECT_SPEC.md', 4],
      ['spec-warning', 'warning', 'PROJECT_SPEC.md', 9],
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
