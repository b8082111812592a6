import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../src/config/defaults.js';
import type { LoadedConfig } from '../../src/config/types.js';
import type { Spec } from '../../src/domain/spec.js';
import type { DriftResult, DriftViolation } from '../../src/drift/types.js';
import type { Gap, GapReport } from '../../src/gaps/types.js';
import type { HookSystems } from '../../src/hooks/system-deps.js';
import type { QualityFinding, QualityResult } from '../../src/quality/types.js';
import { computeStagedFixes, writeStagedFixes } from '../../src/quality/apply-staged-fixes.js';
import { markerPath } from '../../src/hooks/backup.js';

/** Defaults-only config, with overrides for the hooks section. */
export function fakeLoaded(hooks: Partial<LoadedConfig['config']['hooks']['prePush']> = {}): LoadedConfig {
  const config = defaultConfig();
  config.hooks.prePush = { ...config.hooks.prePush, ...hooks };
  return { config, configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}

export function fakeSpec(): Spec {
  return {
    file: 'PROJECT_SPEC.md',
    title: 'T',
    overview: '',
    features: [],
    techStack: { dependencies: [], tools: [] },
    performanceRequirements: [],
    fileStructure: [],
    warnings: [],
  };
}

/** A quality finding with what a test leaves out filled in (a new error, unfixable, fingerprinted by its place). */
export function fakeQualityFinding(
  finding: Partial<QualityFinding> & Pick<QualityFinding, 'check' | 'rule' | 'file' | 'line' | 'message'>,
): QualityFinding {
  const status = finding.status ?? (finding.new === false ? 'old' : 'new');
  return {
    system: 'quality',
    severity: 'error',
    column: null,
    fingerprint: `${finding.check}/${finding.rule}@${finding.file}:${finding.line}`,
    fixable: false,
    ...finding,
    status,
    new: status === 'new',
  };
}

/** A whole quality result from a verdict, its findings and its checks. */
export function fakeQualityResult(
  passed: boolean,
  findings: QualityFinding[] = [],
  checks: Array<Pick<QualityResult['checks'][number], 'name' | 'status' | 'reason'>> = [],
  extra: Partial<QualityResult> = {},
): QualityResult {
  return {
    score: passed ? 100 : 40,
    rating: passed ? 'A' : 'E',
    passed,
    dimensions: {},
    checks: checks.map((check) => ({ engine: check.name, durationMs: 0, ...check })),
    findings,
    scope: 'staged',
    filesChecked: 0,
    linesChecked: 0,
    fixed: [],
    fixNotes: [],
    fixConflicts: [],
    failures: passed ? [] : ['failed'],
    ...extra,
  };
}

/** A drift violation keyed by its file and message (error, not baselined, unless said). */
export function fakeViolation(
  violation: Partial<DriftViolation> & Pick<DriftViolation, 'rule' | 'file' | 'line' | 'message'>,
): DriftViolation {
  return { severity: 'error', baselined: false, key: `${violation.file ?? ''}:${violation.message}`, ...violation };
}

/** A whole drift result from its violations; it passes when no error is open. */
export function fakeDriftResult(violations: DriftViolation[] = []): DriftResult {
  const open = violations.filter((v) => !v.baselined);
  return {
    passed: !open.some((v) => v.severity === 'error'),
    violations,
    stale: [],
    scope: { kind: 'staged' },
    specChanged: false,
    summary: {
      errors: open.filter((v) => v.severity === 'error').length,
      warnings: open.filter((v) => v.severity === 'warning').length,
      infos: open.filter((v) => v.severity === 'info').length,
      baselined: violations.length - open.length,
      filesChecked: 0,
    },
    changes: {
      filesAdded: 0,
      filesRemoved: 0,
      filesRenamed: 0,
      importsAdded: 0,
      importsRemoved: 0,
      dependenciesAdded: [],
      dependenciesRemoved: [],
      endpointsAdded: [],
    },
  };
}

/** A gap with a prompt that names it. */
export function fakeGap(gap: Omit<Gap, 'prompt'> & { prompt?: string }): Gap {
  return { prompt: `Fix ${gap.id}: ${gap.message}`, ...gap };
}

/** A whole gap report from a completion and its gaps. */
export function fakeGapReport(completion: number, gaps: Gap[] = []): GapReport {
  return {
    completion,
    features: [],
    items: [],
    gaps,
    endpoints: [],
    calls: [],
    stats: { files: 0, scanned: 0, parsed: 0, cached: 0, durationMs: 0 },
  };
}

export interface FakeLog {
  calls: string[];
  /** Staged paths whose fix waits for the pre-commit's backup marker (see the fake fixer). */
  slowFixes?: string[];
}

/**
 * Systems that behave predictably on small text files: a "secret" is a line with `SECRET=`,
 * the fixer collapses runs of spaces, a quality failure is a line with `BAD`, drift fails on
 * files under `forbidden/`. They read what the real systems read (index or work tree).
 */
export function fakeSystems(log: FakeLog = { calls: [] }, overrides: Partial<HookSystems> = {}): HookSystems {
  const quality = (passed: boolean, findings: QualityFinding[]): QualityResult =>
    fakeQualityResult(passed, findings, [{ name: 'fake', status: passed ? 'passed' : 'failed', reason: null }]);
  return {
    async loadSpec() {
      log.calls.push('loadSpec');
      return fakeSpec();
    },
    async validateSpec() {
      log.calls.push('validateSpec');
      return { valid: true, errors: [], warnings: [] };
    },
    async runQualityCheck(git: Git, _loaded, options) {
      log.calls.push(`quality:${options.scope.kind}:${options.only?.join(',') ?? 'all'}:${options.fix ? 'fix' : 'nofix'}`);
      if (options.only?.includes('secrets')) {
        const findings: QualityFinding[] = [];
        for (const change of await git.stagedChanges()) {
          const text = (await git.readStaged(change.path))?.toString('utf8') ?? '';
          text.split('\n').forEach((line, i) => {
            if (line.includes('SECRET='))
              findings.push(
                fakeQualityFinding({ check: 'secrets', rule: 'generic', file: change.path, line: i + 1, message: 'SECRET=****' }),
              );
          });
        }
        return quality(findings.length === 0, findings);
      }
      const findings: QualityFinding[] = [];
      const judge = (file: string, text: string) =>
        text.split('\n').forEach((line, i) => {
          if (line.includes('BAD'))
            findings.push(fakeQualityFinding({ check: 'fake', rule: 'bad', file, line: i + 1, message: 'BAD found' }));
        });
      if (options.scope.kind === 'staged') {
        // The real pipeline, index-native, with a fixer that collapses runs of spaces.
        const paths = (await git.stagedChanges()).filter((change) => change.status !== 'D').map((change) => change.path);
        // A path named in `slowFixes` is fixed only once the backup marker exists (or after 2 s): the
        // backup must begin while other files are still being fixed (see `onFixFound`).
        const fixer = async (path: string, text: string) => {
          if (log.slowFixes?.includes(path)) {
            const marker = markerPath(git.gitDir);
            const until = Date.now() + 2000;
            while (!existsSync(marker) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
            log.calls.push(`fixing ${path}: ${existsSync(marker) ? 'backup begun' : 'no backup yet'}`);
          }
          return text.replace(/ {2,}/g, ' ');
        };
        if (!options.fix) {
          for (const path of paths) judge(path, (await git.readStaged(path))?.toString('utf8') ?? '');
          return quality(findings.length === 0, findings);
        }
        const fixes = await computeStagedFixes(git, paths, fixer, options.onFixFound);
        const results = await writeStagedFixes(git, fixes, options.writeFile, options.writeIndex);
        for (const [path, text] of fixes.texts) judge(path, text);
        return {
          ...quality(findings.length === 0, findings),
          fixed: results.filter((result) => result.indexUpdated).map((result) => result.path),
          fixConflicts: fixes.conflicts,
        };
      }
      const scope = options.scope;
      const files = scope.kind === 'files' || scope.kind === 'commit' ? scope.files : [];
      for (const file of files) {
        const path = join(git.root, file);
        // A commit scope reads the commit's blob, as the real quality check does.
        let text = scope.kind === 'commit' ? ((await git.readAt(scope.ref, file))?.toString('utf8') ?? '') : await readFile(path, 'utf8');
        if (options.fix) {
          const fixed = text.replace(/ {2,}/g, ' ');
          if (fixed !== text) await writeFile(path, fixed);
          text = fixed;
        }
        judge(file, text);
      }
      return quality(findings.length === 0, findings);
    },
    async runDriftCheck(git, _loaded, _spec, scope) {
      log.calls.push(`drift:${scope.kind}`);
      const changes = scope.kind === 'range' ? await git.rangeChanges(scope.from, scope.to) : await git.stagedChanges();
      const violations = changes
        .filter((change) => change.path.startsWith('forbidden/'))
        .map((change) => fakeViolation({ rule: 'layer-violation', file: change.path, line: 1, message: 'forbidden layer' }));
      return fakeDriftResult(violations);
    },
    async runGapAnalysis(_git, _loaded, _spec, options) {
      log.calls.push(`gaps:${options.recordProgress ? 'record' : 'plain'}`);
      return fakeGapReport(50, [
        fakeGap({ id: 'g1', kind: 'missing-file', featureId: 'f', file: 'a.ts', line: null, message: 'a.ts is missing' }),
      ]);
    },
    async isBuildActive() {
      log.calls.push('isBuildActive');
      return false;
    },
    async createCheckpoint(_git, options) {
      log.calls.push(`checkpoint:${options.auto}`);
      return { name: 'auto-1', commit: 'a'.repeat(40) };
    },
    async refreshManifest(git) {
      log.calls.push('manifest');
      void git;
      return { specHash: 'h', items: [] };
    },
    ...overrides,
  };
}

/** Resolves with the error a promise rejects with (uvu has no `rejects`). */
export async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
