import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError, UsageError } from '../../../src/domain/errors.js';
import { driftBaselineFile } from '../../../src/drift/baseline/drift-baseline.js';
import { recordDriftBaseline } from '../../../src/drift/baseline/record-drift-baseline.js';
import { runDriftCheck } from '../../../src/drift/run-drift-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { driftDeps, makeSpec, summary } from './drift-fixtures.js';

const spec = makeSpec({ features: [{ name: 'Core', files: ['src/core.ts'] }] });

test('baseline: records today, later runs pass on known violations, fail on new ones, report stale; only --update grows or prunes', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'src/core.ts': 'export {};\n', 'src/old-a.ts': 'export {};\n', 'src/old-b.ts': 'export {};\n' },
  });
  try {
    const deps = await driftDeps(repo, spec);
    const first = await recordDriftBaseline(deps, { update: false });
    assert.equal(first, { file: driftBaselineFile, entries: 2, added: 2, removed: 0 });
    const recorded = JSON.parse(readFileSync(join(repo.root, driftBaselineFile), 'utf8')) as {
      entries: Array<{ rule: string; key: string }>;
    };
    assert.equal(
      recorded.entries.map((e) => `${e.rule} ${e.key}`),
      ['undocumented-file src/old-a.ts', 'undocumented-file src/old-b.ts'],
    );

    // Whole tree: the known ones are baselined and the check passes.
    const known = await runDriftCheck(deps, { scope: { kind: 'all' } });
    assert.is(known.passed, true);
    assert.equal(summary(known), ['undocumented-file src/old-a.ts (baselined)', 'undocumented-file src/old-b.ts (baselined)']);
    assert.is(known.summary.baselined, 2);

    // A new violation fails; a fixed one is stale (whole tree only); a staged run reports no staleness.
    repo.git('rm', '-q', 'src/old-b.ts');
    repo.write({ 'src/new.ts': 'export {};\n' });
    repo.git('add', '-A');
    const staged = await runDriftCheck(deps, { scope: { kind: 'staged' } });
    assert.equal(summary(staged), ['undocumented-file src/new.ts']);
    assert.equal(staged.stale, []);
    const whole = await runDriftCheck(deps, { scope: { kind: 'all' } });
    assert.is(whole.passed, false);
    assert.equal(whole.stale, [{ rule: 'undocumented-file', key: 'src/old-b.ts', file: 'src/old-b.ts' }]);

    // Plain `drift baseline` refuses to overwrite; --update grows and prunes.
    try {
      await recordDriftBaseline(deps, { update: false });
      assert.unreachable();
    } catch (error) {
      assert.ok(error instanceof UsageError);
      assert.match((error as Error).message, /--update/);
    }
    const updated = await recordDriftBaseline(deps, { update: true });
    assert.equal(updated, { file: driftBaselineFile, entries: 2, added: 1, removed: 1 });
    const after = await runDriftCheck(deps, { scope: { kind: 'all' } });
    assert.is(after.passed, true);
    assert.equal(after.stale, []);
  } finally {
    repo.cleanup();
  }
});

test('baseline: a damaged file is an input error naming it; an invalid spec cannot be baselined', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    const deps = await driftDeps(repo, spec);
    repo.write({ [driftBaselineFile]: '{"version": 2}' });
    try {
      await runDriftCheck(deps, { scope: { kind: 'staged' } });
      assert.unreachable();
    } catch (error) {
      assert.ok(error instanceof InputError);
      assert.match((error as InputError).toLine(), /^\.buildrunner\/drift-baseline\.json: not a drift baseline/);
    }
    repo.write({ [driftBaselineFile]: 'not json' });
    const invalid = await driftDeps(repo, spec, undefined, {
      validateSpec: () => ({ valid: false, errors: [{ line: 3, message: 'duplicate feature "Core"' }], warnings: [] }),
    });
    try {
      await recordDriftBaseline(invalid, { update: true });
      assert.unreachable();
    } catch (error) {
      assert.ok(error instanceof UsageError);
      assert.match((error as Error).message, /invalid spec: duplicate feature/);
    }
    // --update is the way out of a damaged baseline.
    assert.equal(await recordDriftBaseline(deps, { update: true }), { file: driftBaselineFile, entries: 0, added: 0, removed: 0 });
    try {
      await recordDriftBaseline(deps, { update: false });
      assert.unreachable();
    } catch (error) {
      assert.ok(error instanceof UsageError);
    }
  } finally {
    repo.cleanup();
  }
});

test.run();
