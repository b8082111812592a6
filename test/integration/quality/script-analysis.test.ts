import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import {
  AnalysisUnavailableError,
  runningAnalysisThreads,
  scriptAnalysis,
  threadAnalysis,
} from '../../../src/quality/checkers/script-analysis-service.js';
import { jsParserStatus } from '../../../src/adapters/parse-js.js';
import { prepareQualityCheck, runQualityCheck } from '../../../src/quality/run-quality-check.js';
import type { Checker } from '../../../src/quality/types.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

function loaded(): LoadedConfig {
  return { config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null };
}

const serviceModule = new URL('../../../src/quality/checkers/script-analysis-service.js', import.meta.url).href;

test('the analysis worker lints, fixes, measures and runs the security rules for one project', async () => {
  const repo = createTempRepo({ files: { 'eslint.config.mjs': "export default [{ rules: { 'prefer-const': 'error' } }];\n" } });
  try {
    const analysis = threadAnalysis(repo.root);
    assert.is(threadAnalysis(repo.root), analysis, 'one worker per root');
    analysis.warmEslint();
    const text = 'let a = 1;\nexport const b = a;\n';
    const checked = await analysis.lint('src/a.js', text, false);
    assert.is(checked.output, text, 'checking never rewrites');
    assert.equal(
      checked.messages.map((m) => m.ruleId),
      ['prefer-const'],
    );
    const fixed = await analysis.lint('src/a.js', text, true);
    assert.is(fixed.output, 'const a = 1;\nexport const b = a;\n');
    assert.equal(fixed.messages, []);
    const [fn] = await analysis.complexity('src/a.ts', 'export function f(a: number) {\n  if (a) return 1;\n  return 2;\n}\n');
    assert.equal([fn?.name, fn?.cyclomatic], ['f', 2]);
    const hits = await analysis.security('src/a.js', 'export const run = (input) => eval(input);\n');
    assert.equal(
      hits.map((hit) => hit.rule),
      ['no-eval'],
    );
    // A syntax error fails that one request, not the worker.
    const broken = await analysis.complexity('src/b.ts', 'export function (').catch((error: unknown) => error);
    assert.instance(broken, Error);
    assert.not.instance(broken, AnalysisUnavailableError);
    assert.is((await analysis.complexity('src/c.ts', 'export const c = 1;\n')).length, 0);
  } finally {
    repo.cleanup();
  }
});

test('a broken ESLint config: --fix still formats, the ESLint check reports the config error, the other checks run', async () => {
  const repo = createTempRepo({
    files: {
      'eslint.config.mjs': "throw new Error('config exploded');\n",
      'src/a.ts': 'export function f( a:number ) { return a }\n',
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'files', files: ['src/a.ts'] }, fix: true, only: ['prettier', 'eslint', 'complexity'] },
    );
    assert.is(readFileSync(`${repo.root}/src/a.ts`, 'utf8'), 'export function f(a: number) {\n  return a;\n}\n');
    assert.equal(result.fixed, ['src/a.ts']);
    const eslint = result.checks.find((check) => check.name === 'eslint');
    assert.is(eslint?.status, 'error');
    assert.match(eslint?.reason ?? '', /config exploded/);
    assert.is(result.checks.find((check) => check.name === 'complexity')?.status, 'passed');
  } finally {
    repo.cleanup();
  }
});

test('a worker that dies fails what waits with AnalysisUnavailableError, and the next call starts a fresh one', async () => {
  const repo = createTempRepo({ files: { 'eslint.config.mjs': 'process.exit(3);\n' } });
  try {
    const analysis = threadAnalysis(repo.root);
    const error = await analysis.lint('a.js', 'export const a = 1;\n', false).catch((caught: unknown) => caught);
    assert.instance(error, AnalysisUnavailableError);
    assert.match(String((error as Error).message), /exit code 3/);
    const fresh = threadAnalysis(repo.root);
    assert.is.not(fresh, analysis);
    assert.is((await fresh.complexity('a.ts', 'export const a = 1;\n')).length, 0);
  } finally {
    repo.cleanup();
  }
});

