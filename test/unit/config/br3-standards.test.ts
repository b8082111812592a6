import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isBr3Standards, mapBr3Standards } from '../../../src/config/br3-standards.js';
import { parseYamlSource } from '../../../src/config/yaml-source.js';
import { InputError } from '../../../src/domain/errors.js';

const FIXTURE = new URL('../../../../test/fixtures/quality/br3/quality-standards.yaml', import.meta.url);

function map(text: string) {
  const source = parseYamlSource(text, 'quality-standards.yaml');
  const input = source.value as Record<string, unknown>;
  assert.ok(isBr3Standards(input));
  return mapBr3Standards(input, 'quality-standards.yaml', source.lineOf);
}

test("BR3's keys map onto br-guard's gates, dimensions and exemptions; the rest is reported once", () => {
  const { input, warnings } = map(readFileSync(FIXTURE, 'utf8'));
  assert.equal(input.gates, {
    minScore: 75,
    minCoverage: 85,
    maxCyclomaticComplexity: 11,
    maxCognitiveComplexity: 14,
    maxFunctionLength: 60,
    maxFileLength: 400,
    maxParameters: 5,
    maxNestingDepth: Number.MAX_SAFE_INTEGER,
  });
  const dimensions = input.dimensions as Record<string, { minScore: number; weight: number }>;
  assert.equal(dimensions.security, { minScore: 85, weight: 3 });
  assert.equal(dimensions.tests, { minScore: 70, weight: 1 });
  assert.equal(dimensions.complexity, { minScore: 60, weight: 1 });
  assert.equal(dimensions.secrets, { minScore: 100, weight: 3 }, 'unset dimensions keep the defaults');
  assert.equal(input.exemptions, [
    { files: ['**/tests/**'], checks: ['coverage'] },
    { files: ['scripts/deploy.py'], checks: ['coverage'] },
    { files: ['core/planner.py'], checks: ['complexity'] },
  ]);
  assert.is(warnings.length, 1);
  for (const part of [
    'type_checking',
    'documentation',
    'metadata',
    'overrides',
    'thresholds.docs_score',
    'test_coverage.target',
    'complexity.warn_at',
    'file_limits.max_functions',
    'code_smells.detect_duplicates',
    'security.fail_on_high',
    'security.scanners: safety',
    'exemptions.documentation',
  ]) {
    assert.ok(warnings[0]!.includes(part), `${part} in ${warnings[0]}`);
  }
  assert.not.ok(warnings[0]!.includes('detect-secrets'), 'detect-secrets is what the secrets check does');
  assert.not.ok(warnings[0]!.includes('quality_gates'));
});

test('security disabled exempts every file from the security checks; native keys win; no warnings when all maps', () => {
  const { input, warnings } = map('quality_gates:\n  min_overall_score: 10\ngates:\n  minScore: 90\nsecurity:\n  enabled: false\n');
  assert.equal(input.gates, { minScore: 90 });
  assert.equal(input.exemptions, [{ files: ['**'], checks: ['security', 'bandit', 'audit'] }]);
  assert.equal(warnings, []);
  assert.not.ok(isBr3Standards({ gates: { minScore: 1 } }));
  assert.not.ok(isBr3Standards(null));
});

test('a mapped key of the wrong type is an input error naming the key and its line', () => {
  for (const [text, pattern] of [
    ['quality_gates:\n  min_overall_score: 70\n', /quality_gates\.min_overall_score: expected a score from 0 to 10, got 70/],
    ['complexity:\n  max_cyclomatic: many\n', /complexity\.max_cyclomatic: expected a number/],
    ['code_smells:\n  detect_deep_nesting: 3\n', /expected true or false/],
    ['metadata: {}\nexemptions:\n  complexity: core.py\n', /exemptions\.complexity: expected a list of globs/],
    ['metadata: {}\nexemptions: 3\n', /exemptions: expected a map/],
    ['format: [black]\n', /format: expected a map/],
    ['format:\n  python: black\n', /format\.python: expected a list of tool names/],
    ['security: true\n', /security: expected a map/],
    ['complexity: 3\n', /complexity: expected a map/],
    ['test_coverage:\n  minimum: 120\n', /expected a percentage/],
  ] as const) {
    try {
      map(text);
      assert.unreachable(text);
    } catch (error) {
      assert.instance(error, InputError);
      assert.match((error as InputError).toLine(), pattern);
      assert.match((error as InputError).toLine(), /^quality-standards\.yaml(:\d+)?: /);
    }
  }
  try {
    map('quality_gates:\n  max_file_length: -1\n');
    assert.unreachable();
  } catch (error) {
    assert.match((error as InputError).toLine(), /^quality-standards\.yaml:2: /);
  }
});

test('br-guard-shaped exemptions in a BR3 file are kept', () => {
  const { input } = map('complexity:\n  max_cognitive: 9\nexemptions:\n  - files: ["a/**"]\n    checks: [eslint]\n');
  assert.equal(input.exemptions, [{ files: ['a/**'], checks: ['eslint'] }]);
});

test.run();
