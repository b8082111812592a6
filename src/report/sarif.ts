import type { Finding, Severity } from '../domain/findings.js';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';

/** One tool's findings: becomes one SARIF run. */
export interface SarifRunInput {
  tool: string;
  findings: Finding[];
  /** Shown as the driver's version when known. */
  version?: string;
  /** Base URL for rule help (`${helpUri}${rule}`), when the tool documents its rules. */
  helpUri?: string;
}

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * Turns findings into SARIF 2.1.0, one run per tool, fit for GitHub code scanning: paths are
 * repo-relative URIs under the `%SRCROOT%` base, each result carries the finding's fingerprint
 * as `partialFingerprints`, so code scanning tracks it across line moves.
 */
export function toSarif(runs: SarifRunInput[]): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: runs.map(toRun),
  };
}

function toRun(input: SarifRunInput): Run {
  const ruleIds = [...new Set(input.findings.map((finding) => finding.rule))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({
    id,
    ...(input.helpUri ? { helpUri: `${input.helpUri}${id}` } : {}),
  }));
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  return {
    tool: {
      driver: {
        name: input.tool,
        ...(input.version ? { version: input.version } : {}),
        rules,
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: '' } },
    results: input.findings.map((finding) => toResult(finding, index.get(finding.rule) ?? 0)),
  };
}

function toResult(finding: Finding, ruleIndex: number): Result {
  const result: Result = {
    ruleId: finding.rule,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: finding.message },
    partialFingerprints: { 'brGuard/v1': finding.fingerprint },
  };
  if (finding.file) {
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%' },
          // SARIF regions are 1-based; a finding without a line points at the file.
          ...(finding.line ? { region: { startLine: finding.line, ...(finding.column ? { startColumn: finding.column } : {}) } } : {}),
        },
      },
    ];
  }
  return result;
}
