import { architectureProblems } from './architecture-problems.js';
import { configSchema } from './schema.js';
import type { BrGuardConfig } from './types.js';
import { validateSchema, type SchemaResult } from './validate-schema.js';

/**
 * The config file's content against the schema, then the semantic rules the schema cannot state
 * (a capture a boundary uses and its `from` lacks). One function for the work-tree config and the
 * staged one, so both refuse the same files.
 */
export function validateConfig(input: unknown): SchemaResult<BrGuardConfig> {
  const result = validateSchema<BrGuardConfig>(configSchema, input);
  // Semantic rules read a well-typed value; with schema problems they would report noise.
  if (result.problems.length > 0) return result;
  return { value: result.value, problems: architectureProblems(result.value) };
}
