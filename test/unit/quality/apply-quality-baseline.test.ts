import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyQualityBaseline } from '../../../src/quality/baseline/apply-quality-baseline.js';
import { baselineEntries, type QualityBaseline } from '../../../src/quality/baseline/quality-baseline.js';
import { qualityFinding } from '../../../src/quality/quality-finding.js';
import type { Finding } from '../../../src/domain/findings.js';

const unused = (line: number, text = 'const x = 1;'): Finding =>
  qualityFinding({
    check: 'eslint',
    rule: 'no-unused-vars',
    severity: 'error',
    file: 'src/a.ts',
    line,
    message: "'x' is unused",
    key: text,
  });
const evalHit = qualityFinding({
  check: 'security',
  rule: 'no-eval',
  severity: 'error',
  file: 'src/b.ts',
  line: 3,
  message: 'eval',
  key: 'eval(s)',
});

test('baselineEntries: one entry per fingerprint with its count, sorted by file, check, rule; no line numbers', () => {
  const entries = baselineEntries([evalHit, unused(9), unused(2)]);
  assert.equal(
    entries.map((e) => [e.file, e.check, e.rule, e.count]),
    [
      ['src/a.ts', 'eslint', 'no-unused-vars', 2],
      ['src/b.ts', 'security', 'no-eval', 1],
    ],
  );
  assert.not.ok(JSON.stringify(entries).includes('"line"'));
});

test('the fingerprint is the same when the finding moves to another line', () => {
  assert.is(unused(2).fingerprint, unused(40).fingerprint);
  assert.is.not(unused(2).fingerprint, unused(2, 'const y = 2;').fingerprint);
});

test('applyQualityBaseline marks known findings baselined up to their count; a further identical one stays new', () => {
  const baseline: QualityBaseline = { version: 1, findings: baselineEntries([unused(1), evalHit]) };
  const runs = [
    { check: 'eslint', ran: true, findings: [unused(5), unused(7)] },
    { check: 'security', ran: true, findings: [evalHit] },
  ];
  const { runs: marked, report } = applyQualityBaseline(runs, baseline, true);
  assert.equal(
    marked.flatMap((run) => run.findings.map((f) => [f.line, f.status])),
    [
      [5, 'baselined'],
      [7, 'new'],
      [3, 'baselined'],
    ],
  );
  assert.equal([report.entries, report.baselined, report.stale], [2, 2, []]);
  assert.is(report.file, '.buildrunner/quality-baseline.json');
});

test('stale entries: only for a whole-tree run, only for checks that ran; a finding already baselined (secrets) is left alone', () => {
  const baseline: QualityBaseline = { version: 1, findings: baselineEntries([unused(1), unused(2), evalHit]) };
  const secret: Finding = { ...evalHit, check: 'secrets', status: 'baselined' };
  const runs = [
    { check: 'eslint', ran: true, findings: [unused(4)] },
    { check: 'security', ran: false, findings: [] },
    { check: 'secrets', ran: true, findings: [secret] },
  ];
  const whole = applyQualityBaseline(runs, baseline, true).report;
  assert.equal(
    whole.stale.map((e) => [e.check, e.count]),
    [['eslint', 1]],
  );
  assert.is(whole.baselined, 1);
  assert.equal(applyQualityBaseline(runs, baseline, false).report.stale, []);
  assert.is(applyQualityBaseline(runs, baseline, true).runs[2]!.findings[0], secret);
});

test.run();
