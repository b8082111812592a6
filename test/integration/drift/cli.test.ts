import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const spec = `# PROJECT_SPEC: Shop

## Features

### Feature: Orders

**Complexity:** simple

**Requirements:**
- Orders can be listed

**Files:**
- src/cli/main.ts
- src/domain/order.ts

**Acceptance Criteria:**
- Lists orders

## Technical Requirements

### Core Dependencies
- yaml (config)
`;

const config = `architecture:
  layers:
    - { name: cli, paths: ["src/cli/**"] }
    - { name: domain, paths: ["src/domain/**"] }
techStack:
  allow: ["@types/*"]
`;

function shop() {
  return createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': spec,
      '.br-guardrc.yaml': config,
      'package.json': '{"name":"shop","dependencies":{"yaml":"2"},"devDependencies":{"@types/node":"20"}}\n',
      'src/cli/main.ts': "import { order } from '../domain/order.js';\nexport const main = order;\n",
      'src/domain/order.ts': 'export const order = 1;\n',
    },
  });
}

test('drift check: staged by default, contract JSON, exit 1 on violations, 0 when clean', async () => {
  const repo = shop();
  try {
    const clean = runCli(['drift', 'check', '--json'], { cwd: repo.root });
    assert.is(clean.code, 0, clean.stderr);
    assert.equal(clean.json().violations, []);
    repo.write({
      'src/domain/order.ts': "import { main } from '../cli/main.js';\nexport const order = 1;\n",
      'src/domain/refund.ts': 'export const refund = 1;\n',
    });
    repo.git('add', '-A');
    const result = runCli(['drift', 'check', '--json'], { cwd: `${repo.root}/src` });
    assert.is(result.code, 1, result.stderr);
    const json = result.json<{ passed: boolean; violations: Array<Record<string, unknown>> }>();
    assert.is(json.passed, false);
    assert.equal(
      json.violations.map((v) => [v.rule, v.severity, v.file, v.line, v.baselined]),
      [
        ['undocumented-file', 'error', 'src/domain/refund.ts', null, false],
        ['layer-violation', 'error', 'src/domain/order.ts', 1, false],
        ['import-cycle', 'error', 'src/domain/order.ts', 1, false],
      ],
    );
    for (const v of json.violations) assert.type(v.message, 'string');
    const text = runCli(['drift', 'check'], { cwd: repo.root });
    assert.is(text.code, 1);
    assert.match(text.stdout, /^undocumented-file \(1\)/);
    assert.match(text.stdout, /drift \(staged changes\): failed — 3 errors/);
    const sarif = runCli(['drift', 'check', '--sarif'], { cwd: repo.root });
    assert.is(sarif.code, 1);
    assert.is(sarif.json().version, '2.1.0');
    assert.equal(sarifSchemaErrors(sarif.json()), []);
    assert.is(sarif.json().runs[0].results.length, 3);
    const markdown = runCli(['drift', 'check', '--markdown'], { cwd: repo.root });
    assert.match(markdown.stdout, /^## Architecture drift: ❌ failed/);
  } finally {
    repo.cleanup();
  }
});

test('drift baseline: records, later checks pass on known violations; a second plain run refuses; --update prunes', async () => {
  const repo = shop();
  try {
    repo.commit('legacy', { 'src/domain/legacy.ts': 'export {};\n' });
    const before = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.is(before.code, 1, before.stderr);
    const recorded = runCli(['drift', 'baseline'], { cwd: repo.root });
    assert.is(recorded.code, 0, recorded.stderr);
    assert.match(recorded.stdout, /1 violation\(s\) recorded/);
    const after = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.is(after.code, 0, after.stderr);
    assert.equal(
      after.json().violations.map((v: { baselined: boolean }) => v.baselined),
      [true],
    );
    const again = runCli(['drift', 'baseline'], { cwd: repo.root });
    assert.is(again.code, 2);
    assert.match(again.stderr, /already exists.*--update/);
    repo.git('rm', '-q', 'src/domain/legacy.ts');
    const stale = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.equal(stale.json().stale, [{ rule: 'undocumented-file', key: 'src/domain/legacy.ts', file: 'src/domain/legacy.ts' }]);
    const pruned = runCli(['drift', 'baseline', '--update', '--json'], { cwd: repo.root });
    assert.equal(pruned.json(), { file: '.buildrunner/drift-baseline.json', entries: 0, added: 0, removed: 1 });
  } finally {
    repo.cleanup();
  }
});

test('drift check: usage and input errors exit 2 with one line', async () => {
  const repo = shop();
  try {
    const both = runCli(['drift', 'check', '--staged', '--all'], { cwd: repo.root });
    assert.is(both.code, 2);
    assert.match(both.stderr, /choose one scope/);
    const formats = runCli(['drift', 'check', '--json', '--sarif'], { cwd: repo.root });
    assert.is(formats.code, 2);
    const badRef = runCli(['drift', 'check', '--range', 'nope..HEAD', '--json'], { cwd: repo.root });
    assert.is(badRef.code, 2);
    assert.is(badRef.stdout, '');
    assert.is(badRef.stderr.trim().split('\n').length, 1);
    assert.match(badRef.stderr, /unknown revision: nope/);
    const range = runCli(['drift', 'check', '--range', 'HEAD..HEAD', '--json'], { cwd: repo.root });
    assert.is(range.code, 0, range.stderr);
  } finally {
    repo.cleanup();
  }
});

test('drift check --staged judges by the staged spec: listing a staged file in an unstaged spec edit does not count', async () => {
  const repo = shop();
  try {
    repo.write({ 'src/domain/b.ts': 'export const b = 2;\n' });
    repo.git('add', 'src/domain/b.ts');
    // The spec names the file in the work tree only.
    repo.write({ 'PROJECT_SPEC.md': spec.replace('- src/domain/order.ts\n', '- src/domain/order.ts\n- src/domain/b.ts\n') });
    const unstaged = runCli(['drift', 'check', '--json'], { cwd: repo.root });
    assert.is(unstaged.code, 1, unstaged.stdout + unstaged.stderr);
    assert.equal(
      unstaged.json<{ violations: Array<{ rule: string; file: string }> }>().violations.map((v) => [v.rule, v.file]),
      [['undocumented-file', 'src/domain/b.ts']],
    );
    repo.git('add', 'PROJECT_SPEC.md');
    const staged = runCli(['drift', 'check', '--json'], { cwd: repo.root });
    assert.is(staged.code, 0, staged.stdout + staged.stderr);
    // An unstaged edit that drops the file again does not count either.
    repo.write({ 'PROJECT_SPEC.md': spec });
    assert.is(runCli(['drift', 'check', '--staged'], { cwd: repo.root }).code, 0, 'the staged spec still names it');
  } finally {
    repo.cleanup();
  }
});

test.run();
