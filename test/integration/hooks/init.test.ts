import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('init twice with a chained .git/hooks hook and a project Prettier: same files, still chained, check does not flag them', () => {
  const prettierrc = '{\n    "tabWidth": 4,\n    "singleQuote": true,\n    "printWidth": 60,\n    "bracketSpacing": false\n}\n';
  const repo = createTempRepo({
    commit: true,
    files: {
      // Formatted as this Prettier config wants it, so the prepare edit is formatted too.
      'package.json': '{\n    "name": "app",\n    "version": "1.0.0"\n}\n',
      '.prettierrc.json': prettierrc,
    },
  });
  try {
    // The project's own Prettier, installed in its node_modules.
    mkdirSync(join(repo.root, 'node_modules'), { recursive: true });
    symlinkSync(join(process.cwd(), 'node_modules', 'prettier'), join(repo.root, 'node_modules', 'prettier'));
    writeFileSync(join(repo.root, '.gitignore'), 'node_modules/\n');
    const legacy = join(repo.root, '.git', 'hooks', 'pre-commit');
    writeFileSync(legacy, '#!/bin/sh\necho legacy-pre-commit-ran\n');
    chmodSync(legacy, 0o755);
    const written = [
      '.husky/pre-commit',
      '.husky/pre-push',
      '.husky/post-merge',
      'package.json',
      'quality-standards.yaml',
      '.br-guardrc.yaml',
      '.buildrunner/.gitignore',
    ];
    const snapshot = () => Object.fromEntries(written.map((path) => [path, readFileSync(join(repo.root, path), 'utf8')]));

    const first = runCli(['init'], { cwd: repo.root });
    assert.is(first.code, 0, first.stderr);
    assert.match(first.stderr, /chains the earlier hook \(\.git\/hooks\/pre-commit\)/);
    const after = snapshot();
    assert.match(after['.husky/pre-commit']!, /br_guard_legacy="\$\(git rev-parse --git-common-dir\)\/hooks\/pre-commit"/);
    assert.match(after['quality-standards.yaml']!, /^ {4}minScore: 80$/m, 'indented as the project formats YAML');
    assert.match(after['package.json']!, /^ {8}"prepare": "husky"$/m);
    assert.is(repo.git('config', 'core.hooksPath').trim(), '.husky/_');

    for (let run = 0; run < 2; run++) {
      const again = runCli(['init', '--json'], { cwd: repo.root });
      assert.is(again.code, 0, again.stderr);
      assert.is(again.json<{ changed: boolean }>().changed, false, again.stderr);
      assert.equal(snapshot(), after, 'any number of runs leave the same files');
    }
    assert.match(readFileSync(join(repo.root, '.husky', 'pre-commit'), 'utf8'), /hooks\/pre-commit"\nif \[ -x "\$br_guard_legacy" \]/);

    // The chained hook still runs: the hook file with a stand-in br-guard on PATH.
    const bin = join(repo.root, 'node_modules', '.fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'br-guard'), '#!/bin/sh\necho br-guard-ran "$@"\n');
    chmodSync(join(bin, 'br-guard'), 0o755);
    const ran = spawnSync('sh', ['-e', '.husky/pre-commit'], {
      cwd: repo.root,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    assert.is(ran.status, 0, ran.stderr);
    assert.match(ran.stdout, /br-guard-ran hook pre-commit[\s\S]*legacy-pre-commit-ran/);

    const quality = runCli(['quality', 'check', '--all', '--json'], { cwd: repo.root });
    const findings = quality.json<{ findings: Array<{ check: string; file: string; message: string }> }>().findings;
    const flagged = findings.filter((f) => f.check === 'prettier' && written.includes(f.file));
    assert.equal(flagged, [], JSON.stringify(flagged));
    const prettierCheck = quality.json<{ checks: Array<{ name: string; status: string }> }>().checks.find((c) => c.name === 'prettier');
    assert.is(prettierCheck?.status, 'passed', quality.stdout);
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
