import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

test('config --json shows the resolved config and where each part came from', () => {
  const repo = createTempRepo({
    files: {
      '.br-guardrc.yaml': 'build:\n  concurrency: 4\n',
      '.buildrunner/quality-standards.yaml': 'gates:\n  minScore: 70\n',
    },
  });
  try {
    const result = runCli(['config', '--json'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const described = result.json<any>();
    assert.is(described.config.build.concurrency, 4);
    assert.is(described.configFile, '.br-guardrc.yaml');
    assert.is(described.sources.config.build, '.br-guardrc.yaml');
    assert.is(described.sources.config.architecture, null);
    assert.is(described.standards.gates.minScore, 70);
    assert.is(described.standardsFile, '.buildrunner/quality-standards.yaml');
    const text = runCli(['config'], { cwd: repo.root });
    assert.is(text.code, 0);
    assert.match(text.stdout, /^# config: \.br-guardrc\.yaml$/m);
    assert.match(text.stdout, /^#   build: \.br-guardrc\.yaml$/m);
    assert.match(text.stdout, /^#   gaps: default$/m);
    assert.match(text.stdout, /concurrency: 4/);
  } finally {
    repo.cleanup();
  }
});

test('config --reference prints the key reference; a bad standards file is exit 2 with key and line', () => {
  const repo = createTempRepo({ files: { 'quality-standards.yaml': 'gates:\n  minCoverage: "high"\n' } });
  try {
    const reference = runCli(['config', '--reference'], { cwd: repo.root });
    assert.is(reference.code, 0);
    assert.match(reference.stdout, /\| `gates.maxCyclomaticComplexity` \| number \|/);
    const bad = runCli(['config', '--json'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.is(bad.stdout, '');
    assert.is(bad.stderr, 'br-guard: quality-standards.yaml:2: gates.minCoverage: expected a number, got "high"\n');
  } finally {
    repo.cleanup();
  }
});

test.run();
