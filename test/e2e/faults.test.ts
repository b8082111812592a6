import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The short, seeded subset of bench/faults.mjs: the packed CLI through real hooks, SIGKILLed with
// its whole process group and left unreaped, plus hostile names and two worktrees at once.
const builtRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

test('faults (seeded subset): kills of pre-commit, rollback and checkpoint lose nothing; hostile names and two worktrees', () => {
  if (process.platform !== 'linux') return; // the suite proves its zombies through /proc
  const env: NodeJS.ProcessEnv = { ...process.env, BR_GUARD_OUT: builtRoot };
  // The kills land on the hooks as shipped (the hook bundle), not on coverage runs of the modules.
  // Empty, not deleted: Node gives a child its parent's NODE_V8_COVERAGE when the key is missing.
  env.NODE_V8_COVERAGE = '';
  const run = spawnSync(
    process.execPath,
    [
      `${packageRoot}bench/faults.mjs`,
      '--json',
      '--seed',
      '7',
      '--kills',
      '4',
      '--rollback-kills',
      '2',
      '--checkpoint-kills',
      '2',
      '--only',
      'precommit,rollback,checkpoint,names,worktrees',
    ],
    { env, encoding: 'utf8', timeout: 170_000 },
  );
  assert.ok(run.stdout, run.stderr);
  const report = JSON.parse(run.stdout) as {
    lost: number;
    scenarios: Record<string, { kills?: number; intact?: number; restored?: number; lost?: number; zombies?: number; problems?: string[] }>;
  };
  assert.is(report.lost, 0, run.stderr);
  const { precommit } = report.scenarios;
  assert.is(precommit!.kills, 4);
  assert.is(precommit!.intact! + precommit!.restored!, 4);
  assert.ok(precommit!.zombies! > 0, 'the killed processes were left as zombies');
  assert.equal(report.scenarios.names!.problems, []);
  assert.equal(report.scenarios.worktrees!.problems, []);
  assert.is(run.status, 0, run.stderr);
});

test.run();
