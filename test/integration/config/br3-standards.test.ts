import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const BR3 = readFileSync(new URL('../../../../test/fixtures/quality/br3/quality-standards.yaml', import.meta.url), 'utf8');

test("BuildRunner 3's .buildrunner/quality-standards.yaml: mapped, ignored sections reported once, never exit 2", () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      '.buildrunner/quality-standards.yaml': BR3,
      'package.json': '{"name":"br3"}\n',
      // One long function: 65 lines over the mapped max_function_length of 60.
      'src/long.js': `export function long() {\n${Array.from({ length: 64 }, (_, i) => `  console.log(${i});`).join('\n')}\n}\n`,
    },
  });
  try {
    const config = runCli(['config', '--json'], { cwd: repo.root });
    assert.is(config.code, 0, config.stderr);
    const described = config.json<{ standards: { gates: Record<string, number> }; standardsFile: string; warnings: string[] }>();
    assert.is(described.standardsFile, '.buildrunner/quality-standards.yaml');
    assert.is(described.standards.gates.minScore, 75);
    assert.is(described.standards.gates.maxCyclomaticComplexity, 11);
    assert.is(described.standards.gates.maxFunctionLength, 60);
    assert.is(described.warnings.length, 1);
    assert.match(described.warnings[0]!, /^\.buildrunner\/quality-standards\.yaml: BuildRunner 3 format; ignored .*type_checking/);
    assert.is(config.stderr.match(/BuildRunner 3 format/g)?.length, 1, 'reported once, on stderr');

    const quality = runCli(['quality', 'check', '--all', '--json'], { cwd: repo.root });
    assert.ok(quality.code === 0 || quality.code === 1, quality.stderr);
    assert.is(quality.stderr.match(/BuildRunner 3 format/g)?.length, 1);
    const findings = quality.json<{ findings: Array<{ check: string; rule: string; file: string }> }>().findings;
    assert.ok(
      findings.some((f) => f.check === 'complexity' && f.file === 'src/long.js' && /length/.test(f.rule)),
      JSON.stringify(findings.filter((f) => f.check === 'complexity')),
    );

    repo.write({ '.buildrunner/quality-standards.yaml': BR3.replace('min_overall_score: 7.5', 'min_overall_score: 75') });
    const bad = runCli(['config'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /\.buildrunner\/quality-standards\.yaml:5: quality_gates\.min_overall_score: expected a score from 0 to 10/);
  } finally {
    repo.cleanup();
  }
});

test.run();
