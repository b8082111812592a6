import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';
import { FIXTURES } from '../../unit/gaps/fixture-spec.js';

/**
 * One small app per call construct (test/fixtures/gaps/calls/<construct>): the endpoints each
 * call credits, the calls of code that is not the UI, and the HTTP gaps, through the real CLI.
 */
const test = suite('br-guard gaps: calls as people write them');

interface Expect {
  called: string[];
  other?: string[];
  gaps: string[];
}

interface Report {
  endpoints: Array<{
    method: string;
    path: string;
    callers: Array<{ file: string; line: number }>;
    otherCallers: Array<{ file: string; line: number; caller: string }>;
  }>;
  gaps: Array<{ kind: string; message: string }>;
}

const CALLS = join(FIXTURES, 'calls');
const SPEC = '# PROJECT_SPEC: App\n\n## Features\n\n### Feature: App\n\n**Description:**\nThe app.\n';

for (const name of readdirSync(CALLS).sort()) {
  test(name, () => {
    const expect = JSON.parse(readFileSync(join(CALLS, name, 'expect.json'), 'utf8')) as Expect;
    const repo = createTempRepo();
    try {
      cpSync(join(CALLS, name), repo.root, { recursive: true, filter: (source) => !source.endsWith('expect.json') });
      repo.commit('app', { 'PROJECT_SPEC.md': SPEC });
      const result = runCli(['gaps', '--json'], { cwd: repo.root });
      assert.is(result.code, 0, result.stderr);
      const report = result.json<Report>();
      const called = report.endpoints.flatMap((e) => e.callers.map((c) => `${e.method} ${e.path} <- ${c.file}:${c.line}`));
      assert.equal(called.sort(), [...expect.called].sort(), 'UI callers');
      const other = report.endpoints.flatMap((e) => e.otherCallers.map((c) => `${e.method} ${e.path} <- ${c.file}:${c.line} ${c.caller}`));
      assert.equal(other.sort(), [...(expect.other ?? [])].sort(), 'non-UI callers');
      const gaps = report.gaps
        .filter((gap) => ['ui-disconnect', 'unserved-call', 'method-mismatch'].includes(gap.kind))
        .map((gap) => `${gap.kind} ${gap.message}`);
      assert.equal(gaps.sort(), [...expect.gaps].sort(), 'HTTP gaps');
    } finally {
      repo.cleanup();
    }
  });
}

test.run();
