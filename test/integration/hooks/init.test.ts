import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

test('init sets up husky, hooks, prepare, standards, config and .buildrunner; a second run changes nothing', () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{\n  "name": "app",\n  "version": "1.0.0"\n}\n' } });
  try {
    const first = runCli(['init'], { cwd: repo.root, env: { HUSKY: '0' } });
    assert.is(first.code, 0, first.stderr);
    assert.match(first.stderr, /created\s+\.husky\/pre-commit/);
    assert.is(repo.git('config', 'core.hooksPath').trim(), '.husky/_');
    for (const hook of ['pre-commit', 'pre-push', 'post-merge']) {
      const text = readFileSync(join(repo.root, '.husky', hook), 'utf8');
      assert.match(text, new RegExp(`"\\$br_guard_run" ${hook} "\\$@"`));
      assert.ok(statSync(join(repo.root, '.husky', hook)).mode & 0o100);
      assert.ok(existsSync(join(repo.root, '.husky', '_', hook)));
    }
    assert.is(readFileSync(join(repo.root, '.husky', '_', '.gitignore'), 'utf8'), '*');
    assert.is(JSON.parse(readFileSync(join(repo.root, 'package.json'), 'utf8')).scripts.prepare, 'husky');
    assert.match(readFileSync(join(repo.root, 'quality-standards.yaml'), 'utf8'), /minScore: 80/);
    assert.match(readFileSync(join(repo.root, '.br-guardrc.yaml'), 'utf8'), /prePush:/);
    assert.match(readFileSync(join(repo.root, '.buildrunner', '.gitignore'), 'utf8'), /^cache\/$/m);
    const second = runCli(['init', '--json'], { cwd: repo.root });
    assert.is(second.code, 0);
    assert.match(second.stderr, /nothing changed/);
    const result = second.json<{ changed: boolean; changes: Array<{ action: string }> }>();
    assert.is(result.changed, false);
    assert.ok(result.changes.every((c) => c.action === 'unchanged'));
  } finally {
    repo.cleanup();
  }
});

test('init keeps an existing husky hook, chains a .git/hooks hook, appends to prepare', () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'package.json': '{"name":"app","scripts":{"prepare":"tsc"}}',
      '.husky/pre-commit': '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpm test\n',
      'quality-standards.yaml': 'gates: { minScore: 50 }\n',
      '.br-guardrc.json': '{}',
    },
  });
  try {
    const legacy = join(repo.root, '.git', 'hooks', 'pre-push');
    writeFileSync(legacy, '#!/bin/sh\necho legacy-pre-push\n');
    chmodSync(legacy, 0o755);
    const result = runCli(['init'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const preCommit = readFileSync(join(repo.root, '.husky', 'pre-commit'), 'utf8');
    assert.ok(preCommit.startsWith('#!/usr/bin/env sh\n# >>> br-guard >>>'));
    assert.ok(preCommit.trimEnd().endsWith('npm test'));
    assert.not.match(preCommit, /husky\.sh/);
    assert.match(result.stderr, /kept what it already ran/);
    const prePush = readFileSync(join(repo.root, '.husky', 'pre-push'), 'utf8');
    assert.match(prePush, /git rev-parse --git-common-dir\)\/hooks\/pre-push/);
    assert.match(result.stderr, /chains the earlier hook \(\.git\/hooks\/pre-push\)/);
    assert.match(readFileSync(join(repo.root, 'package.json'), 'utf8'), /"prepare": "tsc && husky"/);
    assert.is(readFileSync(join(repo.root, 'quality-standards.yaml'), 'utf8'), 'gates: { minScore: 50 }\n');
    assert.not.ok(existsSync(join(repo.root, '.br-guardrc.yaml')));
  } finally {
    repo.cleanup();
  }
});

test('init in a monorepo sub-package and in a linked worktree', () => {
  const repo = createTempRepo({ commit: true, files: { 'packages/web/package.json': '{"name":"web"}', 'README.md': 'x\n' } });
  try {
    const sub = runCli(['init'], { cwd: join(repo.root, 'packages', 'web') });
    assert.is(sub.code, 0, sub.stderr);
    assert.is(repo.git('config', 'core.hooksPath').trim(), 'packages/web/.husky/_');
    assert.ok(existsSync(join(repo.root, 'packages', 'web', '.husky', 'pre-commit')));
    assert.is(
      JSON.parse(readFileSync(join(repo.root, 'packages/web/package.json'), 'utf8')).scripts.prepare,
      'cd ../.. && husky packages/web/.husky',
    );
    assert.ok(existsSync(join(repo.root, 'quality-standards.yaml')));
    const doctor = runCli(['doctor', '--json'], { cwd: join(repo.root, 'packages', 'web') });
    const report = doctor.json<{ ok: boolean; checks: Array<{ name: string; ok: boolean }> }>();
    assert.ok(report.checks.find((c) => c.name === 'hooks-path')?.ok);
    assert.ok(report.checks.find((c) => c.name === 'hook:pre-commit')?.ok);

    const wt = `${repo.root}-wt`;
    repo.git('worktree', 'add', '-q', '-b', 'wt', wt);
    try {
      mkdirSync(join(wt, 'x'), { recursive: true });
      writeFileSync(join(wt, 'package.json'), '{"name":"root"}');
      const inWorktree = runCli(['init'], { cwd: wt });
      assert.is(inWorktree.code, 0, inWorktree.stderr);
      assert.ok(existsSync(join(wt, '.husky', '_', 'h')));
      assert.is(repo.git('config', 'core.hooksPath').trim(), '.husky/_');
    } finally {
      repo.git('worktree', 'remove', '--force', wt);
    }
  } finally {
    repo.cleanup();
  }
});

test('init without package.json says how hooks survive a clone', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': 'x\n' } });
  try {
    const result = runCli(['init'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stderr, /no package\.json/);
  } finally {
    repo.cleanup();
  }
});

test.run();
