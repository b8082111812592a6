import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const spec = (files: string[]) => `# PROJECT_SPEC: Staged

## Features

### Feature: Core

**Requirements:**
- Does things

**Files:**
${files.map((file) => `- ${file}`).join('\n')}
`;

function repo() {
  return createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': spec(['src/a.ts']),
      '.br-guardrc.yaml': 'architecture:\n  undocumentedAllowed: ["test/**"]\n',
      'package.json': '{"name":"staged"}\n',
      'src/a.ts': 'export const a = 1;\n',
    },
  });
}

type Drift = { passed: boolean; violations: Array<{ rule: string; file: string }> };

test('staged drift reads the spec from the index: listed in the work tree only is still undocumented, in the commit', () => {
  const r = repo();
  try {
    r.write({ 'src/b.ts': 'export const b = 2;\n', 'PROJECT_SPEC.md': spec(['src/a.ts', 'src/b.ts']) });
    r.git('add', 'src/b.ts');
    const check = runCli(['drift', 'check', '--staged', '--json'], { cwd: r.root });
    assert.is(check.code, 1, check.stderr);
    const result = check.json<Drift>();
    assert.equal(
      result.violations.map((v) => [v.rule, v.file]),
      [['undocumented-file', 'src/b.ts']],
    );
    const hook = runCli(['hook', 'pre-commit'], { cwd: r.root, env: { BR_GUARD_SKIP: 'quality,gaps,checkpoint' } });
    assert.is(hook.code, 1, hook.stderr);
    assert.match(hook.stderr, /undocumented-file|src\/b\.ts/);
    // The whole work tree is judged by the work-tree spec: there b is documented.
    assert.is(runCli(['drift', 'check', '--all'], { cwd: r.root }).code, 0);

    // The reverse: the spec that names b is staged, the work-tree copy edited back.
    r.git('add', 'PROJECT_SPEC.md');
    r.write({ 'PROJECT_SPEC.md': spec(['src/a.ts']) });
    const staged = runCli(['drift', 'check', '--staged', '--json'], { cwd: r.root });
    assert.is(staged.code, 0, staged.stdout + staged.stderr);
    const hookPasses = runCli(['hook', 'pre-commit'], { cwd: r.root, env: { BR_GUARD_SKIP: 'quality,gaps,checkpoint' } });
    assert.is(hookPasses.code, 0, hookPasses.stderr);
  } finally {
    r.cleanup();
  }
});

test('staged drift reads the config from the index; a bad staged config is exit 2 naming it', () => {
  const r = repo();
  try {
    r.write({ 'test/b.test.ts': 'export const t = 1;\n' });
    r.git('add', 'test/b.test.ts');
    assert.is(runCli(['drift', 'check', '--staged'], { cwd: r.root }).code, 0, 'test/** allowed by the committed config');
    // The allowance removed in the work tree but not staged: the commit still allows it.
    r.write({ '.br-guardrc.yaml': 'architecture:\n  undocumentedAllowed: []\n' });
    assert.is(runCli(['drift', 'check', '--staged'], { cwd: r.root }).code, 0);
    r.git('add', '.br-guardrc.yaml');
    const strict = runCli(['drift', 'check', '--staged', '--json'], { cwd: r.root });
    assert.is(strict.code, 1, strict.stderr);
    assert.equal(
      strict.json<Drift>().violations.map((v) => v.file),
      ['test/b.test.ts'],
    );
    // Back in the work tree, still strict as staged.
    r.write({ '.br-guardrc.yaml': 'architecture:\n  undocumentedAllowed: ["test/**"]\n' });
    assert.is(runCli(['drift', 'check', '--staged'], { cwd: r.root }).code, 1);
    r.write({ '.br-guardrc.yaml': 'architecture:\n  undocumentedAllowd: []\n' });
    r.git('add', '.br-guardrc.yaml');
    r.write({ '.br-guardrc.yaml': 'architecture:\n  undocumentedAllowed: ["test/**"]\n' });
    const bad = runCli(['drift', 'check', '--staged'], { cwd: r.root });
    assert.is(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /\.br-guardrc\.yaml:2: as staged: .*undocumentedAllowd.*git add \.br-guardrc\.yaml/);
  } finally {
    r.cleanup();
  }
});

test.run();
