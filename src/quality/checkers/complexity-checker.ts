import type { Finding } from '../../domain/findings.js';
import type { FunctionMetrics } from '../complexity/function-metrics.js';
import { qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import { gatesFor } from '../standards-for-file.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';

const jsLike = /\.(?:[cm]?[jt]sx?)$/;

/** Per-function complexity, length, parameters and nesting, and file length, against the gates. */
export const complexityChecker: Checker = {
  name: 'complexity',
  dimension: 'complexity',
  appliesTo: (path) => (jsLike.test(path) && !path.endsWith('.d.ts')) || path.endsWith('.py'),
  cacheKey: async (context) => configKey(context.root, [], [context.loaded.standards.gates, context.loaded.standards.overrides]),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const findings: Finding[] = [];
    for (const file of context.files) {
      const text = await file.read();
      const gates = gatesFor(file.path, context.loaded.standards);
      let functions: FunctionMetrics[];
      try {
        functions = file.path.endsWith('.py')
          ? await (await import('../complexity/python-complexity.js')).measurePython(text)
          : await (await import('../complexity/ts-complexity.js')).measureTypeScript(file.path, text);
      } catch {
        // A file that does not parse is reported by the linters and the compiler, not here.
        continue;
      }
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      if (lines > gates.maxFileLength) {
        findings.push(
          qualityFinding({
            check: 'complexity',
            rule: 'file-length',
            severity: 'warning',
            file: file.path,
            line: 1,
            column: 1,
            message: `file has ${lines} lines (limit ${gates.maxFileLength}); split it by concern`,
            key: 'file',
          }),
        );
      }
      for (const fn of functions) findings.push(...functionFindings(file.path, fn, gates));
    }
    return { findings };
  },
};

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
