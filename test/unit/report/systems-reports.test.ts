import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Finding } from '../../../src/domain/findings.js';
import type { ReportedSystem, SystemsReport } from '../../../src/domain/system-result.js';
import { systemsMarkdown } from '../../../src/report/systems-markdown.js';
import { systemsSarif } from '../../../src/report/systems-sarif.js';
import { systemsText } from '../../../src/report/systems-text.js';
import { systemsReporters } from '../../../src/report/reporters.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    system: 'drift',
    check: 'drift',
    rule: 'layer-violation',
    severity: 'error',
    file: 'src/a.ts',
    line: 3,
    column: null,
    message: 'a imports b',
    fingerprint: '0123456789abcdef',
    status: 'new',
    ...overrides,
  };
}

function stage(system: ReportedSystem['system'], overrides: Partial<ReportedSystem> = {}): ReportedSystem {
  return {
    system,
    status: 'passed',
    passed: true,
    summary: `${system} fine`,
    findings: [],
    stats: {},
    details: [],
    command: `br-guard ${system}`,
    ...overrides,
  };
}

const report: SystemsReport = {
  passed: false,
  exitCode: 1,
  complete: false,
  stages: [
    stage('spec', { status: 'skipped', passed: false, summary: 'no spec | found' }),
    stage('gaps', {
      findings: [
        finding({
          system: 'gaps',
          check: 'gaps',
          rule: 'missing-endpoint',
          severity: 'warning',
          file: null,
          line: null,
          message: 'GET /api/x',
          fix: { description: 'Serve GET /api/x.' },
        }),
      ],
    }),
    stage('quality', {
      findings: [
        finding({ system: 'quality', check: 'eslint', rule: 'complexity', severity: 'info', column: 7 }),
        finding({ system: 'quality', check: 'complexity', rule: 'complexity', severity: 'warning' }),
      ],
    }),
    stage('drift', {
      status: 'failed',
      passed: false,
      findings: Array.from({ length: 25 }, (_, i) => finding({ line: i + 1, message: `edge ${i} | piped` })),
    }),
  ],
};

