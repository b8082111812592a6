import { InputError } from '../domain/errors.js';
import { defaultQualityStandards } from './defaults.js';
import type { KeyPath } from './validate-schema.js';

/**
 * BuildRunner 3's `.buildrunner/quality-standards.yaml` (the tool br-guard replaces), mapped onto
 * br-guard's standards so its users can start without rewriting the file. Its scores are on a
 * 0-10 scale, ours on 0-100; its `exemptions` are a map from a check to globs, ours a list; its
 * `overrides` are per build, which has no meaning here. What cannot be mapped is reported once
 * as ignored, never refused. The mapping is documented in docs/config.md.
 */

/** Top-level sections only BuildRunner 3's format has: one of them makes a file BR3's. */
const BR3_SECTIONS = [
  'quality_gates',
  'complexity',
  'file_limits',
  'code_smells',
  'format',
  'security',
  'test_coverage',
  'type_checking',
  'thresholds',
  'documentation',
  'commit_standards',
  'ci_cd',
  'auto_fix',
  'reporting',
  'metadata',
];

/** Whole sections with no meaning in br-guard. */
const IGNORED_SECTIONS = new Set(['type_checking', 'documentation', 'commit_standards', 'ci_cd', 'auto_fix', 'reporting', 'metadata']);

/** BR3 check names (exemption keys) → br-guard checks. */
const EXEMPTION_CHECKS: Record<string, string[]> = {
  test_coverage: ['coverage'],
  complexity: ['complexity'],
  security: ['security', 'bandit', 'audit'],
  format: ['prettier', 'black', 'ruff', 'eslint'],
  type_checking: ['tsc', 'mypy'],
};

/** Tools BR3 lists under `format` and `security`, and the br-guard check that covers each. */
const TOOL_CHECKS: Record<string, string> = {
  black: 'black',
  ruff: 'ruff',
  prettier: 'prettier',
  eslint: 'eslint',
  bandit: 'bandit',
  'detect-secrets': 'secrets',
  gitleaks: 'secrets',
  mypy: 'mypy',
  biome: 'biome',
  oxlint: 'oxlint',
};

/** No limit: a gate that BR3 turned off (`detect_long_parameter_lists: false`). */
const UNLIMITED = Number.MAX_SAFE_INTEGER;

export interface MappedStandards {
  /** br-guard's native shape, to validate like any standards file. */
  input: Record<string, unknown>;
  /** One line listing what was ignored, or none. */
  warnings: string[];
}

/** Whether a parsed standards file is written in BuildRunner 3's format. */
export function isBr3Standards(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && BR3_SECTIONS.some((key) => key in input);
}

/**
 * Maps a BR3 file. Native br-guard keys in the same file (`gates`, `dimensions`, `exclude`) win
 * over mapped ones. A value of the wrong type in a mapped key is an error naming it and its line.
 */
