import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const BASELINE = '.buildrunner/quality-baseline.json';
// A security finding (an error, so it blocks) and a complexity-free file: fast and certain.
const legacy = 'export function run(code: string): unknown {\n  return eval(code);\n}\n';
const token = 'ghp_' + 'Qw8eR4tY6uI2oP0aS9dF3gH5jK7lZ1xC3vB5';

interface QualityJson {
  passed: boolean;
  score: number;
  findings: Array<{ check: string; rule: string; line: number; status: string; new: boolean; fingerprint: string }>;
  baseline: { file: string; entries: number; baselined: number; stale: Array<{ rule: string; count: number }> } | null;
}

const check = (root: string) => runCli(['quality', 'check', '--all', '--json'], { cwd: root });

test('quality baseline records every check by fingerprint (no lines, no timestamps); check then passes with them baselined', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/legacy.ts': legacy } });
  try {
    const before = check(repo.root);
    assert.is(before.code, 1, before.stderr);
    const recorded = runCli(['quality', 'baseline', '--json'], { cwd: repo.root });
    assert.is(recorded.code, 0, recorded.stderr);
    const outcome = recorded.json<{ file: string; findings: number; byCheck: Record<string, number> }>();
    assert.is(outcome.file, BASELINE);
    assert.is(outcome.byCheck.security, 1);
    const text = readFileSync(join(repo.root, BASELINE), 'utf8');
    assert.not.match(text, /"line"|updatedAt|20\d\d-/);
    const after = check(repo.root);
    assert.is(after.code, 0, after.stdout);
    const json = after.json<QualityJson>();
    const hit = json.findings.find((f) => f.rule === 'no-eval')!;
    assert.equal([hit.status, hit.new], ['baselined', false]);
    assert.equal([json.baseline!.baselined, json.baseline!.stale], [outcome.findings, []]);
    assert.ok(json.score >= 90, String(json.score));
    // Recording again (--update) writes the same bytes: no churn.
    assert.is(runCli(['quality', 'baseline', '--update'], { cwd: repo.root }).code, 0);
    assert.is(readFileSync(join(repo.root, BASELINE), 'utf8'), text);
    // SARIF: unchanged, and accepted in the quality baseline (not the secrets one).
    const sarif = runCli(['quality', 'check', '--all', '--sarif'], { cwd: repo.root }).json<{
      runs: Array<{ results: Array<{ ruleId: string; baselineState: string; suppressions?: Array<{ justification: string }> }> }>;
    }>();
    const result = sarif.runs.flatMap((run) => run.results).find((r) => r.ruleId.endsWith('no-eval'))!;
    assert.is(result.baselineState, 'unchanged');
    assert.match(result.suppressions![0]!.justification, /\.buildrunner\/quality-baseline\.json/);
    // The text report says what the baseline did.
    assert.match(
      runCli(['quality', 'check', '--all'], { cwd: repo.root }).stdout,
      /Baseline \.buildrunner\/quality-baseline\.json: \d+ of \d+/,
    );
  } finally {
    repo.cleanup();
  }
});

test('lines inserted above a baselined finding keep it baselined; a new one blocks and is named', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/legacy.ts': legacy } });
  try {
    assert.is(runCli(['quality', 'baseline'], { cwd: repo.root }).code, 0);
    writeFileSync(join(repo.root, 'src/legacy.ts'), `// one\n// two\n// three\n${legacy}`);
    const moved = check(repo.root);
    assert.is(moved.code, 0, moved.stdout);
    const hit = moved.json<QualityJson>().findings.find((f) => f.rule === 'no-eval')!;
    assert.equal([hit.line, hit.status], [5, 'baselined']);
    writeFileSync(join(repo.root, 'src/fresh.ts'), 'export const f = (s: string): unknown => eval(s + "1");\n');
    const fresh = check(repo.root);
    assert.is(fresh.code, 1);
    const news = fresh.json<QualityJson>().findings.filter((f) => f.new && f.rule === 'no-eval');
    assert.is(news.length, 1);
    const whole = runCli(['check'], { cwd: repo.root });
    assert.match(whole.stderr, /src\/fresh\.ts:1 security\/no-eval/);
  } finally {
    repo.cleanup();
  }
});

