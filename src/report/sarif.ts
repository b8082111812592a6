import { ruleName, type Finding, type FindingStatus, type Severity } from '../domain/findings.js';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { ruleHelp, type RuleHelp } from './rule-help.js';

/** One tool's findings: becomes one SARIF run. */
export interface SarifRunInput {
  tool: string;
  findings: Finding[];
  /** Shown as the driver's version when known. */
  version?: string;
  /** The help of a finding's rule (default: br-guard's catalog, `ruleHelp`). */
  help?: (finding: Finding) => RuleHelp;
  /** How the tool's run ended, when it may not have run at all (a combined report's skipped stage). */
  invocation?: { ok: boolean; message: string };
}

const levels: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

// SARIF's baseline states compare with an earlier run: a finding on a line the change did not
// touch, or one a baseline accepted, was there before (`unchanged`); only `new` is the change's.
const baselineStates: Record<FindingStatus, Result.baselineState> = { new: 'new', old: 'unchanged', baselined: 'unchanged' };

// Where an accepted finding was accepted, for the suppression's justification.
// Quality keeps two: secrets in theirs, every other check's findings in the quality baseline.
function baselineFile(finding: Finding): string | undefined {
  if (finding.system === 'drift') return '.buildrunner/drift-baseline.json';
  if (finding.system !== 'quality') return undefined;
  return finding.check === 'secrets' ? '.buildrunner/secrets-baseline.json' : '.buildrunner/quality-baseline.json';
}

/**
 * Turns findings into SARIF 2.1.0, one run per tool, fit for GitHub code scanning: paths are
 * repo-relative URIs under the `%SRCROOT%` base, each result carries the finding's fingerprint
 * as `partialFingerprints`, so code scanning tracks it across line moves, and its status as
 * `baselineState` (a baselined one also as an external, accepted suppression); every rule has help text.
 */
export function toSarif(runs: SarifRunInput[]): Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: runs.map(toRun),
  };
}

/**
 * A run that holds several tools' findings (quality's checks in one `br-guard quality` run) names
 * each rule after its check too, so `eslint/complexity` and the complexity check's rule stay apart.
 */
function ruleIdOf(finding: Finding, tool: string): string {
  return finding.check === tool ? finding.rule : ruleName(finding);
}

function toRun(input: SarifRunInput): Run {
  const help = input.help ?? ruleHelp;
  const firstOf = new Map<string, Finding>();
  for (const finding of input.findings) {
    const id = ruleIdOf(finding, input.tool);
    if (!firstOf.has(id)) firstOf.set(id, finding);
  }
  const ruleIds = [...firstOf.keys()].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const { text, uri } = help(firstOf.get(id)!);
    return { id, shortDescription: { text: id }, help: { text }, ...(uri ? { helpUri: uri } : {}) };
  });
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
    // A run with no results may mean "clean" or "did not run": the invocation tells them apart.
    ...(input.invocation
      ? {
          invocations: [
            {
              executionSuccessful: input.invocation.ok,
              toolExecutionNotifications: [{ message: { text: input.invocation.message }, level: input.invocation.ok ? 'note' : 'error' }],
            },
          ],
        }
      : {}),
    results: input.findings.map((finding) => {
      const id = ruleIdOf(finding, input.tool);
      return toResult(finding, id, index.get(id) ?? 0);
    }),
  };
}

function toResult(finding: Finding, ruleId: string, ruleIndex: number): Result {
  const result: Result = {
    ruleId,
    ruleIndex,
    level: levels[finding.severity],
    message: { text: finding.message },
    partialFingerprints: { 'brGuard/v1': finding.fingerprint },
    baselineState: baselineStates[finding.status],
  };
  // A baselined finding is known and accepted, not gone: a suppression kept outside the code.
  if (finding.status === 'baselined') {
    const file = baselineFile(finding);
    result.suppressions = [
      { kind: 'external', status: 'accepted', justification: `accepted in the br-guard baseline${file ? ` (${file})` : ''}` },
    ];
  }
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
  // A SARIF `fixes` entry must carry concrete edits; a fix described in words (a gap's prompt)
  // travels in the result's property bag, where code-scanning tools and scripts can read it.
  if (finding.fix) result.properties = { fix: finding.fix.description };
  return result;
}
