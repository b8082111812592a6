import { join } from 'node:path';
import { pathExists, readUserTextFile } from '../adapters/file-system.js';
import { defaultQualityStandards } from './defaults.js';
import { isBr3Standards, mapBr3Standards } from './br3-standards.js';
import { qualityStandardsSchema } from './quality-standards-schema.js';
import { schemaError } from './schema-errors.js';
import type { QualityStandards } from './types.js';
import { validateSchema } from './validate-schema.js';

export const STANDARDS_PLACES = ['quality-standards.yaml', '.buildrunner/quality-standards.yaml'];

export interface LoadedStandards {
  standards: QualityStandards;
  /** Absolute path, or null when the built-in defaults apply. */
  file: string | null;
  /** Top-level keys the file sets. */
  keys: string[];
  /** What the file holds that br-guard ignores (a BuildRunner 3 file's sections with no meaning here). */
  warnings: string[];
}

/** Reads quality-standards.yaml (repo root, else .buildrunner/); missing → defaults; invalid → InputError with key and line. */
export async function loadQualityStandards(root: string): Promise<LoadedStandards> {
  for (const place of STANDARDS_PLACES) {
    const file = join(root, place);
    if (!(await pathExists(file))) continue;
    const { parseYamlSource } = await import('./yaml-source.js');
    const source = parseYamlSource(await readUserTextFile(file, { displayPath: place, maxBytes: 1024 * 1024 }), place);
    let input = source.value ?? {};
    let warnings: string[] = [];
    if (isBr3Standards(input)) ({ input, warnings } = mapBr3Standards(input, place, source.lineOf));
    const result = validateSchema<QualityStandards>(qualityStandardsSchema, input);
    if (result.problems.length > 0) throw schemaError(result.problems, place, source.lineOf);
    const keys = typeof input === 'object' && input !== null ? Object.keys(input) : [];
    return { standards: result.value, file, keys, warnings };
  }
  return { standards: defaultQualityStandards(), file: null, keys: [], warnings: [] };
}
