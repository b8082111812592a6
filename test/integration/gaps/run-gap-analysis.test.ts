import { cpSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/load-config.js';
import { runGapAnalysis, isFeatureComplete } from '../../../src/gaps/run-gap-analysis.js';
import { listSources, gitBlobId } from '../../../src/gaps/collect-scans.js';
import { readProgress, recordProgress } from '../../../src/gaps/progress.js';
import { InputError } from '../../../src/domain/errors.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';
import { FIXTURES, readFixtureSpec } from '../../unit/gaps/fixture-spec.js';

const test = suite('runGapAnalysis in a real git repository');

function loaded(ignoreEndpoints: string[] = []): LoadedConfig {
  const config = defaultConfig();
  config.gaps.ignoreEndpoints = ignoreEndpoints;
  return { config, configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}

/** The express-react shop fixture committed in `repo`, with the gap analysis' inputs. */
async function shopDeps(repo: TempRepo, ignoreEndpoints: string[] = []) {
  cpSync(join(FIXTURES, 'express-react', 'broken'), repo.root, { recursive: true });
  repo.commit('shop');
  const git = await Git.open(repo.root);
  const { spec, manifest } = readFixtureSpec(readFileSync(join(repo.root, 'PROJECT_SPEC.md'), 'utf8'));
  return { git, loaded: loaded(ignoreEndpoints), spec, manifest };
}

test('scans tracked and untracked files, caches by blob, records progress once per commit', async () => {
  const repo = createTempRepo();
  try {
    const deps = await shopDeps(repo, ['POST /api/webhooks/*']);

    const cold = await runGapAnalysis(deps, { recordProgress: true });
    assert.is(cold.gaps.length, 10);
    assert.is(cold.completion, 68.8);
    assert.ok(cold.stats.parsed > 0);
    assert.is(cold.stats.cached, 0);
    assert.ok(existsSync(join(repo.root, '.buildrunner', 'cache', 'gaps', 'scans.json')));
    assert.is(repo.git('status', '--porcelain', '--untracked-files=all').includes('cache'), false, 'the cache is git-ignored');
    assert.not.ok(isFeatureComplete(cold, 'orders'));

    const warm = await runGapAnalysis(deps, { recordProgress: true });
    assert.is(warm.stats.parsed, 0, 'a warm run parses nothing');
    assert.is(warm.stats.cached, cold.stats.scanned);
    assert.equal(warm.gaps, cold.gaps);
    assert.is((await readProgress(repo.root)).length, 1, 'same commit: no second entry');

    // An untracked file and a modified tracked file are both read from the work tree.
    repo.write({
      'server/services/mailer.ts': 'export async function sendWelcome(user: { email: string }): Promise<void> {\n  void user;\n}\n',
      'server/routes/users.ts': readFileSync(join(repo.root, 'server/routes/users.ts'), 'utf8').replace(
        '  // TODO: paginate with cursors\n',
        '',
      ),
    });
    const edited = await runGapAnalysis(deps, { recordProgress: true });
    assert.is(edited.stats.parsed, 2);
    assert.not.ok(edited.gaps.some((gap) => gap.kind === 'todo'));
    assert.not.ok(edited.gaps.some((gap) => gap.kind === 'missing-file'));

    repo.commit('fix some');
    await runGapAnalysis(deps, { recordProgress: true });
    const progress = await readProgress(repo.root);
    assert.is(progress.length, 2);
    assert.ok(progress[1]!.completion > progress[0]!.completion);
    assert.match(progress[1]!.at, /^\d{4}-\d\d-\d\dT/);
  } finally {
    repo.cleanup();
  }
});

test('a few new scans go to the delta file; many fold the cache into one rewrite', async () => {
  const repo = createTempRepo();
  try {
    const deps = await shopDeps(repo);
    const dir = join(repo.root, '.buildrunner', 'cache', 'gaps');
    const cold = await runGapAnalysis(deps);
    const main = readFileSync(join(dir, 'scans.json'), 'utf8');
    assert.not.ok(existsSync(join(dir, 'scans.delta.json')));

    const users = readFileSync(join(repo.root, 'server/routes/users.ts'), 'utf8');
    repo.write({ 'server/routes/users.ts': `${users}\nexport const touched = 1;\n` });
    const edited = await runGapAnalysis(deps);
    assert.is(edited.stats.parsed, 1);
    assert.is(readFileSync(join(dir, 'scans.json'), 'utf8'), main, 'the main file is not rewritten');
    const delta = JSON.parse(readFileSync(join(dir, 'scans.delta.json'), 'utf8')) as { generation: string; entries: object };
    assert.is(delta.generation, (JSON.parse(main) as { generation: string }).generation);
    assert.is(Object.keys(delta.entries).length, 1);

    // The delta's scan is read back: editing another file parses that one only.
    const orders = readFileSync(join(repo.root, 'server/routes/orders.ts'), 'utf8');
    repo.write({ 'server/routes/orders.ts': `${orders}\nexport const touched = 2;\n` });
    const again = await runGapAnalysis(deps);
    assert.is(again.stats.parsed, 1);
    assert.is(again.stats.cached, cold.stats.scanned - 1);
    assert.is(Object.keys((JSON.parse(readFileSync(join(dir, 'scans.delta.json'), 'utf8')) as { entries: object }).entries).length, 2);

    // More new scans than the delta may hold: one rewrite, no delta left.
    const many: Record<string, string> = {};
    for (let i = 0; i < 60; i++) many[`server/extra/extra-${i}.ts`] = `export function extra${i}(): number {\n  return ${i};\n}\n`;
    repo.write(many);
    const grown = await runGapAnalysis(deps);
    assert.is(grown.stats.parsed, 60);
    assert.not.ok(existsSync(join(dir, 'scans.delta.json')));
    assert.is.not(readFileSync(join(dir, 'scans.json'), 'utf8'), main);
    const warm = await runGapAnalysis({ ...deps, loaded: loaded(['GET /nothing']) });
    assert.is(warm.stats.parsed, 0, 'every scan is in the rewritten main file');
  } finally {
    repo.cleanup();
  }
});

test('the fixed twin is complete; gaps.ignore hides files; deleted work-tree files vanish', async () => {
  const repo = createTempRepo();
  try {
    cpSync(join(FIXTURES, 'fastapi', 'fixed'), repo.root, { recursive: true });
    repo.commit('service');
    const git = await Git.open(repo.root);
    const { spec, manifest } = readFixtureSpec(readFileSync(join(repo.root, 'PROJECT_SPEC.md'), 'utf8'));
    const report = await runGapAnalysis({ git, loaded: loaded(), spec, manifest }, { cache: false });
    assert.equal(report.gaps, []);
    assert.ok(isFeatureComplete(report, 'users-api'));
    assert.not.ok(isFeatureComplete(report, 'no-such-feature'));
    assert.not.ok(existsSync(join(repo.root, '.buildrunner', 'cache')), 'cache: false writes nothing');

    rmSync(join(repo.root, 'service', 'app', 'rate_limiter.py'));
    const config = loaded();
    config.config.gaps.ignore = ['service/tests/**'];
    const collected = await listSources(git, config.config.gaps.ignore);
    assert.not.ok(collected.files.includes('service/app/rate_limiter.py'));
    assert.not.ok(collected.files.some((file) => file.startsWith('service/tests/')));
  } finally {
    repo.cleanup();
  }
});

test('blob ids match git hash-object', () => {
  const repo = createTempRepo();
  try {
    writeFileSync(join(repo.root, 'a.txt'), 'hello\n');
    assert.is(gitBlobId(Buffer.from('hello\n')), repo.git('hash-object', 'a.txt').trim());
  } finally {
    repo.cleanup();
  }
});

test('a damaged progress history: recording skips the bad line, gaps progress names it (exit 2)', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    const file = join(repo.root, '.buildrunner', 'progress.jsonl');
    await recordProgress(repo.root, 'a'.repeat(40), 50, new Date('2026-01-01T00:00:00Z'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"at": "2026-01-02", "commit"\n`);
    assert.is((await readProgress(repo.root)).length, 1);
    assert.ok(await recordProgress(repo.root, 'b'.repeat(40), 60));
    assert.equal(
      (await readProgress(repo.root)).map((entry) => entry.completion),
      [50, 60],
    );
    try {
      await readProgress(repo.root, { strict: true });
      assert.unreachable('a damaged line must be refused');
    } catch (error) {
      assert.instance(error, InputError);
      assert.equal((error as InputError).location, { file: '.buildrunner/progress.jsonl', line: 2 });
    }
    const result = runCli(['gaps', 'progress', '--json'], { cwd: repo.root });
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stdout, '');
    assert.match(result.stderr, /\.buildrunner\/progress\.jsonl:2/);
    assert.not.match(result.stderr, /\n\s+at /);
  } finally {
    repo.cleanup();
  }
});

test.run();
