import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '../../adapters/process-runner.js';
import { ToolMissingError } from '../../domain/errors.js';
import type { Finding, Severity } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import { toolBinary } from './files-on-disk.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';

const npmSeverity: Record<string, Severity> = { critical: 'error', high: 'error', moderate: 'warning', low: 'info', info: 'info' };
const requirements = /(?:^|\/)requirements[^/]*\.txt$/;

/**
 * Dependency advisories: `npm audit --json` for npm lockfiles, `pip-audit` (else `safety`) for
 * requirements files. Skipped, with the reason, when the tool or the advisory service is not there.
 */
export const auditChecker: Checker = {
  name: 'audit',
  dimension: 'security',
  appliesTo: (path) => /(?:^|\/)(?:package\.json|package-lock\.json|npm-shrinkwrap\.json)$/.test(path) || requirements.test(path),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const findings: Finding[] = [];
    const skipped: string[] = [];
    const paths = context.files.map((file) => file.path);
    const pythonFiles = paths.filter((path) => requirements.test(path));
    const npmFiles = paths.length > pythonFiles.length;
    const attempts: Array<Promise<Finding[] | string>> = [
      ...(npmFiles ? [npmAudit(context)] : []),
      ...pythonFiles.map((path) => pythonAudit(context, path)),
    ];
    for (const outcome of await Promise.all(attempts)) {
      if (typeof outcome === 'string') skipped.push(outcome);
      else findings.push(...outcome);
    }
    if (skipped.length === attempts.length) return { findings, skipped: skipped.join('; ') };
    return skipped.length ? { findings, note: skipped.join('; ') } : { findings };
  },
};

async function npmAudit(context: CheckContext): Promise<Finding[] | string> {
  const lockName = ['package-lock.json', 'npm-shrinkwrap.json'].find((name) => existsSync(join(context.root, name)));
  if (!lockName) return 'npm audit needs a lockfile (run npm install --package-lock-only)';
  let result;
  try {
    result = await runProcess(toolBinary(context, 'npm'), ['audit', '--json', '--fetch-retries=0'], {
      cwd: context.root,
      installHint: 'install Node.js with npm: https://nodejs.org',
      timeoutMs: Math.min(60_000, context.loaded.config.quality.timeoutMs),
    });
  } catch (error) {
    if (error instanceof ToolMissingError) return `npm is not installed (${error.installHint})`;
    throw error;
  }
  return parseNpmAudit(result.stdout, lockName, await readLock(context, lockName));
}

async function readLock(context: CheckContext, lockName: string): Promise<string> {
  const staged = context.files.find((file) => file.path === lockName);
  if (staged) return staged.read();
  const { readFile } = await import('node:fs/promises');
  return readFile(join(context.root, lockName), 'utf8');
}

interface NpmVulnerability {
  name: string;
  severity: string;
  range?: string;
  fixAvailable?: unknown;
  via: Array<string | { title?: string; url?: string; source?: number }>;
}

/** Parses `npm audit --json` (report version 2); a string result is the reason to skip. */
export function parseNpmAudit(stdout: string, lockName: string, lockText: string): Finding[] | string {
  let report: { vulnerabilities?: Record<string, NpmVulnerability>; message?: string; error?: { code?: string; summary?: string } };
  try {
    report = JSON.parse(stdout || '{}') as typeof report;
  } catch {
    return 'npm audit printed no JSON report';
  }
  if (!report.vulnerabilities) {
    const why = report.message ?? report.error?.summary ?? report.error?.code ?? 'no report';
    return `npm audit could not reach the advisory service (${why.split('\n')[0]})`;
  }
  const lines = lockText.split('\n');
  return Object.values(report.vulnerabilities).map((vulnerability) => {
    const advisory = vulnerability.via.find((via): via is { title?: string; url?: string } => typeof via === 'object');
    const title = advisory?.title ?? `depends on vulnerable ${vulnerability.via.filter((v) => typeof v === 'string').join(', ')}`;
    const index = lines.findIndex((line) => line.includes(`"node_modules/${vulnerability.name}"`));
    const fix = vulnerability.fixAvailable ? ' (fix available: npm audit fix)' : '';
    return qualityFinding({
      check: 'audit',
      rule: advisory?.url?.split('/').pop() ?? `npm-${vulnerability.name}`,
      severity: npmSeverity[vulnerability.severity] ?? 'warning',
      file: lockName,
      line: index === -1 ? null : index + 1,
      column: index === -1 ? null : 1,
      message: `${vulnerability.name} ${vulnerability.range ?? ''}: ${title} [${vulnerability.severity}]${fix}`.replace(/\s+:/, ':'),
      key: `${vulnerability.name}\0${title}`,
    });
  });
}

