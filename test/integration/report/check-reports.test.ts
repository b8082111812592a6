import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Log } from 'sarif';
import { runCli } from '../../helpers/run-cli.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';
import { createTempRepo, type TempRepo } from '../../helpers/temp-repo.js';

// A small shop with one finding planted per system: the spec names a file that does not exist
// (a gap), the domain imports the CLI (drift: a layer violation and a cycle), and the CLI writes
// a variable into innerHTML (quality: a security warning). The spec itself is valid.
const spec = `# PROJECT_SPEC: Shop

## Features

### Feature: Orders

**Complexity:** simple

**Requirements:**
- Orders can be listed: \`listOrders\`

**Files:**
- src/cli/main.js
- src/domain/order.js
- src/domain/refund.js

**Acceptance Criteria:**
- Lists orders
`;

function shop(): TempRepo {
  return createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': spec,
      '.br-guardrc.yaml':
        'architecture:\n  layers:\n    - { name: cli, paths: ["src/cli/**"] }\n    - { name: domain, paths: ["src/domain/**"] }\n',
      'src/cli/main.js':
        "import { listOrders } from '../domain/order.js';\n\nexport function show(el) {\n  el.innerHTML = listOrders().join('<br>');\n}\n",
      'src/domain/order.js':
        "import { show } from '../cli/main.js';\n\nexport function listOrders() {\n  return ['a', 'b'];\n}\n\nexport const again = show;\n",
    },
  });
}

const systems = ['spec', 'gaps', 'quality', 'drift'];

