import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../src/config/defaults.js';
import type { LoadedConfig } from '../../src/config/types.js';
import type { Spec } from '../../src/domain/spec.js';
import type { HookSystems } from '../../src/hooks/system-deps.js';
import type { QualityResultLike } from '../../src/hooks/system-results.js';
import { computeStagedFixes, writeStagedFixes } from '../../src/quality/apply-staged-fixes.js';

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

export interface FakeLog {
  calls: string[];
}

/**
 * Systems that behave predictably on small text files: a "secret" is a line with `SECRET=`,
 * the fixer collapses runs of spaces, a quality failure is a line with `BAD`, drift fails on
 * files under `forbidden/`. They read what the real systems read (index or work tree).
 */
export function fakeSystems(log: FakeLog = { calls: [] }, overrides: Partial<HookSystems> = {}): HookSystems {
  const quality = (passed: boolean, findings: QualityResultLike['findings']): QualityResultLike => ({
    score: passed ? 100 : 40,
    rating: passed ? 'A' : 'E',
    passed,
    checks: [{ name: 'fake', status: passed ? 'passed' : 'failed', reason: null }],
    findings,
  });
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
        const findings: QualityResultLike['findings'] = [];
        for (const change of await git.stagedChanges()) {
          const text = (await git.readStaged(change.path))?.toString('utf8') ?? '';
          text.split('\n').forEach((line, i) => {
            if (line.includes('SECRET='))
              findings.push({
                check: 'secrets',
                rule: 'generic',
                severity: 'error',
                file: change.path,
                line: i + 1,
                message: 'SECRET=****',
              });
          });
        }
        return quality(findings.length === 0, findings);
      }
      const findings: QualityResultLike['findings'] = [];
      const judge = (file: string, text: string) =>
        text.split('\n').forEach((line, i) => {
          if (line.includes('BAD'))
            findings.push({ check: 'fake', rule: 'bad', severity: 'error', file, line: i + 1, message: 'BAD found' });
        });
      if (options.scope.kind === 'staged') {
        // The real pipeline, index-native, with a fixer that collapses runs of spaces.
        const paths = (await git.stagedChanges()).filter((change) => change.status !== 'D').map((change) => change.path);
        const fixer = async (_path: string, text: string) => text.replace(/ {2,}/g, ' ');
        if (!options.fix) {
          for (const path of paths) judge(path, (await git.readStaged(path))?.toString('utf8') ?? '');
          return quality(findings.length === 0, findings);
        }
        const fixes = await computeStagedFixes(git, paths, fixer);
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
        .map((change) => ({
          rule: 'layer-violation',
          severity: 'error' as const,
          file: change.path,
          line: 1,
          message: 'forbidden layer',
          baselined: false,
        }));
      return { passed: violations.length === 0, violations };
    },
    async runGapAnalysis(_git, _loaded, _spec, options) {
      log.calls.push(`gaps:${options.recordProgress ? 'record' : 'plain'}`);
      return {
        completion: 50,
        gaps: [{ id: 'g1', kind: 'missing-file', featureId: 'f', file: 'a.ts', line: null, message: 'a.ts is missing' }],
      };
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