export function mapBr3Standards(
  input: Record<string, unknown>,
  displayPath: string,
  lineOf: (path: KeyPath) => number | undefined,
): MappedStandards {
  const ignored: string[] = [];
  const gates: Record<string, number> = {};
  const dimensions: Record<string, { minScore: number }> = {};
  const exemptions: Array<{ files: string[]; checks: string[] }> = [];
  const read = new Reader(input, displayPath, lineOf, ignored);

  // Order matters: the specific sections come after `quality_gates`, so they win.
  read.section('quality_gates', {
    min_overall_score: (value) => (gates.minScore = read.score(['quality_gates', 'min_overall_score'], value)),
    min_test_coverage: (value) => (gates.minCoverage = read.percent(['quality_gates', 'min_test_coverage'], value)),
    max_complexity: (value) => (gates.maxCyclomaticComplexity = read.count(['quality_gates', 'max_complexity'], value)),
    max_function_length: (value) => (gates.maxFunctionLength = read.count(['quality_gates', 'max_function_length'], value)),
    max_file_length: (value) => (gates.maxFileLength = read.count(['quality_gates', 'max_file_length'], value)),
  });
  read.section('complexity', {
    max_cyclomatic: (value) => (gates.maxCyclomaticComplexity = read.count(['complexity', 'max_cyclomatic'], value)),
    max_cognitive: (value) => (gates.maxCognitiveComplexity = read.count(['complexity', 'max_cognitive'], value)),
  });
  read.section('file_limits', {
    max_lines: (value) => (gates.maxFileLength = read.count(['file_limits', 'max_lines'], value)),
  });
  read.section('test_coverage', {
    minimum: (value) => (gates.minCoverage = read.percent(['test_coverage', 'minimum'], value)),
    exclude_paths: (value) =>
      exemptions.push({ files: read.globs(['test_coverage', 'exclude_paths'], value), checks: EXEMPTION_CHECKS.test_coverage! }),
  });
  // BR3 warns on more than 5 parameters and nesting deeper than 4 levels: br-guard's defaults too.
  read.section('code_smells', {
    detect_long_parameter_lists: (value) =>
      (gates.maxParameters = read.flag(['code_smells', 'detect_long_parameter_lists'], value) ? 5 : UNLIMITED),
    detect_deep_nesting: (value) => (gates.maxNestingDepth = read.flag(['code_smells', 'detect_deep_nesting'], value) ? 4 : UNLIMITED),
  });
  read.section('thresholds', {
    // BR3's structure score covers complexity, type hints and formatting.
    structure_score: (value) => {
      const score = read.score(['thresholds', 'structure_score'], value);
      for (const name of ['complexity', 'types', 'format']) dimensions[name] = { minScore: score };
    },
    security_score: (value) => (dimensions.security = { minScore: read.score(['thresholds', 'security_score'], value) }),
    testing_score: (value) => (dimensions.tests = { minScore: read.score(['thresholds', 'testing_score'], value) }),
  });
  readExemptions(read, input.exemptions, exemptions, ignored);
  readTools(read, input, exemptions, ignored);
  if ('overrides' in input) ignored.push('overrides (per build; br-guard has no builds of standards)');
  for (const key of Object.keys(input)) {
    if (IGNORED_SECTIONS.has(key)) ignored.push(key);
    else if (!BR3_SECTIONS.includes(key) && !['overrides', 'exemptions', 'gates', 'dimensions', 'exclude'].includes(key)) ignored.push(key);
  }

  const mapped: Record<string, unknown> = {};
  const nativeGates = isObject(input.gates) ? input.gates : {};
  if (Object.keys(gates).length > 0 || 'gates' in input) mapped.gates = { ...gates, ...nativeGates };
  if (Object.keys(dimensions).length > 0 || 'dimensions' in input) {
    mapped.dimensions = mergeDimensions(dimensions, isObject(input.dimensions) ? input.dimensions : {});
  }
  if ('exclude' in input) mapped.exclude = input.exclude;
  if (exemptions.length > 0) mapped.exemptions = exemptions;
  const warnings =
    ignored.length === 0
      ? []
      : [`${displayPath}: BuildRunner 3 format; ignored (no meaning in br-guard): ${ignored.join(', ')} (see docs/config.md)`];
  return { input: mapped, warnings };
}

/** BR3 sets only minimum scores: every dimension keeps br-guard's default weight (and default minimum where unset). */
function mergeDimensions(mapped: Record<string, { minScore: number }>, native: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaultQualityStandards().dimensions };
  for (const [name, value] of Object.entries(mapped)) out[name] = { ...(out[name] as object), ...value };
  for (const [name, value] of Object.entries(native)) out[name] = { ...(out[name] as object), ...(isObject(value) ? value : {}) };
  return out;
}