test('check --sarif: one log that the official 2.1.0 schema accepts, a run per system, each finding where it is', () => {
  const repo = shop();
  try {
    const result = runCli(['check', '--sarif'], { cwd: repo.root });
    assert.is(result.code, 1, result.stderr);
    const log = result.json<Log>();
    assert.equal(sarifSchemaErrors(log), []);
    assert.equal(
      log.runs.map((run) => run.tool.driver.name),
      systems.map((system) => `br-guard ${system}`),
    );
    const run = (system: string) => log.runs.find((r) => r.tool.driver.name === `br-guard ${system}`)!;
    const gap = run('gaps').results!.find((r) => r.ruleId === 'missing-file')!;
    assert.is(gap.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/domain/refund.js');
    assert.match(String(gap.properties?.fix), /src\/domain\/refund\.js/);
    const layer = run('drift').results!.find((r) => r.ruleId === 'layer-violation')!;
    assert.is(layer.level, 'error');
    assert.equal(layer.locations![0]!.physicalLocation, {
      artifactLocation: { uri: 'src/domain/order.js', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    const xss = run('quality').results!.find((r) => r.ruleId === 'security/xss-html-sink')!;
    assert.is(xss.locations![0]!.physicalLocation!.region!.startLine, 4);
    // Every result is tracked across line moves, and every rule it names explains itself.
    for (const r of log.runs) {
      for (const result of r.results ?? []) {
        assert.match(result.partialFingerprints!['brGuard/v1']!, /^[0-9a-f]{16}$/);
        const rule = r.tool.driver.rules![result.ruleIndex!]!;
        assert.is(rule.id, result.ruleId);
        assert.ok(rule.help?.text, `${rule.id} has help`);
      }
    }
    assert.equal(run('spec').results, []);
    assert.is(run('spec').invocations![0]!.executionSuccessful, true);
    // People reading the CI log still get the summary, on stderr.
    assert.match(result.stderr, /br-guard check: failed \(exit 1\)/);
  } finally {
    repo.cleanup();
  }
});

test('check --json: each stage is its system envelope, the documented stage fields kept', () => {
  const repo = shop();
  try {
    const result = runCli(['check', '--json'], { cwd: repo.root });
    assert.is(result.code, 1);
    const report = result.json<{
      passed: boolean;
      exitCode: number;
      complete: boolean;
      stages: Array<{
        name: string;
        system: string;
        status: string;
        passed: boolean;
        summary: string;
        details: string[];
        exitCode: number;
        command: string;
        durationMs: number;
        findings: Array<{ system: string; rule: string; fingerprint: string; fix?: { description: string } }>;
        stats: Record<string, number | string>;
      }>;
    }>();
    assert.equal([report.passed, report.exitCode, report.complete], [false, 1, true]);
    assert.equal(
      report.stages.map((s) => [s.name, s.system, s.passed]),
      [
        ['spec', 'spec', true],
        ['gaps', 'gaps', true],
        ['quality', 'quality', true],
        ['drift', 'drift', false],
      ],
    );
    const stage = (name: string) => report.stages.find((s) => s.name === name)!;
    assert.equal(stage('spec').stats, { features: 1, errors: 0, warnings: 0 });
    assert.is(stage('gaps').stats.gaps, stage('gaps').findings.length);
    assert.ok(stage('gaps').findings.some((f) => f.rule === 'missing-file' && f.fix?.description.includes('src/domain/refund.js')));
    assert.ok(stage('quality').findings.some((f) => f.rule === 'xss-html-sink'));
    assert.equal(
      stage('drift')
        .findings.map((f) => f.rule)
        .sort(),
      ['import-cycle', 'layer-violation'],
    );
    // The terminal's lines stay as documented; `findings` is the full, structured list.
    assert.equal(
      stage('drift').details.map((line) => line.split(' ')[1]),
      ['layer-violation:', 'import-cycle:'],
    );
    assert.is(stage('drift').command, 'br-guard drift check --all');
    assert.ok(report.stages.every((s) => s.findings.every((f) => f.system === s.system)));
  } finally {
    repo.cleanup();
  }
});

test('check after drift baseline: the accepted violations stay in findings as baselined, unchanged and suppressed in SARIF', () => {
  const repo = shop();
  try {
    const baseline = runCli(['drift', 'baseline'], { cwd: repo.root });
    assert.is(baseline.code, 0, baseline.stderr);
    const result = runCli(['check', '--json'], { cwd: repo.root });
    const report = result.json<{
      stages: Array<{ name: string; passed: boolean; stats: Record<string, number>; findings: Array<{ rule: string; status: string }> }>;
    }>();
    const drift = report.stages.find((s) => s.name === 'drift')!;
    assert.ok(drift.passed, 'baselined violations do not block');
    assert.equal(drift.findings.map((f) => [f.rule, f.status]).sort(), [
      ['import-cycle', 'baselined'],
      ['layer-violation', 'baselined'],
    ]);
    assert.is(drift.stats.baselined, 2);
    // Under --all nothing is "old": every other system's findings are new.
    assert.ok(report.stages.filter((s) => s.name !== 'drift').every((s) => s.findings.every((f) => f.status === 'new')));
    const sarif = runCli(['check', '--sarif'], { cwd: repo.root }).json<Log>();
    assert.equal(sarifSchemaErrors(sarif), []);
    const results = sarif.runs.find((r) => r.tool.driver.name === 'br-guard drift')!.results!;
    assert.ok(results.length === 2 && results.every((r) => r.baselineState === 'unchanged' && r.suppressions?.[0]?.status === 'accepted'));
    assert.ok(sarif.runs.find((r) => r.tool.driver.name === 'br-guard gaps')!.results!.every((r) => r.baselineState === 'new'));
  } finally {
    repo.cleanup();
  }
});

test('check --markdown: one comment with a row per system and the findings under each', () => {
  const repo = shop();
  try {
    const result = runCli(['check', '--markdown'], { cwd: repo.root });
    assert.is(result.code, 1);
    const md = result.stdout;
    assert.match(md, /^## br-guard check: ❌ failed \(exit 1\)\n/);
    for (const system of systems) assert.match(md, new RegExp(`^\\| ${system} \\| `, 'm'));
    assert.match(md, /^\| drift \| ❌ failed \| 2 violations in the repository \| 2 \|$/m);
    assert.match(md, /### gaps: \d+ findings?[\s\S]*`src\/domain\/refund\.js` \| `missing-file`/);
    assert.match(md, /### drift: 2 findings[\s\S]*`src\/domain\/order\.js:1` \| `layer-violation`/);
    assert.match(md, /`src\/cli\/main\.js:4` \| `security\/xss-html-sink`/);
  } finally {
    repo.cleanup();
  }
});

test('check: two formats at once, or --sarif with --range, is one usage line and exit 2; --range keeps its report', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# x\n' } });
  try {
    const both = runCli(['check', '--sarif', '--markdown'], { cwd: repo.root });
    assert.equal([both.code, both.stdout, both.stderr.trim().split('\n').length], [2, '', 1]);
    assert.match(both.stderr, /choose one of --json, --sarif, --markdown/);
    const range = runCli(['check', '--range', 'HEAD..HEAD', '--sarif'], { cwd: repo.root });
    assert.is(range.code, 2);
    assert.match(range.stderr, /check --range: --sarif is not offered \(choose one of --json\)/);
    // --range keeps its own report: the pre-push stages on those commits, as JSON or text.
    repo.commit('second', { 'notes.txt': 'x\n' });
    const json = runCli(['check', '--range', 'HEAD~1..HEAD', '--json'], { cwd: repo.root });
    const doc = json.json<{ range: string; exitCode: number; outcomes: Array<{ stage: string }> }>();
    assert.equal([json.code, doc.range, doc.exitCode], [0, 'HEAD~1..HEAD', 0]);
    assert.equal(
      doc.outcomes.map((o) => o.stage),
      ['secrets', 'drift', 'quality'],
    );
    const text = runCli(['check', '--range', 'HEAD~1..HEAD'], { cwd: repo.root });
    assert.equal([text.code, text.stdout], [0, '']);
    assert.match(text.stderr, /✓ check secrets: no secret in 1 pushed commit/);
  } finally {
    repo.cleanup();
  }
});

test('gaps --sarif: each gap a result whose rule is its kind and whose fix is its prompt; valid SARIF', () => {
  const repo = shop();
  try {
    const result = runCli(['gaps', '--sarif'], { cwd: repo.root });
    assert.is(result.code, 0);
    const log = result.json<Log>();
    assert.equal(sarifSchemaErrors(log), []);
    assert.equal(
      log.runs.map((run) => run.tool.driver.name),
      ['br-guard gaps'],
    );
    const json = runCli(['gaps', '--json'], { cwd: repo.root }).json<{ gaps: Array<{ kind: string; prompt: string }> }>();
    assert.equal(
      log.runs[0]!.results!.map((r) => [r.ruleId, r.properties?.fix]),
      json.gaps.map((g) => [g.kind, g.prompt]),
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
