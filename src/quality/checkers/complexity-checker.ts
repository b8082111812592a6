import type { Finding } from '../../domain/findings.js';
import type { FunctionMetrics } from '../complexity/function-metrics.js';
import { qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import { gatesFor } from '../standards-for-file.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { AnalysisUnavailableError, scriptAnalysis } from './script-analysis-service.js';

const jsLike = /\.(?:[cm]?[jt]sx?)$/;

/** Per-function complexity, length, parameters and nesting, and file length, against the gates. */
export const complexityChecker: Checker = {
  name: 'complexity',
  engine: 'br-guard',
  dimension: 'complexity',
  appliesTo: (path) => (jsLike.test(path) && !path.endsWith('.d.ts')) || path.endsWith('.py'),
  cacheKey: async (context) => configKey(context.root, [], [context.loaded.standards.gates, context.loaded.standards.overrides]),
  prepare: (root) => scriptAnalysis(root).prepare(),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    // All files at once: script files are measured in the analysis worker meanwhile.
    const measured = await Promise.all(context.files.map(async (file) => measure(context.root, file.path, await file.read())));
    const findings: Finding[] = [];
    for (const entry of measured) {
      if (!entry) continue;
      const { path, text, functions } = entry;
      const gates = gatesFor(path, context.loaded.standards);
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      if (lines > gates.maxFileLength) {
        findings.push(
          qualityFinding({
            check: 'complexity',
            rule: 'file-length',
            severity: 'warning',
            file: path,
            line: 1,
            column: 1,
            message: `file has ${lines} lines (limit ${gates.maxFileLength}); split it by concern`,
            key: 'file',
          }),
        );
      }
      for (const fn of functions) findings.push(...functionFindings(path, fn, gates));
    }
    return { findings };
  },
};

/** A file's functions, or null when it does not parse (the linters and the compiler report that, not this check). */
async function measure(
  root: string,
  path: string,
  text: string,
): Promise<{ path: string; text: string; functions: FunctionMetrics[] } | null> {
  try {
    const functions = path.endsWith('.py')
      ? await (await import('../complexity/python-complexity.js')).measurePython(text)
      : await scriptAnalysis(root).complexity(path, text);
    return { path, text, functions };
  } catch (error) {
    if (error instanceof AnalysisUnavailableError) throw error;
    return null;
  }
}

type Gates = ReturnType<typeof gatesFor>;

function functionFindings(path: string, fn: FunctionMetrics, gates: Gates): Finding[] {
  const limits: Array<[string, number, number, string]> = [
    ['cyclomatic-complexity', fn.cyclomatic, gates.maxCyclomaticComplexity, 'cyclomatic complexity'],
    ['cognitive-complexity', fn.cognitive, gates.maxCognitiveComplexity, 'cognitive complexity'],
    ['function-length', fn.length, gates.maxFunctionLength, 'length (lines)'],
    ['parameter-count', fn.params, gates.maxParameters, 'parameters'],
    ['nesting-depth', fn.nesting, gates.maxNestingDepth, 'nesting depth'],
  ];
  return limits
    .filter(([, value, limit]) => value > limit)
    .map(([rule, value, limit, label]) =>
      qualityFinding({
        check: 'complexity',
        rule,
        severity: 'warning',
        file: path,
        line: fn.line,
        column: fn.column,
        message: `function ${fn.name}: ${label} ${value} exceeds ${limit}`,
        key: fn.name,
      }),
    );
}