async function pythonAudit(context: CheckContext, path: string): Promise<Finding[] | string> {
  const options = { cwd: context.root, timeoutMs: Math.min(120_000, context.loaded.config.quality.timeoutMs) };
  try {
    const result = await runProcess(toolBinary(context, 'pip-audit'), ['-r', path, '-f', 'json', '--progress-spinner', 'off'], {
      ...options,
      installHint: 'pip install pip-audit',
    });
    return parsePipAudit(result.stdout, path) ?? `pip-audit could not check ${path}: ${result.stderr.trim().split('\n').pop() ?? ''}`;
  } catch (error) {
    if (!(error instanceof ToolMissingError)) throw error;
  }
  try {
    const result = await runProcess(toolBinary(context, 'safety'), ['check', '-r', path, '--json'], {
      ...options,
      installHint: 'pip install safety',
    });
    return parseSafety(result.stdout, path) ?? `safety could not check ${path}`;
  } catch (error) {
    if (!(error instanceof ToolMissingError)) throw error;
    return `neither pip-audit nor safety is installed (install one: pip install pip-audit)`;
  }
}

/** `pip-audit -f json`: `{dependencies: [{name, version, vulns: [{id, fix_versions}]}]}`; null when unparsable. */
export function parsePipAudit(stdout: string, path: string): Finding[] | null {
  try {
    const data = JSON.parse(stdout) as { dependencies?: PipDependency[] } | PipDependency[];
    const dependencies = Array.isArray(data) ? data : (data.dependencies ?? []);
    return dependencies.flatMap((dependency) =>
      (dependency.vulns ?? []).map((vuln) =>
        qualityFinding({
          check: 'audit',
          rule: vuln.id,
          severity: 'warning',
          file: path,
          message: `${dependency.name} ${dependency.version ?? ''}: ${vuln.id}${vuln.fix_versions?.length ? ` (fixed in ${vuln.fix_versions.join(', ')})` : ''}`,
          key: `${dependency.name}\0${vuln.id}`,
        }),
      ),
    );
  } catch {
    return null;
  }
}

interface PipDependency {
  name: string;
  version?: string;
  vulns?: Array<{ id: string; fix_versions?: string[] }>;
}

/** `safety check --json`: `{vulnerabilities: [{package_name, vulnerability_id, advisory}]}`. */
export function parseSafety(stdout: string, path: string): Finding[] | null {
  try {
    const data = JSON.parse(stdout) as {
      vulnerabilities?: Array<{ package_name: string; analyzed_version?: string; vulnerability_id: string; advisory?: string }>;
    };
    return (data.vulnerabilities ?? []).map((vuln) =>
      qualityFinding({
        check: 'audit',
        rule: vuln.vulnerability_id,
        severity: 'warning',
        file: path,
        message: `${vuln.package_name} ${vuln.analyzed_version ?? ''}: ${(vuln.advisory ?? vuln.vulnerability_id).split('\n')[0]}`,
        key: `${vuln.package_name}\0${vuln.vulnerability_id}`,
      }),
    );
  } catch {
    return null;
  }
}
