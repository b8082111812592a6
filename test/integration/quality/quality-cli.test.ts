import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const token = 'ghp_' + 'Qw8eR4tY6uI2oP0aS9dF3gH5jK7lZ1xC3vB5';

test('quality check --json: one JSON document in the contract shape; exit 1; no secret anywhere', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# demo\n' } });
  try {
    repo.write({ 'src/config.ts': `export const token = "${token}";\n` });
    repo.git('add', '.');
    const result = runCli(['quality', 'check', '--staged', '--json', '--only', 'secrets,prettier'], { cwd: `${repo.root}/src` });
    assert.is(result.code, 1, result.stderr);
    const json = result.json();
    assert.equal(Object.keys(json).slice(0, 6), ['score', 'rating', 'passed', 'dimensions', 'checks', 'findings']);
    assert.is(json.passed, false);
    assert.match(json.rating, /^[A-E]$/);
    const finding = json.findings.find((f: { check: string }) => f.check === 'secrets');
    // The contract's fields, then the shared findings model's own.
    assert.equal(Object.keys(finding), [
      'check',
      'rule',
      'severity',
      'file',
      'line',
      'column',
      'message',
      'fixable',
      'new',
      'fingerprint',
      'system',
      'status',
    ]);
    assert.is(finding.file, 'src/config.ts');
    assert.equal([finding.new, finding.status, finding.system], [true, 'new', 'quality']);
    assert.equal(
      json.checks.map((c: { name: string; status: string }) => [c.name, c.status]),
      [
        ['prettier', 'passed'],
        ['secrets', 'failed'],
      ],
    );
    assert.ok(json.checks.every((c: { durationMs: number }) => Number.isInteger(c.durationMs)));
    assert.not.ok(result.stdout.includes(token.slice(4)) || result.stderr.includes(token.slice(4)));
  } finally {
    repo.cleanup();
  }
});

test('quality check --staged --json: a finding on a line the change did not touch is old; one on a touched line is new', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/keys.ts': `export const a = "${token}";\n` } });
  try {
    repo.write({ 'src/keys.ts': `export const a = "${token}";\nexport const b = "${token.replace('Qw8', 'Zz9')}";\n` });
    repo.git('add', '.');
    const result = runCli(['quality', 'check', '--staged', '--json', '--only', 'secrets'], { cwd: repo.root });
    const findings = result.json<{ findings: Array<{ line: number; status: string; new: boolean }> }>().findings;
    assert.equal(
      findings.map((f) => [f.line, f.status, f.new]),
      [
        [1, 'old', false],
        [2, 'new', true],
      ],
    );
    assert.is(result.code, 1, 'the new one blocks');
  } finally {
    repo.cleanup();
  }
});

test('--sarif and --markdown; the text report by default', () => {
  const repo = createTempRepo({ files: { 'a.js': `const k = "${token}";\nel.innerHTML = k;\n` } });
  try {
    const sarif = runCli(['quality', 'check', '--all', '--sarif', '--only', 'secrets,security'], { cwd: repo.root });
    assert.is(sarif.code, 1);
    const log = sarif.json();
    assert.is(log.version, '2.1.0');
    assert.equal(sarifSchemaErrors(log), []);
    assert.equal(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name).sort(), ['secrets', 'security']);
    const secretRun = log.runs.find((r: { tool: { driver: { name: string } } }) => r.tool.driver.name === 'secrets');
    assert.is(secretRun.results[0].ruleId, 'github-token');
    assert.is(secretRun.results[0].locations[0].physicalLocation.artifactLocation.uri, 'a.js');
    assert.is(secretRun.results[0].locations[0].physicalLocation.region.startLine, 1);
    assert.not.ok(sarif.stdout.includes(token.slice(4)));

    const markdown = runCli(['quality', 'check', '--all', '--markdown', '--only', 'secrets,security'], { cwd: repo.root });
    assert.match(markdown.stdout, /^## Quality: [\d.]+ \([A-E]\) — ❌ failed/);
    assert.match(markdown.stdout, /\| secrets \| failed \|/);
    assert.not.ok(markdown.stdout.includes(token.slice(4)));

    const text = runCli(['quality', 'check', 'a.js', '--only', 'security'], { cwd: repo.root });
    assert.is(text.code, 0, 'a warning alone does not fail the gate');
    assert.match(text.stdout, /Quality [\d.]+ \([A-E]\) — passed/);
    assert.match(text.stdout, /a\.js\n\s+2:1\s+warning security\/xss-html-sink/);
    assert.match(text.stdout, /security +█+░* +\d/);
  } finally {
    repo.cleanup();
  }
});

test("nothing staged passes; secrets-baseline accepts today's secrets", () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': `key=${token}\n` } });
  try {
    const empty = runCli(['quality', 'check', '--json'], { cwd: repo.root });
    assert.is(empty.code, 0);
    assert.equal(empty.json().checks, []);
    assert.is(empty.json().score, 100);
    assert.is(runCli(['quality', 'check', '--all', '--only', 'secrets'], { cwd: repo.root }).code, 1);
    const baseline = runCli(['quality', 'secrets-baseline', '--json'], { cwd: repo.root });
    assert.is(baseline.code, 0, baseline.stderr);
    assert.equal(baseline.json(), { file: '.buildrunner/secrets-baseline.json', added: 1, total: 1 });
    const after = runCli(['quality', 'check', '--all', '--only', 'secrets', '--json'], { cwd: repo.root });
    assert.is(after.code, 0);
    // The accepted secret is still reported (redacted), as baselined: known, never blocking.
    const [accepted, ...rest] = after.json<{ findings: Array<{ status: string; new: boolean; message: string }> }>().findings;
    assert.equal([accepted?.status, accepted?.new, rest.length], ['baselined', false, 0]);
    assert.not.ok(accepted!.message.includes(token));
    const again = runCli(['quality', 'secrets-baseline', '--json'], { cwd: repo.root });
    assert.equal(again.json(), { file: '.buildrunner/secrets-baseline.json', added: 0, total: 1 });
  } finally {
    repo.cleanup();
  }
});

test('usage errors exit 2 with one line', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'x\n' } });
  try {
    for (const args of [
      ['--staged', '--all'],
      ['--all', '--only', 'nope'],
      ['--since', 'no-such-ref'],
      ['--all', '--json', '--sarif'],
      ['../outside.ts'],
    ]) {
      const result = runCli(['quality', 'check', ...args], { cwd: repo.root });
      assert.is(result.code, 2, args.join(' '));
      assert.is(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.is(result.stdout, '');
    }
  } finally {
    repo.cleanup();
  }
});

test.run();
