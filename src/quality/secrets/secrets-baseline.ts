import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../domain/errors.js';
import { writeJsonAtomic } from '../../adapters/file-system.js';

/** Where accepted secrets are recorded, by fingerprint (never by value). */
export const SECRETS_BASELINE = '.buildrunner/secrets-baseline.json';

export interface SecretsBaseline {
  version: 1;
  /** Keyed by content (rule, file, hash of the value): no line numbers, no timestamps, so moving code causes no churn. */
  secrets: Array<{ fingerprint: string; file: string; rule: string }>;
}

/** Reads the baseline's fingerprints; an absent file is an empty baseline. */
export async function readSecretsBaseline(root: string): Promise<Set<string>> {
  return new Set((await readSecretsBaselineEntries(root)).map((entry) => entry.fingerprint));
}

/** The baseline's entries; an absent file has none. */
export async function readSecretsBaselineEntries(root: string): Promise<SecretsBaseline['secrets']> {
  let text: string;
  try {
    text = await readFile(join(root, SECRETS_BASELINE), 'utf8');
  } catch {
    return [];
  }
  try {
    const data = JSON.parse(text) as Partial<SecretsBaseline>;
    if (!Array.isArray(data.secrets)) throw new Error('no "secrets" array');
    return data.secrets.map((entry) => ({
      fingerprint: String(entry.fingerprint),
      file: String(entry.file ?? ''),
      rule: String(entry.rule ?? ''),
    }));
  } catch (error) {
    throw new InputError(`invalid secrets baseline: ${(error as Error).message}`, { file: SECRETS_BASELINE });
  }
}

export async function writeSecretsBaseline(root: string, secrets: SecretsBaseline['secrets']): Promise<void> {
  const unique = new Map(
    secrets.map((entry) => [entry.fingerprint, { fingerprint: entry.fingerprint, file: entry.file, rule: entry.rule }]),
  );
  const sorted = [...unique.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint),
  );
  const baseline: SecretsBaseline = { version: 1, secrets: sorted };
  await writeJsonAtomic(join(root, SECRETS_BASELINE), baseline);
}
