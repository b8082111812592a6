import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFixtureSpec } from './fixture-spec.js';
import { scanSequentially } from '../../../src/gaps/scan-many.js';
import { isScannable } from '../../../src/gaps/scanner/scan-file.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import { buildCodeIndex } from '../../../src/gaps/code-index.js';
import { analyzeGaps, completionOf } from '../../../src/gaps/analyze-gaps.js';
import { isFeatureComplete } from '../../../src/gaps/run-gap-analysis.js';
import { gapsToMarkdown } from '../../../src/report/gaps-markdown.js';
import { gapsToText } from '../../../src/report/gaps-text.js';
import type { GapReport } from '../../../src/gaps/types.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

async function analyze(specText: string, files: Record<string, string>, ignoreEndpoints: string[] = []): Promise<GapReport> {
  const { spec, manifest } = readFixtureSpec(specText);
  const sources = Object.entries(files)
    .filter(([path]) => isScannable(path))
    .map(([path, content]) => ({ path, content }));
  const scans = (await scanSequentially(sources)).filter((scan): scan is FileScan => scan !== null);
  const { endpoints, calls } = linkEndpoints(scans);
  const index = buildCodeIndex(Object.keys(files).sort(), scans, endpoints);
  return {
    ...analyzeGaps({ spec, manifest, index, calls, ignoreEndpoints }),
    stats: { files: 0, scanned: 0, parsed: 0, cached: 0, durationMs: 0 },
  };
}

const status = (report: GapReport): Record<string, string> => Object.fromEntries(report.items.map((item) => [item.text, item.status]));

test('explicit requirements: backticked identifiers and commands must exist', async () => {
  const report = await analyze(
    '### Feature: Tooling\n\n**Requirements:**\n- Exposes `buildPlan` and `runPlan`\n- Offers `deploy` and `missingThing`\n- Uses `nothingHere`\n',
    {
      'src/plan.ts': 'export function buildPlan() { return 1; }\nexport const runPlan = () => 2;\n',
      'src/cli.ts': "import { Command } from 'commander';\nnew Command().command('deploy').action(() => undefined);\n",
    },
  );
  assert.equal(status(report), {
    'Exposes `buildPlan` and `runPlan`': 'done',
    'Offers `deploy` and `missingThing`': 'partial',
    'Uses `nothingHere`': 'missing',
  });
  const partial = report.gaps.find((gap) => gap.message.includes('missingThing'));
  assert.match(partial?.message ?? '', /only partly implemented: `missingThing` is not defined anywhere/);
});

test('fuzzy requirements: head words, file unions, listed names', async () => {
  const report = await analyze(
    '### Feature: Quality\n\n**Requirements:**\n- Dependency graph builder for build plan analysis\n- Format checkers (Prettier, Black, Ruff)\n- Teleport engine for users\n',
    {
      'src/build/dependency-graph.ts': 'export function buildDependencyGraph() { return []; }\n',
      'src/quality/format/prettier-checker.ts': 'export function runPrettier() { return []; }\n',
      'src/quality/format/black-checker.ts': 'export function runBlack() { return []; }\n',
    },
  );
  const statuses = status(report);
  assert.is(statuses['Dependency graph builder for build plan analysis'], 'done');
  assert.is(statuses['Format checkers (Prettier, Black, Ruff)'], 'partial');
  assert.is(statuses['Teleport engine for users'], 'missing');
  assert.match(
    report.gaps.find((gap) => gap.message.includes('Format checkers'))?.message ?? '',
    /nothing in the code is named after Ruff/,
  );
  assert.ok(
    report.items.find((item) => item.text.startsWith('Dependency'))?.evidence.some((e) => e.file === 'src/build/dependency-graph.ts'),
  );
});

