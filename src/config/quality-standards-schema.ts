import { s } from './schema-node.js';
import { defaultQualityStandards } from './defaults.js';

const defaults = defaultQualityStandards();

const gate = (description: string, key: keyof typeof defaults.gates, extra: { max?: number } = {}) =>
  s.number(description, { min: 0, default: defaults.gates[key], ...extra });

const gateProperties = {
  minScore: gate('Minimum overall quality score (0-100) for the gate to pass.', 'minScore', { max: 100 }),
  minCoverage: gate('Minimum line coverage in percent.', 'minCoverage', { max: 100 }),
  maxCyclomaticComplexity: gate('Maximum cyclomatic complexity of one function.', 'maxCyclomaticComplexity'),
  maxCognitiveComplexity: gate('Maximum cognitive complexity of one function.', 'maxCognitiveComplexity'),
  maxFunctionLength: gate('Maximum lines in one function.', 'maxFunctionLength'),
  maxFileLength: gate('Maximum lines in one file.', 'maxFileLength'),
  maxParameters: gate('Maximum parameters of one function.', 'maxParameters'),
  maxNestingDepth: gate('Maximum nesting depth of blocks in one function.', 'maxNestingDepth'),
};

/** quality-standards.yaml (repo root, else .buildrunner/): the thresholds of the quality gate. */
export const qualityStandardsSchema = s.object(
  {
    gates: s.object(gateProperties, 'Thresholds that fail the gate.'),
    dimensions: s.record(
      s.object(
        {
          minScore: s.number('Minimum score (0-100) of this dimension.', { min: 0, max: 100, default: 0 }),
          weight: s.number('Weight of this dimension in the overall score.', { min: 0, default: 1 }),
        },
        'One dimension.',
      ),
      'Per dimension (format, types, security, secrets, complexity, tests): minimum score and weight.',
      { default: defaults.dimensions },
    ),
    exclude: s.array(s.string('A glob'), 'Globs of files no quality check reads.', { default: defaults.exclude }),
    overrides: s.array(
      s.object(
        {
          files: s.array(s.string('A glob'), 'Globs the override applies to.'),
          gates: s.object(gateProperties, 'Gates that differ for these files.', { partial: true }),
        },
        'One override.',
      ),
      'Per-glob overrides of the gates (later entries win).',
      { default: defaults.overrides },
    ),
    exemptions: s.array(
      s.object(
        {
          files: s.array(s.string('A glob'), 'Globs the exemption applies to.'),
          checks: s.array(s.string('A check name'), 'Checks that skip these files (for example `complexity`, `bandit`).'),
        },
        'One exemption.',
      ),
      'Per-glob exemptions from whole checks.',
      { default: defaults.exemptions },
    ),
  },
  'Quality standards.',
);
