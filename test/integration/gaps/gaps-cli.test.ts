import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';
import { FIXTURES } from '../../unit/gaps/fixture-spec.js';

const test = suite('br-guard gaps through the real CLI');

test('gaps --json, --min-completion, --markdown, text, and progress once per commit', () => {
  const repo = createTempRepo();
  try {
    cpSync(join(FIXTURES, 'express-react', 'broken'), repo.root, { recursive: true });
    repo.commit('shop');
    const first = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(first.code, 0, first.stderr);
    const report = first.json<{
      completion: number;
      gaps: Array<{ kind: string; prompt: string }>;
      items: unknown[];
      endpoints: unknown[];
      calls: unknown[];
      features: Array<{ id: string }>;
    }>();
    assert.equal([...new Set(report.gaps.map((gap) => gap.kind))].sort(), [
      'method-mismatch',
      'missing-endpoint',
      'missing-file',
      'missing-test',
      'stub',
      'todo',
      'ui-disconnect',
      'unimplemented-requirement',
      'unserved-call',
    ]);
    assert.is(report.completion, 68.8);
    assert.ok(report.gaps.every((gap) => gap.prompt.includes('npx br-guard gaps --json')));
    assert.equal(
      report.features.map((feature) => feature.id),
      ['user-management', 'orders'],
    );

    assert.is(runCli(['gaps', '--json', '--min-completion', '90'], { cwd: repo.root }).code, 1);
    assert.is(runCli(['gaps', '--json', '--min-completion', '60'], { cwd: repo.root }).code, 0);
    const bad = runCli(['gaps', '--min-completion', 'lots'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /--min-completion/);

    const markdown = runCli(['gaps', '--markdown'], { cwd: repo.root });
    assert.is(markdown.code, 0);
    assert.match(markdown.stdout, /^## br-guard gap analysis/);
    assert.match(markdown.stdout, /### UI disconnects/);
    const text = runCli(['gaps'], { cwd: repo.root });
    assert.match(text.stdout, /Orders {2}\[/);

    const progress = runCli(['gaps', 'progress', '--json'], { cwd: repo.root }).json<Array<{ commit: string; completion: number }>>();
    assert.is(progress.length, 1, 'five runs on one commit record one entry');
    repo.commit('more', { 'server/services/mailer.ts': 'export async function sendWelcome(): Promise<void> {\n  return;\n}\n' });
    runCli(['gaps', '--json'], { cwd: repo.root });
    const lines = readFileSync(join(repo.root, '.buildrunner', 'progress.jsonl'), 'utf8')
      .trim()
      .split('\n');
    assert.is(lines.length, 2);
    assert.ok(JSON.parse(lines[1] as string).completion > JSON.parse(lines[0] as string).completion);
    const progressText = runCli(['gaps', 'progress'], { cwd: repo.root });
    assert.is(progressText.stdout.trim().split('\n').length, 2);
  } finally {
    repo.cleanup();
  }
});

test('a file that does not parse is listed as skipped with its line, by oxc and by the JS fallback; the scan goes on', () => {
  const repo = createTempRepo();
  try {
    cpSync(join(FIXTURES, 'express-react', 'broken'), repo.root, { recursive: true });
    repo.commit('shop', { 'server/broken.ts': "import { x } from './x';\n\nexport const = fetch('/api/nothing');\n" });
    for (const env of [{}, { BR_GUARD_JS_PARSER: 'typescript-estree' }]) {
      const run = runCli(['gaps', '--json', '--no-cache'], { cwd: repo.root, env });
      assert.is(run.code, 0, run.stderr);
      const report = run.json<{ skipped: Array<{ file: string; line: number; message: string }>; completion: number }>();
      assert.equal(
        report.skipped.map((file) => `${file.file}:${file.line}`),
        ['server/broken.ts:3'],
      );
      assert.ok((report.skipped[0]?.message.length ?? 0) > 0);
      // The rest of the repository is judged as without the broken file.
      assert.is(report.completion, 68.8);
      const text = runCli(['gaps', '--no-cache'], { cwd: repo.root, env });
      assert.match(text.stdout, /Skipped \(1 file that does not parse\)\n {2}server\/broken\.ts:3 {2}\S/);
    }
  } finally {
    repo.cleanup();
  }
});

test('the fixed Next.js twin has no gaps; a missing spec is exit 2', () => {
  const repo = createTempRepo();
  try {
    cpSync(join(FIXTURES, 'nextjs', 'fixed'), repo.root, { recursive: true });
    repo.commit('dashboard');
    const result = runCli(['gaps', '--json', '--min-completion', '100'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    assert.equal(result.json<{ gaps: unknown[] }>().gaps, []);
    const missing = runCli(['gaps', '--spec', 'NOPE.md'], { cwd: repo.root });
    assert.is(missing.code, 2);
  } finally {
    repo.cleanup();
  }
});

test.run();
