import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

const seed = readFileSync(new URL('../../../../test/fixtures/specs/seed.md', import.meta.url), 'utf8');
const plain = readFileSync(new URL('../../../../test/fixtures/specs/plain-labels.md', import.meta.url), 'utf8');
const invalid = readFileSync(new URL('../../../../test/fixtures/specs/invalid.md', import.meta.url), 'utf8');

/** Exit 2, exactly one line on stderr starting with `br-guard: `, nothing on stdout, nothing written. */
function assertInputError(result: ReturnType<typeof runCli>, root: string, pattern: RegExp): void {
  assert.is(result.code, 2, result.stderr);
  assert.is(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, pattern);
  assert.not.match(result.stderr, /\n\s+at /);
  assert.not.ok(existsSync(join(root, '.buildrunner/manifest.json')));
}

test('spec parse --json prints the contract shape for the seed', () => {
  const repo = createTempRepo({ files: { 'PROJECT_SPEC.md': seed } });
  try {
    const result = runCli(['spec', 'parse', '--json'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const spec = result.json<any>();
    assert.is(spec.features.length, 4);
    const drift = spec.features[3];
    for (const key of ['id', 'name', 'complexity', 'description', 'requirements', 'files', 'acceptanceCriteria', 'dependsOn', 'line']) {
      assert.ok(key in drift, key);
    }
    assert.equal(drift.dependsOn, ['gap-analyzer-and-completion-assurance']);
    assert.ok(spec.techStack.dependencies.includes('GitPython'));
    assert.equal(spec.warnings, []);
    const text = runCli(['spec', 'parse'], { cwd: repo.root });
    assert.is(text.code, 0);
    assert.match(text.stdout, /4 features/);
    assert.match(text.stdout, /depends on: gap-analyzer-and-completion-assurance/);
  } finally {
    repo.cleanup();
  }
});

test('the spec is found in .buildrunner/, through --spec (relative to cwd) and through config', () => {
  const repo = createTempRepo({
    files: { '.buildrunner/PROJECT_SPEC.md': seed, 'pkg/docs/S.md': '### Feature: Only\n\n**Requirements:**\n- x\n' },
  });
  try {
    assert.is(runCli(['spec', 'parse', '--json'], { cwd: repo.root }).json<any>().features.length, 4);
    const sub = runCli(['spec', 'parse', '--json', '--spec', 'docs/S.md'], { cwd: join(repo.root, 'pkg') });
    assert.is(sub.code, 0, sub.stderr);
    assert.is(sub.json<any>().file, 'pkg/docs/S.md');
    writeFileSync(join(repo.root, '.br-guardrc.yaml'), 'spec: pkg/docs/S.md\n');
    assert.equal(
      runCli(['spec', 'parse', '--json'], { cwd: join(repo.root, 'pkg') })
        .json<any>()
        .features.map((f: any) => f.id),
      ['only'],
    );
  } finally {
    repo.cleanup();
  }
});

test('spec validate: exit 0 for the seed, exit 1 with every error for an invalid spec', () => {
  const repo = createTempRepo({ files: { 'PROJECT_SPEC.md': seed, 'bad.md': invalid } });
  try {
    const ok = runCli(['spec', 'validate', '--json'], { cwd: repo.root });
    assert.is(ok.code, 0);
    assert.equal(ok.json(), { valid: true, errors: [], warnings: [] });
    const bad = runCli(['spec', 'validate', '--json', '--spec', 'bad.md'], { cwd: repo.root });
    assert.is(bad.code, 1);
    const validation = bad.json<any>();
    assert.is(validation.valid, false);
    assert.is(validation.errors[0].message, 'dependency cycle: alpha → gamma → beta → alpha');
    assert.is(validation.errors[1].line, 20);
    const text = runCli(['spec', 'validate', '--spec', 'bad.md'], { cwd: repo.root });
    assert.is(text.code, 1);
    assert.match(text.stdout, /^bad\.md:20: error: feature "Beta" depends on "Requires Nonexistent Widget \(for widgets\)"/m);
    assert.match(text.stdout, /bad\.md:41: warning: file src\/shared\.ts/);
    assert.match(text.stdout, /spec is invalid: 4 errors/);
  } finally {
    repo.cleanup();
  }
});

test('manifest writes .buildrunner/manifest.json and prints it with --json', () => {
  const repo = createTempRepo({ files: { 'PROJECT_SPEC.md': seed } });
  try {
    const result = runCli(['manifest', '--json'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const printed = result.json<any>();
    const written = JSON.parse(readFileSync(join(repo.root, '.buildrunner/manifest.json'), 'utf8'));
    assert.equal(written, printed);
    assert.match(printed.specHash, /^[0-9a-f]{64}$/);
    assert.is(printed.items.length, 67);
    assert.equal(Object.keys(printed.items[0]).sort(), ['featureId', 'id', 'kind', 'text']);
    const text = runCli(['manifest'], { cwd: repo.root });
    assert.match(text.stdout, /wrote \.buildrunner\/manifest\.json: 67 items from 4 features/);
    assert.equal(readdirSync(join(repo.root, '.buildrunner')), ['manifest.json']);
  } finally {
    repo.cleanup();
  }
});

test('text output shows gates and warnings; a valid spec with warnings says so', () => {
  const repo = createTempRepo({
    files: { 'PROJECT_SPEC.md': plain, 'one.md': '### Feature: A\n\n**Requirements:**\n- a\n\n**Dependencies:** Nobody\n' },
  });
  try {
    const parsed = runCli(['spec', 'parse'], { cwd: repo.root });
    assert.is(parsed.code, 0);
    assert.match(parsed.stdout, /gate: Confirm the payment provider account exists\./);
    assert.match(parsed.stdout, /^1 warning$/m);
    assert.match(parsed.stderr, /^PROJECT_SPEC\.md:51: warning: section "Rollout Plan"/m);
    const validated = runCli(['spec', 'validate'], { cwd: repo.root });
    assert.is(validated.code, 0);
    assert.match(validated.stdout, /spec is valid: 2 features, 1 warning\(s\)/);
    const one = runCli(['spec', 'validate', '--spec', 'one.md'], { cwd: repo.root });
    assert.is(one.code, 1);
    assert.match(one.stdout, /spec is invalid: 1 error$/m);
    assert.match(runCli(['spec', 'parse', '--spec', 'one.md'], { cwd: repo.root }).stdout, /^one\.md: \(untitled\)$/m);
  } finally {
    repo.cleanup();
  }
});

test('bad input: exit 2 with one line, no stack trace, nothing written', () => {
  const repo = createTempRepo();
  try {
    assertInputError(
      runCli(['manifest'], { cwd: repo.root }),
      repo.root,
      /^br-guard: no spec found: looked for PROJECT_SPEC\.md and \.buildrunner\/PROJECT_SPEC\.md/,
    );
    assertInputError(runCli(['manifest', '--spec', 'nope.md'], { cwd: repo.root }), repo.root, /^br-guard: nope\.md: spec not found/);
    writeFileSync(join(repo.root, '.br-guardrc.yaml'), 'spec: missing.md\n');
    assertInputError(
      runCli(['spec', 'parse'], { cwd: repo.root }),
      repo.root,
      /^br-guard: missing\.md: spec not found \(set by config key `spec`\)/,
    );
    writeFileSync(join(repo.root, '.br-guardrc.yaml'), 'spec: 5\n');
    assertInputError(
      runCli(['manifest'], { cwd: repo.root }),
      repo.root,
      /^br-guard: \.br-guardrc\.yaml:1: spec: expected a string, got 5$/,
    );
    writeFileSync(join(repo.root, '.br-guardrc.yaml'), 'specs: x\n');
    assertInputError(
      runCli(['spec', 'validate'], { cwd: repo.root }),
      repo.root,
      /^br-guard: \.br-guardrc\.yaml:1: specs: unknown key "specs" \(did you mean "spec"\?\)$/,
    );
    writeFileSync(join(repo.root, '.br-guardrc.yaml'), '');
    writeFileSync(join(repo.root, 'bin.md'), Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x00, 0x01]));
    assertInputError(runCli(['manifest', '--spec', 'bin.md'], { cwd: repo.root }), repo.root, /^br-guard: bin\.md:2: binary file/);
    writeFileSync(join(repo.root, 'latin.md'), Buffer.from('# Caf\xe9\n', 'latin1'));
    assertInputError(
      runCli(['spec', 'parse', '--spec', 'latin.md'], { cwd: repo.root }),
      repo.root,
      /^br-guard: latin\.md:1: invalid UTF-8$/,
    );
    mkdirSync(join(repo.root, 'dir.md'));
    assertInputError(
      runCli(['spec', 'parse', '--spec', 'dir.md'], { cwd: repo.root }),
      repo.root,
      /^br-guard: dir\.md: not a regular file$/,
    );
    writeFileSync(join(repo.root, 'huge.md'), Buffer.alloc(50 * 1024 * 1024, 0x61));
    assertInputError(
      runCli(['manifest', '--spec', 'huge.md'], { cwd: repo.root }),
      repo.root,
      /^br-guard: huge\.md: file is too large \(52428800 bytes, limit 10485760\)$/,
    );
    const flag = runCli(['spec', 'parse', '--bogus'], { cwd: repo.root });
    assert.is(flag.code, 2);
    assert.match(flag.stderr, /unknown option '--bogus'/);
    assert.not.match(flag.stderr, /\n\s+at /);
  } finally {
    repo.cleanup();
  }
});

test.run();
