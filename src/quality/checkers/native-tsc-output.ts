import type { Finding } from '../../domain/findings.js';
import { lineKey, qualityFinding } from '../quality-finding.js';

const diagnostic = /^(.+?)\((\d+),(\d+)\): (error|warning|message) TS(\d+): (.*)$/;
const global = /^(error|warning) TS(\d+): (.*)$/;

/**
 * Maps `tsc --pretty false` output (`file(line,col): error TSxxxx: msg`, continuation lines
 * indented) to findings as the compiler-API checker words them: rule `TS2322`, the first line of
 * the message. Only files in `texts` (the ones in scope, by repo path) are reported; a diagnostic
 * without a file (a bad tsconfig) is reported without one.
 */
export function nativeTscFindings(stdout: string, texts: ReadonlyMap<string, string>): Finding[] {
  const findings: Finding[] = [];
  for (const line of stdout.split('\n')) {
    const match = diagnostic.exec(line.trimEnd());
    if (match) {
      const [, file, row, column, category, code, message] = match as unknown as string[];
      const path = file!.replace(/\\/g, '/').replace(/^\.\//, '');
      const text = texts.get(path);
      if (text === undefined) continue;
      findings.push(
        qualityFinding({
          check: 'tsc',
          rule: `TS${code}`,
          severity: category === 'error' ? 'error' : category === 'warning' ? 'warning' : 'info',
          file: path,
          line: Number(row),
          column: Number(column),
          message: message!,
          key: `${lineKey(text, Number(row))}\0${message}`,
        }),
      );
      continue;
    }
    const other = global.exec(line.trimEnd());
    if (other) {
      findings.push(
        qualityFinding({
          check: 'tsc',
          rule: `TS${other[2]}`,
          severity: other[1] === 'error' ? 'error' : 'warning',
          file: null,
          message: other[3]!,
        }),
      );
    }
  }
  return findings;
}