test('files: exact, suffix (done), counterpart (partial), empty and empty-bodied spec files (stubs)', async () => {
  const report = await analyze(
    '### Feature: Core\n\n**Files:**\n- core/gap_analyzer.py\n- lib/util.ts\n- src/empty.ts\n- src/noop.ts\n- tests/test_core.py\n',
    {
      'src/gaps/gap-analyzer.ts': 'export class GapAnalyzer { run() { return 1; } }\n',
      'packages/app/lib/util.ts': 'export const util = 1;\n',
      'src/empty.ts': '\n',
      'src/noop.ts': 'export function noop(): void {}\n',
      'test/gaps/gap-analyzer.test.ts': "test('analyzes', () => undefined);\n",
    },
  );
  assert.equal(status(report), {
    'core/gap_analyzer.py': 'partial',
    'lib/util.ts': 'done',
    'src/empty.ts': 'partial',
    'src/noop.ts': 'partial',
    'tests/test_core.py': 'missing',
  });
  const kinds = report.gaps.map((gap) => `${gap.kind} ${gap.file}`).sort();
  assert.equal(kinds, [
    'missing-file src/gaps/gap-analyzer.ts',
    'missing-file tests/test_core.py',
    'stub src/empty.ts',
    'stub src/noop.ts',
  ]);
  assert.match(
    report.gaps.find((gap) => gap.file === 'src/gaps/gap-analyzer.ts')?.prompt ?? '',
    /Existing counterpart: src\/gaps\/gap-analyzer.ts/,
  );
});

test('acceptance: suite criteria need tests about the feature; description endpoints must be served', async () => {
  const specText =
    '### Feature: Billing\n\n**Description:**\nCharges cards through POST /api/charges.\n\n**Acceptance Criteria:**\n- All tests pass with coverage ≥ 85%\n';
  const none = await analyze(specText, { 'src/a.ts': 'export const a = 1;\n' });
  assert.equal(status(none), { 'All tests pass with coverage ≥ 85%': 'missing' });
  assert.equal(none.gaps.map((gap) => gap.kind).sort(), ['missing-endpoint', 'missing-test']);
  const unrelated = await analyze(specText, { 'test/other.test.ts': "test('other things', () => undefined);\n" });
  assert.equal(status(unrelated), { 'All tests pass with coverage ≥ 85%': 'partial' });
  const related = await analyze(specText, {
    'test/billing.test.ts': "test('charges a card', () => undefined);\n",
    'src/server.ts': "import express from 'express';\nconst app = express();\napp.post('/api/charges', (req, res) => res.end());\n",
  });
  assert.equal(status(related), { 'All tests pass with coverage ≥ 85%': 'done' });
  assert.equal(related.gaps, []);
  assert.ok(isFeatureComplete(related, 'billing'));
  assert.not.ok(isFeatureComplete(none, 'billing'));
});

test('endpoint ignores: method globs, path-only globs, ANY endpoints', async () => {
  const files = {
    'web/page.tsx': "export const P = () => <a onClick={() => fetch('/api/used')}>x</a>;\n",
    'server/app.js':
      "const app = require('express')();\napp.get('/api/used', h);\napp.post('/api/webhooks/stripe', h);\napp.get('/healthz', h);\napp.all('/api/any', h);\nfunction h(req, res) { res.end(); }\nmodule.exports = { app, exportsToo: h };\nexports.handler = h;\n",
  };
  const spec = '### Feature: Web\n\n**Requirements:**\n- Page\n';
  const all = await analyze(spec, files);
  assert.equal(
    all.gaps.filter((gap) => gap.kind === 'ui-disconnect').map((gap) => gap.message.split(' is ')[0]),
    ['POST /api/webhooks/stripe', 'GET /healthz', 'ANY /api/any'],
  );
  const quiet = await analyze(spec, files, ['POST /api/webhooks/*', '/healthz', 'DELETE /api/any']);
  assert.equal(quiet.gaps.filter((gap) => gap.kind === 'ui-disconnect').length, 0);
});

test('reports: markdown without gaps, text with unassigned gaps, completion of nothing', async () => {
  const clean = await analyze('### Feature: A\n\n**Requirements:**\n- `alpha`\n', { 'src/a.ts': 'export const alpha = 1;\n' });
  assert.match(gapsToMarkdown(clean), /No gaps: every spec item has evidence/);
  const messy = await analyze('### Feature: A\n\n**Requirements:**\n- `alpha`\n', {
    'src/a.ts': 'export const alpha = 1;\n',
    'lib/x.ts': '// FIXME: later\nexport const x = 1;\n',
  });
  const text = gapsToText(messy, { color: true });
  assert.match(text, /Not tied to a feature/);
  assert.match(text, /\u001b\[/);
  assert.match(gapsToMarkdown(messy), /### TODO markers \(1\)/);
  assert.is(completionOf([]), 100);
});

test.run();
