import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capDetails, formatHookResult, location, plural } from '../../../src/hooks/stage-outcome.js';
import { describeDrift, describeGaps, describeQuality, describeSecrets } from '../../../src/hooks/describe-results.js';
import { describeError, exitCodeFor, runStage, skippedOutcome, stageExitCode } from '../../../src/hooks/run-stage.js';
import { InputError, ToolMissingError, UserError } from '../../../src/domain/errors.js';
import { ExitCode } from '../../../src/domain/exit-codes.js';
import {
  fakeDriftResult,
  fakeGap,
  fakeGapReport,
  fakeQualityFinding,
  fakeQualityResult,
  fakeViolation,
} from '../../helpers/fake-hook-systems.js';

type FindingInput = Parameters<typeof fakeQualityFinding>[0];
type CheckInput = Parameters<typeof fakeQualityResult>[2];

const quality = (
  passed: boolean,
  findings: FindingInput[] = [],
  checks: CheckInput = [{ name: 'eslint', status: passed ? 'passed' : 'failed', reason: null }],
) => fakeQualityResult(passed, findings.map(fakeQualityFinding), checks, { score: passed ? 95 : 55, rating: passed ? 'A' : 'D' });

test('one short line per passed stage; details and "see more" only for failures', () => {
  const text = formatHookResult(
    'pre-commit',
    {
      exitCode: 1,
      notes: ['note'],
      outcomes: [
        { stage: 'secrets', status: 'passed', summary: 'none', details: [], more: 'x', durationMs: 1 },
        {
          stage: 'drift',
          status: 'failed',
          summary: '1 violation',
          details: ['a.ts:1 rule: msg'],
          more: 'br-guard drift check --staged',
          durationMs: 1500,
        },
        skippedOutcome('quality', 'skipped'),
      ],
    },
    false,
  );
  assert.is(
    text,
    'note\n✓ pre-commit secrets: none (1 ms)\n✗ pre-commit drift: 1 violation (1.5 s)\n    a.ts:1 rule: msg\n    see more: br-guard drift check --staged\n- pre-commit quality: skipped',
  );
  assert.match(formatHookResult('x', { exitCode: 0, notes: [], outcomes: [skippedOutcome('a', 'b')] }, true), /\u001b\[33m-/);
});

test('helpers: capDetails, plural, location', () => {
  assert.equal(capDetails(['a', 'b', 'c'], 2), ['a', 'b', '… and 1 more']);
  assert.equal(capDetails(['a'], 2), ['a']);
  assert.is(plural(1, 'file'), '1 file');
  assert.is(plural(2, 'file'), '2 files');
  assert.is(location(null, 3), '');
  assert.is(location('a.ts', null), 'a.ts');
  assert.is(location('a.ts', 3), 'a.ts:3');
});

test('describeQuality: passed line, failures with findings or failed checks', () => {
  assert.is(describeQuality(quality(true), 3).summary, 'score 95 (A), 1 check on 3 files');
  assert.equal(describeQuality(quality(true), 3).details, []);
  // A passing commit still says which engine ran instead of the one configured.
  const fallback = describeQuality(
    quality(
      true,
      [],
      [
        { name: 'eslint', status: 'passed', reason: 'quality.engines is native, but oxlint cannot load (x): eslint ran instead' },
        { name: 'mypy', status: 'skipped', reason: 'mypy is not installed (pip install mypy)' },
      ],
    ),
    3,
  );
  assert.equal(fallback.details, ['eslint: quality.engines is native, but oxlint cannot load (x): eslint ran instead']);
  const failed = describeQuality(
    quality(false, [
      { check: 'eslint', rule: 'no-x', severity: 'error', file: 'a.ts', line: 2, message: 'm' },
      { check: 'eslint', rule: 'w', severity: 'warning', file: 'a.ts', line: 3, message: 'w' },
      { check: 'eslint', rule: 'old', severity: 'error', file: 'a.ts', line: 4, message: 'o', new: false },
    ]),
    1,
  );
  assert.is(failed.status, 'failed');
  assert.equal(failed.details, ['a.ts:2 eslint/no-x: m']);
  const byCheck = describeQuality(quality(false, [], [{ name: 'tsc', status: 'error', reason: 'crashed' }]), 1);
  assert.equal(byCheck.details, ['tsc: crashed']);
  const byScore = describeQuality(quality(false, [], []), 1);
  assert.match(byScore.details[0]!, /under the gate/);
  assert.match(
    describeQuality(quality(false, [{ check: 'x', rule: 'r', severity: 'error', file: null, line: null, message: 'm' }]), 1).details[0]!,
    /^\(project\) x\/r: m/,
  );
});

test('describeSecrets, describeDrift, describeGaps', () => {
  assert.is(describeSecrets(quality(true), 2).summary, 'none in 2 staged files');
  const secret = describeSecrets(
    quality(false, [{ check: 'secrets', rule: 'aws', severity: 'error', file: 'a', line: 1, message: 'AKIA****' }]),
    1,
  );
  assert.equal([secret.status, secret.summary, secret.details], ['failed', '1 possible secret staged', ['a:1 aws: AKIA****']]);
  assert.is(
    describeDrift(fakeDriftResult([fakeViolation({ rule: 'r', file: 'a', line: 1, message: 'm', baselined: true })]), 'x').summary,
    'no drift in x (1 baselined)',
  );
  assert.is(describeDrift(fakeDriftResult(), 'x').summary, 'no drift in x');
  const drift = describeDrift(fakeDriftResult([fakeViolation({ rule: 'r', file: null, line: null, message: 'm' })]), 'x');
  assert.equal(drift.details, ['(project) r: m']);
  const report = fakeGapReport(42.25, [fakeGap({ id: 'g', kind: 'stub', featureId: 'f', file: null, line: null, message: 'm' })]);
  assert.is(describeGaps(report, null).summary, '42.3% complete, 1 gap');
  assert.is(describeGaps(report, 40).summary, '42.3% complete, 1 gap (minimum 40%)');
  const under = describeGaps(report, 80);
  assert.equal([under.status, under.details], ['failed', ['f stub: m']]);
  assert.equal(
    describeGaps(fakeGapReport(1, [fakeGap({ id: 'g', kind: 'todo', featureId: null, file: null, line: null, message: 'm' })]), 80).details,
    ['(spec) todo: m'],
  );
});

test('runStage maps every ending through the classifier; exitCodeFor orders bug > blocking > input error > ok', async () => {
  // A module that fails to load (a broken install) is a bug like any other: no status of its own.
  const broken = await runStage('gaps', null, async () => {
    throw Object.assign(new Error("Cannot find module '/x/dist/src/gaps/run-gap-analysis.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
  });
  assert.equal([broken.status, broken.error], ['error', { kind: 'internal', exitCode: ExitCode.internal }]);
  assert.match(broken.summary, /^internal error: Cannot find module/);
  assert.is(describeError(new ToolMissingError('ruff', 'pip install ruff')).status, 'skipped');
  const input = describeError(new InputError('bad key', { file: 'x.yaml', line: 3 }));
  assert.equal([input.status, input.summary, input.error], ['error', 'x.yaml:3: bad key', { kind: 'user', exitCode: 2 }]);
  const bug = describeError('weird');
  assert.is(bug.summary, 'internal error: weird');
  const previous = process.env.BR_GUARD_DEBUG;
  process.env.BR_GUARD_DEBUG = '1';
  assert.ok(describeError(new Error('x')).details.length > 0);
  if (previous === undefined) delete process.env.BR_GUARD_DEBUG;
  else process.env.BR_GUARD_DEBUG = previous;
  const ok = { stage: 'a', status: 'passed' as const, summary: '', details: [], more: null, durationMs: 0 };
  const failed = { ...ok, status: 'failed' as const };
  const badInput = { ...ok, ...input };
  const internal = { ...ok, ...bug };
  assert.is(exitCodeFor([ok]), 0);
  assert.is(exitCodeFor([]), 0);
  assert.is(exitCodeFor([ok, badInput]), 2);
  assert.is(exitCodeFor([ok, internal]), ExitCode.internal);
  assert.is(exitCodeFor([badInput, failed]), 1);
  // A bug says so even beside a finding: the verdict of a run with a bug is not to be trusted.
  assert.is(exitCodeFor([failed, internal]), ExitCode.internal);
  // A user error with its own code keeps it.
  const paused = { ...ok, ...describeError(new UserError('waiting', { exitCode: ExitCode.paused })) };
  assert.is(exitCodeFor([paused]), ExitCode.paused);
  assert.equal(
    [stageExitCode(ok), stageExitCode(failed), stageExitCode(badInput), stageExitCode(skippedOutcome('x', 'y'))],
    [0, 1, 2, null],
  );
});

test.run();
