import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { noProjectFiles } from '../../../src/adapters/project-files.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { ToolMissingError } from '../../../src/domain/errors.js';
import { runCheckers } from '../../../src/quality/run-checkers.js';
import type { Checker, CheckContext } from '../../../src/quality/types.js';

const standards = defaultQualityStandards();
standards.exemptions = [{ files: ['gen/**'], checks: ['*'] }];
const base: Omit<CheckContext, 'files'> = {
  root: '/repo',
  loaded: { config: defaultConfig(), configFile: null, standards, standardsFile: null },
  staged: false,
  readProjectFile: noProjectFiles,
  cacheDir: '/repo/.buildrunner/cache/quality',
  tools: {},
  all: false,
};
const files = ['a.ts', 'b.py', 'gen/c.ts'].map((path) => ({ path, read: async () => '' }));

function checker(name: string, ext: string, run: Checker['run']): Checker {
  return { name, dimension: 'format', appliesTo: (path) => path.endsWith(ext), run };
}

test('each checker gets only its files; checkers without files do not run; all run concurrently', async () => {
  const seen: Record<string, string[]> = {};
  let running = 0;
  let peak = 0;
  const slow =
    (name: string): Checker['run'] =>
    async (context) => {
      seen[name] = context.files.map((f) => f.path);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
      return { findings: [] };
    };
  const runs = await runCheckers(
    [checker('ts', '.ts', slow('ts')), checker('py', '.py', slow('py')), checker('md', '.md', slow('md'))],
    files,
    base,
    1000,
  );
  assert.equal(seen, { ts: ['a.ts'], py: ['b.py'] }, 'gen/** is exempt from every check');
  assert.equal(
    runs.map((r) => r.checker.name),
    ['ts', 'py'],
  );
  assert.is(peak, 2);
});

test('timeouts, missing tools and crashes', async () => {
  const runs = await runCheckers(
    [
      checker('hang', '.ts', () => new Promise(() => undefined)),
      checker('missing', '.ts', async () => {
        throw new ToolMissingError('black', 'pip install black');
      }),
      checker('crash', '.ts', async () => {
        throw new Error('boom\nstack');
      }),
      checker('odd', '.ts', async () => {
        throw 'a string';
      }),
    ],
    files,
    base,
    50,
  );
  assert.equal(
    runs.map((r) => [r.checker.name, r.error, r.outcome.skipped ?? null]),
    [
      ['hang', 'timed out after 0 s (config quality.timeoutMs)', null],
      ['missing', null, 'black is not installed (pip install black)'],
      ['crash', 'boom', null],
      ['odd', 'a string', null],
    ],
  );
  assert.ok(runs[0]!.durationMs >= 45);
});

test.run();