test('a fixed finding leaves a stale entry: reported, not an error; --update prunes it', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/legacy.ts': legacy } });
  try {
    assert.is(runCli(['quality', 'baseline'], { cwd: repo.root }).code, 0);
    writeFileSync(join(repo.root, 'src/legacy.ts'), 'export function run(code: string): unknown {\n  return code;\n}\n');
    const fixed = check(repo.root);
    assert.is(fixed.code, 0, fixed.stdout);
    assert.equal(
      fixed.json<QualityJson>().baseline!.stale.map((e) => [e.rule, e.count]),
      [['no-eval', 1]],
    );
    assert.match(runCli(['quality', 'check', '--all'], { cwd: repo.root }).stdout, /1 recorded finding\(s\) no longer found \(stale/);
    const updated = runCli(['quality', 'baseline', '--update', '--json'], { cwd: repo.root });
    assert.ok(updated.json<{ removed: number }>().removed >= 1);
    assert.equal(check(repo.root).json<QualityJson>().baseline!.stale, []);
  } finally {
    repo.cleanup();
  }
});

test('a damaged baseline is exit 2, one line naming the file; a second plain baseline is refused; --update mends it', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/legacy.ts': legacy } });
  try {
    assert.is(runCli(['quality', 'baseline'], { cwd: repo.root }).code, 0);
    const again = runCli(['quality', 'baseline'], { cwd: repo.root });
    assert.is(again.code, 2);
    assert.match(again.stderr, /quality-baseline\.json already exists/);
    writeFileSync(join(repo.root, BASELINE), '{"version": 1, "findings": [');
    const broken = runCli(['quality', 'check', '--all'], { cwd: repo.root });
    assert.is(broken.code, 2, broken.stdout);
    assert.is(broken.stderr.trim().split('\n').length, 1, broken.stderr);
    assert.match(broken.stderr, /\.buildrunner\/quality-baseline\.json.*not a quality baseline/);
    // check: its quality stage is the input error, exit 2, naming the file.
    const whole = runCli(['check', '--json'], { cwd: repo.root });
    assert.is(whole.code, 2);
    const stage = whole
      .json<{ stages: Array<{ name: string; exitCode: number; summary: string }> }>()
      .stages.find((s) => s.name === 'quality')!;
    assert.is(stage.exitCode, 2);
    assert.match(stage.summary, /quality-baseline\.json/);
    assert.is(runCli(['quality', 'baseline', '--update'], { cwd: repo.root }).code, 0);
    assert.is(check(repo.root).code, 0);
  } finally {
    repo.cleanup();
  }
});

test('secrets found by quality baseline go to the secrets baseline (fingerprints only), which the hooks read too', () => {
  const repo = createTempRepo({ commit: true, files: { 'src/keys.ts': `export const token = "${token}";\n` } });
  try {
    const recorded = runCli(['quality', 'baseline', '--json'], { cwd: repo.root });
    assert.is(recorded.code, 0, recorded.stderr);
    assert.is(recorded.json<{ secrets: { added: number } }>().secrets.added, 1);
    const secrets = readFileSync(join(repo.root, '.buildrunner/secrets-baseline.json'), 'utf8');
    assert.not.ok(secrets.includes(token.slice(4)));
    assert.not.ok(readFileSync(join(repo.root, BASELINE), 'utf8').includes('"secrets"'));
    const after = check(repo.root);
    assert.is(after.code, 0, after.stdout);
    assert.is(after.json<QualityJson>().findings.find((f) => f.check === 'secrets')!.status, 'baselined');
  } finally {
    repo.cleanup();
  }
});

test.run();
