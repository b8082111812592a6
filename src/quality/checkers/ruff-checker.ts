import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';
import { configKey } from './config-key.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { firstDifferentLine } from './prettier-checker.js';
import { ruffTools } from './ruff-tools.js';

/** Ruff in-process (WebAssembly): the project's lint rules plus Ruff's formatter, for Python. */
export const ruffChecker: Checker = {
  name: 'ruff',
  dimension: 'format',
  appliesTo: (path) => /\.pyi?$/.test(path),
  cacheKey: async (context) => configKey(context.root, ['ruff.toml', '.ruff.toml', 'pyproject.toml']),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const ruff = await ruffTools(context.root);
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const file of context.files) {
      const text = await file.read();
      const diagnostics = await ruff.check(text);
      for (const diagnostic of diagnostics) {
        const code = diagnostic.code ?? 'ruff';
        const finding = qualityFinding({
          check: 'ruff',
          rule: code,
          severity: code === 'invalid-syntax' || /^(?:E9|F8[0-2])/.test(code) ? 'error' : 'warning',
          file: file.path,
          line: diagnostic.start_location.row,
          column: diagnostic.start_location.column,
          message: diagnostic.message,
          key: `${lineKey(text, diagnostic.start_location.row)}\0${diagnostic.message}`,
        });
        if (diagnostic.fix) fixable.add(finding.fingerprint);
        findings.push(finding);
      }
      if (diagnostics.some((diagnostic) => diagnostic.code === 'invalid-syntax')) continue;
      const formatted = await ruff.format(text);
      if (formatted !== text) {
        const finding = qualityFinding({
          check: 'ruff',
          rule: 'format',
          severity: 'warning',
          file: file.path,
          line: firstDifferentLine(text, formatted),
          column: 1,
          message: 'not formatted as `ruff format` would (run `br-guard quality check --fix`)',
          key: 'format',
        });
        fixable.add(finding.fingerprint);
        findings.push(finding);
      }
    }
    return { findings, fixable };
  },
  fixer: async (context): Promise<TextFixer> => {
    const ruff = await ruffTools(context.root);
    // format() throws on a syntax error, which tells the caller the text cannot be fixed.
    return async (_path, text) => ruff.fix(text);
  },
};
