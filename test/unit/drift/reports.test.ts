import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DriftResult } from '../../../src/drift/types.js';
import { driftFindings } from '../../../src/report/drift-findings.js';
import { driftMarkdown } from '../../../src/report/drift-markdown.js';
import { driftText } from '../../../src/report/drift-text.js';
import { toSarif } from '../../../src/report/sarif.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';

const result: DriftResult = {
  passed: false,
  violations: [
    {
      rule: 'layer-violation',
      severity: 'error',
      file: 'src/domain/a.ts',
      line: 3,
      message: 'a | b imports up',
      baselined: false,
      key: 'src/domain/a.ts -> src/cli/b.ts',
    },
    {
      rule: 'layer-violation',
      severity: 'error',
      file: 'src/domain/c.ts',
      line: 1,
      message: 'known one',
      baselined: true,
      key: 'src/domain/c.ts -> src/cli/b.ts',
    },
    {
      rule: 'unmatched-pattern',
      severity: 'warning',
      file: null,
      line: null,
      message: 'pattern matches nothing',
      baselined: false,
      key: 'x',
    },
    {
      rule: 'undocumented-file',
      severity: 'info',
      file: 'src/x.ts',
      line: null,
      message: 'not in spec',
      baselined: false,
      key: 'src/x.ts',
    },
  ],
  stale: [{ rule: 'undocumented-file', key: 'src/gone.ts', file: 'src/gone.ts' }],
  scope: { kind: 'range', from: 'a', to: 'b' },
  specChanged: true,
  summary: { errors: 1, warnings: 1, infos: 1, baselined: 1, filesChecked: 10 },
  changes: {
    filesAdded: 2,
    filesRemoved: 1,
    filesRenamed: 0,
    importsAdded: 3,
    importsRemoved: 1,
    dependenciesAdded: ['npm:left-pad'],
    dependenciesRemoved: ['pypi:six'],
    endpointsAdded: ['GET /api/x'],
  },
};

test('generates violation reports as text: grouped by rule, baselined marked, stale listed, verdict last; colour only when asked', () => {
  const text = driftText(result, { color: false });
  assert.equal(text.split('\n').slice(0, 4), [
    'layer-violation (2)',
    '  ✖ src/domain/a.ts:3  a | b imports up',
    '  ✖ src/domain/c.ts:1  known one (baselined)',
    '',
  ]);
  assert.match(text, /⚠ pattern matches nothing/);
  assert.match(text, /stale baseline entries \(1\)/);
  assert.match(text, /drift \(range a\.\.b\): failed — 1 error, 1 warning, 1 info, 1 baselined\n$/);
  assert.not.match(text, /\u001b\[/);
  assert.match(driftText(result, { color: true }), /\u001b\[31m/);
  const clean = driftText(
    {
      ...result,
      passed: true,
      violations: [],
      stale: [],
      scope: { kind: 'staged' },
      summary: { errors: 0, warnings: 0, infos: 0, baselined: 0, filesChecked: 1 },
    },
    { color: false },
  );
  assert.is(clean, 'drift (staged changes): passed — 0 errors, 0 warnings, 0 info\n');
  assert.match(driftText({ ...result, scope: { kind: 'all' } }, { color: false }), /drift \(whole tree\)/);
});

test('markdown report: a table per rule with escaped cells and stale entries', () => {
  const md = driftMarkdown(result);
  assert.match(md, /^## Architecture drift: ❌ failed/);
  assert.match(md, /the spec changed in this change/);
  assert.match(md, /### `layer-violation`/);
  assert.match(md, /\| ❌ \| `src\/domain\/a.ts:3` \| a \\\| b imports up \|/);
  assert.match(md, /\| ❌ \(baselined\) \|/);
  assert.match(md, /### Stale baseline entries/);
  assert.match(
    md,
    /Change: 2 file\(s\) added, 1 removed, 0 renamed; 3 import\(s\) added, 1 removed; dependencies `\+npm:left-pad`, `-pypi:six`; endpoints added: `GET \/api\/x`\./,
  );
  assert.not.match(driftMarkdown({ ...result, scope: { kind: 'all' } }), /Change:/);
  const quiet = driftMarkdown({
    ...result,
    changes: { ...result.changes, dependenciesAdded: [], dependenciesRemoved: [], endpointsAdded: [] },
  });
  assert.match(quiet, /1 removed\.\n/);
  assert.match(driftMarkdown({ ...result, passed: true, violations: [], stale: [], specChanged: false }), /✅ passed/);
});

test('SARIF: a baselined violation stays, unchanged and suppressed as accepted; fingerprints come from rule and key', () => {
  const findings = driftFindings(result);
  assert.equal(
    findings.map((f) => f.status),
    ['new', 'baselined', 'new', 'new'],
  );
  assert.ok(findings.every((f) => f.system === 'drift' && /^[0-9a-f]{16}$/.test(f.fingerprint)));
  const log = toSarif([{ tool: 'br-guard drift', findings }]);
  assert.equal(sarifSchemaErrors(log), []);
  const results = log.runs[0]!.results!;
  assert.equal(
    results.map((r) => r.baselineState),
    ['new', 'unchanged', 'new', 'new'],
  );
  assert.equal(results[1]!.suppressions, [
    { kind: 'external', status: 'accepted', justification: 'accepted in the br-guard baseline (.buildrunner/drift-baseline.json)' },
  ]);
  assert.is(results[0]!.suppressions, undefined);
  assert.is(results[2]!.level, 'warning');
});

test.run();