test('a process that only warmed the worker (a hook stopped before quality) exits at once', () => {
  const repo = createTempRepo({ files: { 'eslint.config.mjs': 'export default [];\n' } });
  try {
    const script = `const { scriptAnalysis } = await import(${JSON.stringify(serviceModule)}); scriptAnalysis(${JSON.stringify(repo.root)}).warmEslint();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.is(run.signal, null, 'the worker kept the process alive');
    assert.is(run.status, 0, run.stderr);
  } finally {
    repo.cleanup();
  }
});

test('on oxc-parser, complexity and the security rules answer in this process: no analysis thread, no TypeScript, the same answers', async () => {
  const repo = createTempRepo({ files: { 'src/a.ts': 'export const a = 1;\n' } });
  try {
    assert.is((await jsParserStatus()).parser, 'oxc-parser', 'oxc-parser loads on this machine');
    const analysis = scriptAnalysis(repo.root);
    analysis.prepare();
    const code = 'export function f(a: number) {\n  if (a) return eval(String(a));\n  return 2;\n}\n';
    const [functions, hits] = await Promise.all([analysis.complexity('src/a.ts', code), analysis.security('src/a.ts', code)]);
    assert.not.ok(runningAnalysisThreads().includes(repo.root), 'no thread was started for them');
    // The thread (the typescript-estree fallback's path) gives the same answers.
    const thread = threadAnalysis(repo.root);
    assert.equal(functions, await thread.complexity('src/a.ts', code));
    assert.equal(hits, await thread.security('src/a.ts', code));
    assert.equal(
      hits.map((hit) => hit.rule),
      ['no-eval'],
    );
    // A syntax error is a rejection, as from the thread (the checkers skip the file).
    let rejected = false;
    await analysis.complexity('src/b.ts', 'export function (').catch(() => (rejected = true));
    assert.ok(rejected);
  } finally {
    repo.cleanup();
  }
});

test('checkers are prepared only when a file in scope is theirs, and prepareQualityCheck reuses the one worker', async () => {
  const repo = createTempRepo({ files: { 'eslint.config.mjs': 'export default [];\n', 'src/a.ts': 'export const a = 1;\n' } });
  try {
    const prepared: string[] = [];
    const checker = (name: string, extension: string): Checker => ({
      name,
      dimension: 'format',
      appliesTo: (path) => path.endsWith(extension),
      prepare: (root) => void prepared.push(`${name}:${root === repo.root}`),
      run: async () => ({ findings: [] }),
    });
    const git = await Git.open(repo.root);
    await runQualityCheck(
      { git, loaded: loaded(), checkers: [checker('ts', '.ts'), checker('py', '.py')] },
      { scope: { kind: 'files', files: ['src/a.ts'] }, fix: false },
    );
    assert.equal(prepared, ['ts:true']);
    prepareQualityCheck(repo.root, ['src/a.ts']);
    const worker = threadAnalysis(repo.root);
    prepareQualityCheck(repo.root, ['src/a.ts']);
    assert.is(threadAnalysis(repo.root), worker);
    assert.equal((await worker.lint('src/a.ts', 'export const a = 1;\n', false)).messages, []);
  } finally {
    repo.cleanup();
  }
});

test('a process keeps at most two idle workers; a stopped one hands its calls to a fresh worker', async () => {
  const repos = [0, 1, 2].map(() => createTempRepo({ files: { 'eslint.config.mjs': 'export default [];\n' } }));
  try {
    const [first, second, third] = repos.map((repo) => threadAnalysis(repo.root));
    assert.is(threadAnalysis(repos[1]!.root), second, 'the recently used worker stays');
    assert.is(threadAnalysis(repos[2]!.root), third);
    assert.is.not(threadAnalysis(repos[0]!.root), first, 'the least recently used idle worker was stopped');
    assert.is((await first!.complexity('a.ts', 'export function f() {}\n')).length, 1);
  } finally {
    for (const repo of repos) repo.cleanup();
  }
});

test.run();
