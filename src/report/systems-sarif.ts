import type { Log } from 'sarif';
import type { SystemsReport } from '../domain/system-result.js';
import { toSarif } from './sarif.js';

/**
 * One SARIF 2.1.0 log for every system of a combined report: a run per system, empty ones
 * included, each saying whether its system ran (a stage that could not run is no clean bill).
 */
export function systemsSarif(report: Pick<SystemsReport, 'stages'>): Log {
  return toSarif(
    report.stages.map((stage) => ({
      tool: `br-guard ${stage.system}`,
      findings: stage.findings,
      invocation: { ok: stage.status === 'passed' || stage.status === 'failed', message: `${stage.status}: ${stage.summary}` },
    })),
  );
}
