import { InputError, UsageError } from '../../domain/errors.js';
import { runDriftCheck, type DriftDeps } from '../run-drift-check.js';
import { baselineId, driftBaselineFile, readDriftBaseline, writeDriftBaseline } from './drift-baseline.js';

export interface BaselineOutcome {
  file: string;
  entries: number;
  added: number;
  removed: number;
}

/**
 * Records every violation of a whole-tree check. Creating is allowed once; after that only
 * `--update` may grow or prune the file, so a baseline never swallows new violations by accident.
 */
export async function recordDriftBaseline(deps: DriftDeps, options: { update: boolean }): Promise<BaselineOutcome> {
  // --update rewrites the file, so it is also the way out of a damaged one.
  const previous = await readDriftBaseline(deps.git.root).catch((error: unknown) => {
    if (options.update && error instanceof InputError) return null;
    throw error;
  });
  if (previous && !options.update) {
    throw new UsageError(
      `${driftBaselineFile} already exists: run \`br-guard drift baseline --update\` to add new violations and prune fixed ones`,
    );
  }
  const result = await runDriftCheck(deps, { scope: { kind: 'all' }, useBaseline: false });
  const invalid = result.violations.find((v) => v.rule === 'invalid-spec' && v.severity === 'error');
  if (invalid) throw new UsageError(`cannot record a baseline against an invalid spec: ${invalid.message}`);
  const baseline = await writeDriftBaseline(deps.git.root, result.violations);
  const before = new Set((previous?.entries ?? []).map(baselineId));
  const after = new Set(baseline.entries.map(baselineId));
  return {
    file: driftBaselineFile,
    entries: baseline.entries.length,
    added: [...after].filter((id) => !before.has(id)).length,
    removed: [...before].filter((id) => !after.has(id)).length,
  };
}
