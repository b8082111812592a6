import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { JS_APP, PY_PACKAGE } from '../../unit/draft/fixtures.js';

test('spec draft, then check: exit 0 on the repository it was drafted from (JS app and Python package)', () => {
  for (const files of [JS_APP, PY_PACKAGE]) {
    const repo = createTempRepo({ commit: true, files });
    try {
      const drafted = runCli(['spec', 'draft'], { cwd: repo.root });
      assert.is(drafted.code, 0, drafted.stderr);
      assert.match(drafted.stderr, /wrote PROJECT_SPEC.md \(a draft: edit it\)/);
      assert.not.match(drafted.stderr, /warning/);
      const check = runCli(['check', '--json'], { cwd: repo.root });
      assert.is(check.code, 0, check.stdout);
      const stages = check.json<{ stages: Array<{ name: string; status: string; findings: Array<{ severity: string }> }> }>().stages;
      for (const stage of stages) {
        assert.is(stage.status, 'passed', stage.name);
        if (stage.name !== 'quality')
          assert.equal(
            stage.findings.filter((f) => f.severity === 'error'),
            [],
            stage.name,
          );
      }
      const gaps = runCli(['gaps', '--json'], { cwd: repo.root }).json<{ completion: number }>();
      assert.is(gaps.completion, 100);
    } finally {
      repo.cleanup();
    }
  }
});

test('an existing spec: exit 2 without --force, replaced with it; --output writes elsewhere; --json', () => {
  const repo = createTempRepo({ commit: true, files: { ...JS_APP, 'PROJECT_SPEC.md': '# mine\n' } });
  try {
    const refused = runCli(['spec', 'draft'], { cwd: repo.root });
    assert.is(refused.code, 2);
    assert.match(refused.stderr, /PROJECT_SPEC.md already exists: not overwritten \(use --force/);
    assert.is(readFileSync(join(repo.root, 'PROJECT_SPEC.md'), 'utf8'), '# mine\n');
    const elsewhere = runCli(['spec', 'draft', '--output', 'draft.md'], { cwd: repo.root });
    assert.is(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /a spec already exists at PROJECT_SPEC.md/);
    const json = runCli(['spec', 'draft', '--force', '--json'], { cwd: join(repo.root, 'src') });
    assert.is(json.code, 0, json.stderr);
    const result = json.json<{ file: string; overwritten: boolean; features: unknown[]; coverage: { undocumented: string[] } }>();
    assert.equal([result.file, result.overwritten, result.features.length, result.coverage.undocumented], ['PROJECT_SPEC.md', true, 3, []]);
    assert.match(readFileSync(join(repo.root, 'PROJECT_SPEC.md'), 'utf8'), /### Feature: Orders API/);
  } finally {
    repo.cleanup();
  }
});

test('a repository with nothing to draft from: exit 2 with the reason, nothing written', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# x\n' } });
  try {
    const result = runCli(['spec', 'draft'], { cwd: repo.root });
    assert.is(result.code, 2);
    assert.match(result.stderr, /nothing to draft a spec from: none of its 1 files is a source file/);
    assert.is(existsSync(join(repo.root, 'PROJECT_SPEC.md')), false);
    const init = runCli(['init', '--draft-spec'], { cwd: repo.root });
    assert.is(init.code, 2);
    // Refused before init set anything up.
    assert.is(existsSync(join(repo.root, '.husky')), false);
  } finally {
    repo.cleanup();
  }
});

test('init --draft-spec sets up the hooks, drafts the spec and says what it wrote; then check passes', () => {
  const repo = createTempRepo({ commit: true, files: JS_APP });
  try {
    const init = runCli(['init', '--draft-spec', '--json'], { cwd: repo.root });
    assert.is(init.code, 0, init.stderr);
    assert.match(init.stderr, /created {3}\.husky\/pre-commit/);
    assert.match(init.stderr, /br-guard spec draft: wrote PROJECT_SPEC.md/);
    const json = init.json<{ changes: unknown[]; specDraft: { file: string } }>();
    assert.is(json.specDraft.file, 'PROJECT_SPEC.md');
    const check = runCli(['check'], { cwd: repo.root });
    assert.is(check.code, 0, check.stderr);
    writeFileSync(join(repo.root, 'PROJECT_SPEC.md'), '# edited\n');
    const again = runCli(['init', '--draft-spec'], { cwd: repo.root });
    assert.is(again.code, 2);
    assert.match(again.stderr, /already exists: not overwritten/);
  } finally {
    repo.cleanup();
  }
});

test.run();
