import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { qualityMarkdown } from '../../../src/report/quality-markdown.js';
import { qualitySarif } from '../../../src/report/quality-sarif.js';
import { qualityText } from '../../../src/report/quality-text.js';
import { toSarif } from '../../../src/report/sarif.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';
import { qualityFinding } from '../../../src/quality/quality-finding.js';
import type { QualityResult } from '../../../src/quality/types.js';

const result: QualityResult = {
  score: 72.5,
  rating: 'C',
  passed: false,
  dimensions: {
    format: { score: 65, findings: 2, minScore: 70, weight: 1, rating: 'D' },
    secrets: { score: 100, findings: 0, minScore: 100, weight: 3, rating: 'A' },
  },
  checks: [
    { name: 'eslint', engine: 'eslint', status: 'failed', reason: null, durationMs: 12 },
    { name: 'mypy', engine: 'mypy', status: 'skipped', reason: 'mypy is not installed (pip install mypy)', durationMs: 1 },
    { name: 'secrets', engine: 'br-guard', status: 'passed', reason: null, durationMs: 3 },
  ],
  findings: [
    {
      system: 'quality',
      status: 'new',
      fix: { description: 'eslint can fix this: br-guard quality check --fix', file: 'src/a|b.ts' },
      check: 'eslint',
      rule: 'no-var',
      severity: 'error',
      file: 'src/a|b.ts',
      line: 3,
      column: 1,
      message: 'Unexpected var, use let or const instead.',
      fixable: true,
      new: true,
      fingerprint: 'f1',
    },
    {
      system: 'quality',
      status: 'old',
      check: 'eslint',
      rule: 'eqeqeq',
      severity: 'warning',
      file: 'src/a|b.ts',
      line: 9,
      column: 5,
      message: 'Expected ===',
      fixable: false,
      new: false,
      fingerprint: 'f2',
    },
    {
      system: 'quality',
      status: 'new',
      check: 'coverage',
      rule: 'coverage-below-minimum',
      severity: 'info',
      file: null,
      line: null,
      column: null,
      message: 'low',
      fixable: false,
      new: true,
      fingerprint: 'f3',
    },
  ],
  scope: 'staged',
  filesChecked: 1,
  linesChecked: 20,
  fixed: ['src/c.ts'],
  fixNotes: ['src/c.ts: partially staged'],
  fixConflicts: [],
  failures: ['format score 65 is below 70', '1 new error-severity finding'],
};

test('text: checks table, score bars, findings grouped by file, failures; colour only when asked', () => {
  const text = qualityText(result);
  assert.match(text, /^Quality 72.5 \(C\) — FAILED  \[staged: 1 files, 20 lines\]/);
  assert.match(text, /Fixed 1 file\(s\): src\/c.ts\n  note: src\/c.ts: partially staged/);
  assert.match(text, /✗ eslint  failed +12 ms/);
  assert.match(text, /- mypy    skipped +1 ms  mypy is not installed/);
  assert.match(text, /format  █████████████░░░░░░░  65.0 D  \(2 findings, min 70\)/);
  assert.match(
    text,
    /  src\/a\|b.ts\n    3:1      error   eslint\/no-var  Unexpected var.*\[fixable\]\n    9:5      warning eslint\/eqeqeq  Expected ===  \[old\]/,
  );
  assert.match(text, /\(project\)\n    -:-/);
  assert.match(text, /Gate failed:\n  - format score 65 is below 70/);
  assert.not.match(text, /\u001b\[/);
  assert.match(qualityText(result, { color: true }), /\u001b\[31mFAILED\u001b\[39m/);
  const clean = qualityText({ ...result, passed: true, checks: [], dimensions: {}, findings: [], failures: [], fixed: [], fixNotes: [] });
  assert.is(clean, 'Quality 72.5 (C) — passed  [staged: 1 files, 20 lines]\n');
});

test('markdown: escaped tables and findings', () => {
  const markdown = qualityMarkdown(result);
  assert.match(markdown, /^## Quality: 72.5 \(C\) — ❌ failed/);
  assert.match(markdown, /\| format \| 65 \| D \| 2 \| 70 \|/);
  assert.match(markdown, /\| mypy \| skipped \| 1 \| mypy is not installed \(pip install mypy\) \|/);
  assert.match(markdown, /\*\*src\/a\\\|b.ts\*\*/);
  assert.match(markdown, /- 9:5 \*\*warning\*\* `eslint\/eqeqeq` Expected === _\(existing\)_/);
  assert.match(qualityMarkdown({ ...result, passed: true, failures: [], checks: [], dimensions: {}, findings: [] }), /✅ passed/);
});

test('SARIF 2.1.0: one run per check that ran, rules, levels, locations, fingerprints', () => {
  const log = qualitySarif(result) as import('sarif').Log;
  assert.is(log.version, '2.1.0');
  assert.equal(
    log.runs.map((run) => run.tool.driver.name),
    ['eslint', 'secrets', 'coverage'],
  );
  const eslint = log.runs[0]!;
  assert.equal(
    eslint.tool.driver.rules?.map((r) => [r.id, r.helpUri]),
    [
      ['eqeqeq', 'https://eslint.org/docs/latest/rules/eqeqeq'],
      ['no-var', 'https://eslint.org/docs/latest/rules/no-var'],
    ],
  );
  assert.equal(eslint.results?.[0], {
    ruleId: 'no-var',
    ruleIndex: 1,
    level: 'error',
    message: { text: 'Unexpected var, use let or const instead.' },
    partialFingerprints: { 'brGuard/v1': 'f1' },
    baselineState: 'new',
    locations: [
      { physicalLocation: { artifactLocation: { uri: 'src/a%7Cb.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 1 } } },
    ],
    // An auto-fixable rule's fix, in words (SARIF `fixes` need concrete edits).
    properties: { fix: 'eslint can fix this: br-guard quality check --fix' },
  });
  // The finding on an untouched line was there before the change.
  assert.equal([eslint.results?.[1]?.ruleId, eslint.results?.[1]?.baselineState], ['eqeqeq', 'unchanged']);
  assert.equal(sarifSchemaErrors(log), []);
  assert.equal(log.runs[1]!.results, []);
  assert.is(log.runs[2]!.results?.[0]?.level, 'note');
  assert.is(log.runs[2]!.results?.[0]?.locations, undefined);
});

test('toSarif serves any system (drift uses it too)', () => {
  const finding = {
    ...qualityFinding({
      check: 'layer-violation',
      rule: 'layer-violation',
      severity: 'warning',
      file: 'src/x.ts',
      line: 4,
      message: 'cli imports core',
    }),
    system: 'drift' as const,
  };
  const log = toSarif([{ tool: 'br-guard-drift', version: '0.1.0', findings: [finding] }]);
  assert.is(log.runs[0]?.tool.driver.version, '0.1.0');
  assert.equal(log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region, { startLine: 4 });
});

test.run();
