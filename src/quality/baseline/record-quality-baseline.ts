import { InputError, UsageError } from '../../domain/errors.js';
import { runQualityCheck, type QualityDeps } from '../run-quality-check.js';
import { readSecretsBaselineEntries, SECRETS_BASELINE, writeSecretsBaseline } from '../secrets/secrets-baseline.js';
import { QUALITY_BASELINE, readQualityBaseline, writeQualityBaseline } from './quality-baseline.js';

/** What `quality baseline` recorded, for its output and `init --baseline --json`. */
export interface QualityBaselineOutcome {
  file: string;
  /** Findings recorded (the entries' counts added up). */
  findings: number;
  added: number;
  removed: number;
  /** Findings recorded per check, e.g. `{ eslint: 5, prettier: 63 }`. */
  byCheck: Record<string, number>;
  /** Secrets go to the secrets baseline, the one the hooks and `quality history` read. */
  secrets: { file: string; added: number };
  /** Checks that could not judge the code (skipped, error): nothing of theirs is recorded. */
  notRecorded: Array<{ check: string; status: string; reason: string | null }>;
}

/**
 * Records today's findings of every check of `check`'s quality stage (`--all`, the baseline
 * itself ignored). Creating is allowed once; after that only `--update` may rewrite the file, so
 * a baseline never swallows new findings by accident. A check that did not run records nothing:
 * a missing tool is not a finding about the code.
 */
export async function recordQualityBaseline(deps: QualityDeps, options: { update: boolean }): Promise<QualityBaselineOutcome> {
  const root = deps.git.root;
  // --update rewrites the file, so it is also the way out of a damaged one.
  const previous = await readQualityBaseline(root).catch((error: unknown) => {
    if (options.update && error instanceof InputError) return null;
    throw error;
  });
  if (previous && !options.update) {
    throw new UsageError(`${QUALITY_BASELINE} already exists: run \`br-guard quality baseline --update\` to record today's findings again`);
  }
  const result = await runQualityCheck(deps, { scope: { kind: 'all' }, fix: false, useBaseline: false });
  // Secrets the secrets baseline holds come back `baselined`: only the others are added there.
  const secrets = result.findings.filter((f) => f.check === 'secrets' && f.status !== 'baselined');
  const others = result.findings.filter((f) => f.check !== 'secrets');
  if (secrets.length) {
    const known = await readSecretsBaselineEntries(root);
    await writeSecretsBaseline(root, [...known, ...secrets.map((f) => ({ fingerprint: f.fingerprint, file: f.file ?? '', rule: f.rule }))]);
  }
  const baseline = await writeQualityBaseline(root, others);
  const before = new Set((previous?.findings ?? []).map((entry) => entry.fingerprint));
  const after = new Set(baseline.findings.map((entry) => entry.fingerprint));
  const byCheck: Record<string, number> = {};
  for (const f of others) byCheck[f.check] = (byCheck[f.check] ?? 0) + 1;
  return {
    file: QUALITY_BASELINE,
    findings: others.length,
    added: [...after].filter((id) => !before.has(id)).length,
    removed: [...before].filter((id) => !after.has(id)).length,
    byCheck,
    secrets: { file: SECRETS_BASELINE, added: secrets.length },
    notRecorded: result.checks
      .filter((check) => check.status === 'skipped' || check.status === 'error')
      .map((check) => ({ check: check.name, status: check.status, reason: check.reason })),
  };
}

/** One line per system, as `quality baseline` and `init --baseline` print it. */
export function formatQualityBaseline(outcome: QualityBaselineOutcome): string[] {
  const counts = Object.entries(outcome.byCheck)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([check, n]) => `${check} ${n}`)
    .join(', ');
  const lines = [
    `${outcome.file}: ${outcome.findings} quality finding(s) recorded${counts ? ` (${counts})` : ''}; later checks fail only on new ones`,
  ];
  if (outcome.secrets.added) {
    lines.push(`${outcome.secrets.file}: ${outcome.secrets.added} secret(s) accepted (fingerprints only): rotate them all the same`);
  }
  for (const check of outcome.notRecorded) {
    lines.push(`  not recorded: ${check.check} ${check.status}${check.reason ? ` (${check.reason})` : ''}`);
  }
  return lines;
}
