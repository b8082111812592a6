import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readWorkerStatus } from '../../../../src/quality/warm-worker/worker-status.js';
import { runCli } from '../../../helpers/run-cli.js';
import { createTempRepo, type TempRepo } from '../../../helpers/temp-repo.js';
import { pathsOf, startTestWorker, stopTestWorker } from '../../../helpers/warm-worker.js';

/** Something for every tool the worker hosts: lint, format (and a syntax error), complexity, security, Ruff. */
const files = {
  'package.json': '{ "name": "sample", "type": "module" }\n',
  'src/a.ts': `export function pick(a: number, b: number) {\n  const unused = 1;\n  if (a) { if (b) { if (a > b) { if (b > 2) { if (a > 3) { return eval("a"); } } } } }\n  return  a+b\n}\n`,
  'src/b.ts': 'export const b = {x:1}\n',
  'src/broken.ts': 'export const = ;\n',
  'src/data.json': '{"a":1,\n"b":[1,2]}\n',
  'src/tool.py': 'import os\nimport sys\n\n\ndef f( x ):\n    return x\n',
};

function staged(): TempRepo {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# sample\n' } });
  repo.write(files);
  repo.git('add', '-A');
  return repo;
}

/** A quality result without what differs run to run (durations). */
function verdict(stdout: string): unknown {
  const result = JSON.parse(stdout) as { checks: Array<{ durationMs?: number }> };
  for (const check of result.checks) delete check.durationMs;
  return result;
}

test('quality check --staged gives the same result through the warm worker as in-process', async () => {
  const repo = staged();
  try {
    const inProcess = runCli(['quality', 'check', '--staged', '--json'], { cwd: repo.root, env: { BR_GUARD_WORKER: '0' } });
    assert.is(inProcess.code, 1, inProcess.stderr);
    repo.git('clean', '-fdxq', '.buildrunner'); // No result cache: both runs ask the tools.
    await startTestWorker(repo.root);
    const viaWorker = runCli(['quality', 'check', '--staged', '--json'], { cwd: repo.root, env: { BR_GUARD_WORKER: '1' } });
    assert.is(viaWorker.code, 1, viaWorker.stderr);
    const status = await readWorkerStatus(repo.root, pathsOf(repo.root));
    assert.ok(status.running && status.requests > 0, 'the worker answered the check');
    assert.ok(status.running && status.toolsLoaded.includes('eslint') && status.toolsLoaded.includes('prettier'));
    assert.equal(verdict(viaWorker.stdout), verdict(inProcess.stdout));
    const findings = (JSON.parse(viaWorker.stdout) as { findings: Array<{ check: string; rule: string }> }).findings.map(
      (f) => `${f.check}/${f.rule}`,
    );
    for (const expected of [
      'eslint/@typescript-eslint/no-unused-vars',
      'prettier/format',
      'prettier/syntax-error',
      'security/no-eval',
      'complexity/nesting-depth',
      'ruff/F401',
      'ruff/format',
    ]) {
      assert.ok(
        findings.some((finding) => finding.startsWith(expected)),
        `${expected} in ${findings.join(', ')}`,
      );
    }
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test('quality check --staged --fix: the same fixes through the worker as in-process', async () => {
  const inRepo = staged();
  const workerRepo = staged();
  try {
    await startTestWorker(workerRepo.root);
    const inProcess = runCli(['quality', 'check', '--staged', '--fix', '--json'], { cwd: inRepo.root, env: { BR_GUARD_WORKER: '0' } });
    const viaWorker = runCli(['quality', 'check', '--staged', '--fix', '--json'], { cwd: workerRepo.root, env: { BR_GUARD_WORKER: '1' } });
    const a = verdict(inProcess.stdout) as { fixed: string[] };
    assert.ok(a.fixed.length >= 3, `fixed ${a.fixed.join(', ')}`);
    assert.equal(verdict(viaWorker.stdout), a);
    for (const path of a.fixed) {
      assert.is(workerRepo.git('show', `:${path}`), inRepo.git('show', `:${path}`), path);
    }
    const status = await readWorkerStatus(workerRepo.root, pathsOf(workerRepo.root));
    assert.ok(status.running && status.requests > 0);
  } finally {
    await stopTestWorker(workerRepo.root);
    inRepo.cleanup();
    workerRepo.cleanup();
  }
});

test('a nested Prettier config edited between two clients of one worker: the second is formatted by the new one', async () => {
  // The version key covers the root's configs only; a nested .prettierrc is Prettier's to find,
  // and a long-lived Prettier remembers what it found unless told to forget.
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{ "name": "sample", "type": "module" }\n' } });
  const fixedLine = (file: string, env: NodeJS.ProcessEnv): string => {
    repo.write({ [file]: 'export const b = {x:1}\n' });
    repo.git('add', file);
    const run = runCli(['quality', 'check', '--staged', '--fix', '--only', 'prettier', '--json'], { cwd: repo.root, env });
    assert.ok((JSON.parse(run.stdout) as { fixed: string[] }).fixed.includes(file), run.stdout);
    return repo.git('show', `:${file}`).trim();
  };
  try {
    repo.write({ 'src/.prettierrc.json': '{ "semi": false }\n' });
    await startTestWorker(repo.root);
    assert.is(fixedLine('src/one.ts', { BR_GUARD_WORKER: '1' }), 'export const b = { x: 1 }');
    repo.write({ 'src/.prettierrc.json': '{ "semi": true }\n' });
    assert.is(fixedLine('src/two.ts', { BR_GUARD_WORKER: '1' }), 'export const b = { x: 1 };', 'the worker formats with the edited config');
    assert.is(fixedLine('src/three.ts', { BR_GUARD_WORKER: '0' }), 'export const b = { x: 1 };', 'as in-process does');
    const status = await readWorkerStatus(repo.root, pathsOf(repo.root));
    assert.ok(status.running && status.requests >= 2, 'the worker answered both');
  } finally {
    await stopTestWorker(repo.root);
    repo.cleanup();
  }
});

test.run();