/** `exemptions: { complexity: [globs], ... }` → `[{ files, checks }]`. */
function readExemptions(read: Reader, value: unknown, out: Array<{ files: string[]; checks: string[] }>, ignored: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    // Already br-guard's shape: kept as it is.
    out.push(...(value as Array<{ files: string[]; checks: string[] }>));
    return;
  }
  if (!isObject(value)) throw read.error(['exemptions'], 'expected a map from a check to a list of globs');
  for (const [check, globs] of Object.entries(value)) {
    const checks = EXEMPTION_CHECKS[check];
    if (!checks) {
      ignored.push(`exemptions.${check}`);
      continue;
    }
    out.push({ files: read.globs(['exemptions', check], globs), checks });
  }
}

/** `format: {python: [black, ruff], ...}` and `security: {enabled, scanners}`. */
function readTools(
  read: Reader,
  input: Record<string, unknown>,
  exemptions: Array<{ files: string[]; checks: string[] }>,
  ignored: string[],
): void {
  const unknown = (path: string, tools: unknown): void => {
    if (!Array.isArray(tools)) throw read.error(path.split('.'), 'expected a list of tool names');
    for (const tool of tools) if (typeof tool !== 'string' || !(tool in TOOL_CHECKS)) ignored.push(`${path}: ${String(tool)}`);
  };
  if (isObject(input.format)) for (const [language, tools] of Object.entries(input.format)) unknown(`format.${language}`, tools);
  else if (input.format !== undefined) throw read.error(['format'], 'expected a map from a language to a list of tools');
  if (input.security === undefined) return;
  if (!isObject(input.security)) throw read.error(['security'], 'expected a map');
  for (const [key, value] of Object.entries(input.security)) {
    if (key === 'scanners') unknown('security.scanners', value);
    else if (key === 'enabled') {
      if (!read.flag(['security', 'enabled'], value)) exemptions.push({ files: ['**'], checks: EXEMPTION_CHECKS.security! });
    } else ignored.push(`security.${key}`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks values, remembering keys of a mapped section that mean nothing here. */
class Reader {
  constructor(
    private readonly input: Record<string, unknown>,
    private readonly displayPath: string,
    private readonly lineOf: (path: KeyPath) => number | undefined,
    private readonly ignored: string[],
  ) {}

  section(name: string, keys: Record<string, (value: unknown) => unknown>): void {
    const value = this.input[name];
    if (value === undefined || value === null) return;
    if (!isObject(value)) throw this.error([name], 'expected a map');
    for (const [key, child] of Object.entries(value)) {
      const use = keys[key];
      if (use) use(child);
      else this.ignored.push(`${name}.${key}`);
    }
  }

  /** A 0-10 score → 0-100. */
  score(path: KeyPath, value: unknown): number {
    if (typeof value !== 'number' || value < 0 || value > 10)
      throw this.error(path, `expected a score from 0 to 10, got ${JSON.stringify(value)}`);
    return Math.round(value * 1000) / 100;
  }

  percent(path: KeyPath, value: unknown): number {
    if (typeof value !== 'number' || value < 0 || value > 100)
      throw this.error(path, `expected a percentage from 0 to 100, got ${JSON.stringify(value)}`);
    return value;
  }

  count(path: KeyPath, value: unknown): number {
    if (typeof value !== 'number' || value < 0) throw this.error(path, `expected a number of at least 0, got ${JSON.stringify(value)}`);
    return value;
  }

  flag(path: KeyPath, value: unknown): boolean {
    if (typeof value !== 'boolean') throw this.error(path, `expected true or false, got ${JSON.stringify(value)}`);
    return value;
  }

  /** BR3's fnmatch-style globs, where `*` also crosses `/`, as picomatch globs. */
  globs(path: KeyPath, value: unknown): string[] {
    if (!Array.isArray(value) || value.some((glob) => typeof glob !== 'string')) throw this.error(path, 'expected a list of globs');
    return (value as string[]).map((glob) => glob.replace(/\*+/g, '**'));
  }

  error(path: KeyPath, message: string): InputError {
    const line = this.lineOf(path);
    return new InputError(
      `${path.join('.')}: ${message}`,
      line === undefined ? { file: this.displayPath } : { file: this.displayPath, line },
    );
  }
}
