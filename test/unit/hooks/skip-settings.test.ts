import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeSkips, HOOK_STAGES, readSkipSettings } from '../../../src/hooks/skip-settings.js';

test('BR_GUARD=0 (and false/off) disables every hook, and says so', () => {
  for (const value of ['0', 'false', 'OFF']) assert.ok(readSkipSettings({ BR_GUARD: value }).disabled, value);
  assert.not.ok(readSkipSettings({ BR_GUARD: '1' }).disabled);
  assert.not.ok(readSkipSettings({}).disabled);
  assert.match(describeSkips(readSkipSettings({ BR_GUARD: '0' }), 'pre-commit')[0]!, /BR_GUARD=0 — pre-commit hook skipped/);
});

test('BR_GUARD_SKIP takes comma or space separated stages, case-insensitive', () => {
  const settings = readSkipSettings({ BR_GUARD_SKIP: 'Quality, drift gaps,,checkpoint' });
  assert.equal([...settings.skipped].sort(), ['checkpoint', 'drift', 'gaps', 'quality']);
  assert.equal(settings.unknown, []);
  assert.match(describeSkips(settings, 'pre-push')[0]!, /skipping quality, drift, gaps, checkpoint in pre-push/);
});

test('all skips every stage; unknown names are reported, never silent', () => {
  assert.equal(readSkipSettings({ BR_GUARD_SKIP: 'all' }).skipped.size, HOOK_STAGES.length);
  const settings = readSkipSettings({ BR_GUARD_SKIP: 'qualty' });
  assert.equal(settings.unknown, ['qualty']);
  const lines = describeSkips(settings, 'pre-commit');
  assert.is(lines.length, 1);
  assert.match(lines[0]!, /unknown stage\(s\) qualty/);
  assert.equal(describeSkips(readSkipSettings({}), 'pre-commit'), []);
});

test.run();
