import { InputError } from '../domain/errors.js';
import type { KeyPath, SchemaProblem } from './validate-schema.js';

/** `architecture.layers[0].paths` */
export function formatKeyPath(path: KeyPath): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out === '' ? segment : `${out}.${segment}`),
    '',
  );
}

/**
 * Turns schema problems into the one-line error the CLI prints: the first problem with its key
 * and line, and how many more there are.
 */
export function schemaError(
  problems: SchemaProblem[],
  displayPath: string,
  lineOf: (path: KeyPath) => number | undefined,
  keyPrefix: KeyPath = [],
): InputError {
  // Report the problem nearest the top of the file first: that is where a reader starts.
  const lineOfProblem = (problem: SchemaProblem): number => lineOf([...keyPrefix, ...problem.path]) ?? Number.MAX_SAFE_INTEGER;
  const first = [...problems].sort((a, b) => lineOfProblem(a) - lineOfProblem(b))[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const key = formatKeyPath(first.path);
  const line = lineOf([...keyPrefix, ...first.path]);
  const where = line === undefined ? { file: displayPath } : { file: displayPath, line };
  return new InputError(`${key === '' ? 'config' : key}: ${first.message}${more}`, where);
}
