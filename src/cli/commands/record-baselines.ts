import type { Git } from '../../adapters/git.js';
import type { BaselineOutcome } from '../../drift/baseline/record-drift-baseline.js';
import type { QualityBaselineOutcome } from '../../quality/baseline/record-quality-baseline.js';
import type { CommandContext } from '../context.js';

/** A baseline `init --baseline` found already there, or could not record: it says why. */
export interface BaselineKept {
  file: string;
  kept: string;
}

export interface RecordedBaselines {
  drift: BaselineOutcome | BaselineKept;
  quality: QualityBaselineOutcome | BaselineKept;
}

/**
 * `init --baseline`: records the drift and the quality baselines of the code as it is, so
 * `br-guard check` passes on it and only new problems block ("clean as you code"). Config and spec
 * are loaded afresh (init and the draft have just written them). A baseline that exists is kept
 * (init stays idempotent, and never swallows new problems): `--update` on its own command rewrites it.
 */
export async function recordBaselines(context: CommandContext, git: Git): Promise<RecordedBaselines> {
  const [{ loadConfig }, { loadSpec }, { pathExists }, { driftBaselineFile }, { QUALITY_BASELINE }] = await Promise.all([
    import('../../config/load-config.js'),
    import('../../spec/load-spec.js'),
    import('../../adapters/file-system.js'),
    import('../../drift/baseline/drift-baseline.js'),
    import('../../quality/baseline/quality-baseline.js'),
  ]);
  const loaded = await loadConfig(git.root);
  const exists = (file: string) => pathExists(git.absolutePath(file));
  const kept = (file: string, command: string): BaselineKept => ({
    file,
    kept: `already there, kept (\`${command} --update\` records it again)`,
  });

  let drift: RecordedBaselines['drift'];
  if (await exists(driftBaselineFile)) drift = kept(driftBaselineFile, 'br-guard drift baseline');
  else {
    const { findSpecFile } = await import('../../hooks/spec-presence.js');
    if (!context.specOverride && !(await findSpecFile(git, loaded))) {
      drift = {
        file: driftBaselineFile,
        kept: 'not recorded: no spec (drift judges the code against one: `br-guard init --draft-spec --baseline`)',
      };
    } else {
      const spec = await loadSpec({ root: git.root, cwd: context.cwd, override: context.specOverride, configured: loaded.config.spec });
      const { recordDriftBaseline } = await import('../../drift/baseline/record-drift-baseline.js');
      drift = await recordDriftBaseline({ git, loaded, spec }, { update: false });
    }
  }
  let quality: RecordedBaselines['quality'];
  if (await exists(QUALITY_BASELINE)) quality = kept(QUALITY_BASELINE, 'br-guard quality baseline');
  else {
    const { recordQualityBaseline } = await import('../../quality/baseline/record-quality-baseline.js');
    quality = await recordQualityBaseline({ git, loaded }, { update: false });
  }
  return { drift, quality };
}

/** What was recorded, per system, with the files written. */
export async function formatBaselines(recorded: RecordedBaselines): Promise<string> {
  const lines = ['br-guard init --baseline: what exists today is recorded; from now on only new problems block'];
  const { drift, quality } = recorded;
  if ('kept' in drift) lines.push(`  drift    ${drift.file}: ${drift.kept}`);
  else lines.push(`  drift    ${drift.file}: ${drift.entries} violation(s) recorded`);
  if ('kept' in quality) lines.push(`  quality  ${quality.file}: ${quality.kept}`);
  else {
    const { formatQualityBaseline } = await import('../../quality/baseline/record-quality-baseline.js');
    const [first, ...rest] = formatQualityBaseline(quality);
    lines.push(`  quality  ${first}`, ...rest.map((line) => `           ${line.trim()}`));
  }
  lines.push('Commit them (.buildrunner/*-baseline.json) so CI and every clone judge the same way.');
  return lines.join('\n');
}