test('markdown: a row per system, findings per system capped with the command that shows the rest', () => {
  const md = systemsMarkdown(report);
  assert.match(md, /^## br-guard check: ❌ failed \(exit 1\)\n/);
  assert.match(md, /^\| spec \| ➖ skipped \| no spec \\\| found \| 0 \|$/m);
  assert.match(md, /^\| drift \| ❌ failed \| drift fine \| 25 \|$/m);
  assert.not.match(md, /### spec/, 'a system with no findings has no section');
  assert.match(md, /^\| ⚠️ \|  \| `missing-endpoint` \| GET \/api\/x \|$/m, 'a finding without a file has an empty location');
  assert.match(md, /`complexity` \| a imports b[\s\S]*`eslint\/complexity`/, 'a warning is listed before an info');
  assert.is(md.match(/^\| ❌ \| `src\/a\.ts:\d+` \| `layer-violation` \|/gm)?.length, 20);
  assert.match(md, /edge 19 \\\| piped/);
  assert.not.match(md, /edge 20 /);
  assert.match(md, /\n… and 5 more: `br-guard drift`\n$/);
  const mixed = systemsMarkdown(
    {
      ...report,
      stages: [
        stage('quality', {
          findings: [finding({ severity: 'info', file: 'a.ts', message: 'minor' }), finding({ file: 'z.ts', message: 'blocks' })],
        }),
      ],
    },
    1,
  );
  assert.match(mixed, /`z\.ts:3` \| `layer-violation` \| blocks \|\n\n… and 1 more/, 'the cap keeps errors before infos');
  assert.match(
    systemsMarkdown({ passed: true, exitCode: 0, complete: true, stages: [stage('spec')] }),
    /^## br-guard check: ✅ passed\n[\s\S]*\| spec \| ✅ passed \| spec fine \| 0 \|\n$/,
  );
});

test('SARIF: a run per system, valid against the official schema, findings without a file have no location', () => {
  const log = systemsSarif(report);
  assert.equal(sarifSchemaErrors(log), []);
  assert.equal(
    log.runs.map((run) => [run.tool.driver.name, run.results?.length, run.invocations?.[0]?.executionSuccessful]),
    [
      ['br-guard spec', 0, false],
      ['br-guard gaps', 1, true],
      ['br-guard quality', 2, true],
      ['br-guard drift', 25, true],
    ],
  );
  const gap = log.runs[1]!.results![0]!;
  assert.is(gap.locations, undefined);
  assert.equal(gap.properties, { fix: 'Serve GET /api/x.' });
  assert.is(log.runs[1]!.tool.driver.rules![0]!.help!.text, 'The spec names an endpoint that no code serves. Serve it.');
  // Two tools' rules of the same name stay apart in quality's one run.
  const quality = log.runs[2]!;
  assert.equal(
    quality.tool.driver.rules!.map((rule) => [rule.id, rule.helpUri]),
    [
      ['complexity', undefined],
      ['eslint/complexity', 'https://eslint.org/docs/latest/rules/complexity'],
    ],
  );
  assert.equal(
    quality.results!.map((r) => [r.ruleId, r.ruleIndex, r.level]),
    [
      ['eslint/complexity', 1, 'note'],
      ['complexity', 0, 'warning'],
    ],
  );
  assert.equal(quality.results![0]!.locations![0]!.physicalLocation!.region, { startLine: 3, startColumn: 7 });
  assert.equal(log.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text, 'skipped: no spec | found');
});

test('the reporter map serves each format, text included, from the same report', async () => {
  const json = JSON.parse((await systemsReporters.json!())(report, { color: false }));
  assert.equal(
    json.stages.map((s: ReportedSystem) => s.system),
    ['spec', 'gaps', 'quality', 'drift'],
  );
  assert.is(JSON.parse((await systemsReporters.sarif!())(report, { color: false })).runs.length, 4);
  assert.is((await systemsReporters.markdown!())(report, { color: false }), systemsMarkdown(report));
  assert.is((await systemsReporters.text())(report, { color: false }), systemsText(report, { color: false }));
});

test('text: a line per system, details and the command only for what failed, one verdict', () => {
  const failing: SystemsReport = {
    ...report,
    stages: [
      stage('spec', { status: 'skipped', passed: false, summary: 'no spec' }),
      stage('drift', { status: 'failed', passed: false, summary: '1 violation', details: ['a.ts:1 layer-violation: up'] }),
    ],
  };
  assert.is(
    systemsText(failing, { color: false }),
    '- spec     no spec\n✗ drift    1 violation\n    a.ts:1 layer-violation: up\n    see more: br-guard drift\nbr-guard check: failed (exit 1)',
  );
  assert.match(systemsText(failing, { color: true }), /\u001b\[31m✗\u001b\[0m drift/);
  const ran = { passed: true, exitCode: 0, stages: [stage('gaps')] };
  assert.is(systemsText({ ...ran, complete: true }, { color: false }), '✓ gaps     gaps fine\nbr-guard check: passed');
  assert.match(systemsText({ ...ran, complete: false }, { color: false }), /passed what ran \(see above\)$/);
});

test('status: markdown marks what does not block and lists it last; SARIF says baselineState and suppresses the baselined', () => {
  const statuses: SystemsReport = {
    ...report,
    stages: [
      stage('drift', {
        findings: [
          finding({ file: 'a.ts', status: 'baselined', message: 'accepted' }),
          finding({ file: 'b.ts', status: 'old', message: 'untouched' }),
          finding({ file: 'c.ts', message: 'fresh' }),
        ],
      }),
    ],
  };
  const md = systemsMarkdown(statuses);
  assert.match(
    md,
    /\| ❌ \| `c\.ts:3` [^\n]*fresh \|\n\| ❌ \(existing\) \| `b\.ts:3` [^\n]*untouched \|\n\| ❌ \(baselined\) \| `a\.ts:3` [^\n]*accepted \|/,
  );
  const log = systemsSarif(statuses);
  assert.equal(sarifSchemaErrors(log), []);
  const results = log.runs[0]!.results!;
  assert.equal(
    results.map((r) => [r.message.text, r.baselineState, r.suppressions?.[0]?.status ?? null]),
    [
      ['accepted', 'unchanged', 'accepted'],
      ['untouched', 'unchanged', null],
      ['fresh', 'new', null],
    ],
  );
});

test('the schema check itself rejects what is not SARIF', () => {
  const broken = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: {} },
        results: [{ message: { text: 'x' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: {} } }] }],
      },
    ],
  };
  const errors = sarifSchemaErrors(broken);
  assert.ok(
    errors.some((e) => e.includes('.runs[0].tool.driver') && e.includes("'name'")),
    errors.join('\n'),
  );
  assert.ok(
    errors.some((e) => e.includes('.region')),
    'a region needs a start',
  );
});

test.run();
