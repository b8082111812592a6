import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI, runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

/** A format-valid fake built at run time (this file holds no complete token). */
const token =
  ['gh', 'p_'].join('') +
  [...createHash('sha512').update('history').digest()]
    .slice(0, 36)
    .map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62])
    .join('');
const core = token.slice(4);

test('quality history: finds what a commit added, with the commit; later removal does not hide it', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# r\n' } });
  try {
    const leaked = repo.commit('add config', { 'config/.env': `A=1\nGITHUB_TOKEN=${token}\n` });
    repo.commit('remove it', { 'config/.env': 'A=1\n' });
    const result = runCli(['quality', 'history', '--json'], { cwd: repo.root });
    assert.is(result.code, 1, result.stderr);
    const { findings } = result.json<{ findings: Array<{ commit: string; file: string; line: number; rule: string; message: string }> }>();
    assert.equal(
      findings.map((f) => [f.commit, f.file, f.line, f.rule]),
      [[leaked, 'config/.env', 2, 'github-token']],
    );
    assert.not.ok(result.stdout.includes(core) || result.stderr.includes(core));
    const text = runCli(['quality', 'history', `${leaked}..HEAD`], { cwd: repo.root });
    assert.is(text.code, 0, 'the range after the leak is clean');
    const bad = runCli(['quality', 'history', 'nope..HEAD'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /nope/);
    writeFileSync(join(repo.root, '.gitleaksignore'), `${leaked}:config/.env:github-token:2\n`);
    assert.is(runCli(['quality', 'history'], { cwd: repo.root }).code, 0, '.gitleaksignore commit fingerprints apply');
  } finally {
    repo.cleanup();
  }
});

test('quality check: .gitleaks.toml errors exit 2 naming the file; stale .gitleaksignore lines are a note', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.env': `GITHUB_TOKEN=${token}\n` } });
  try {
    writeFileSync(join(repo.root, '.gitleaksignore'), 'a.env:github-token:1\na.env:github-token:7\n');
    const ok = runCli(['quality', 'check', '--all', '--only', 'secrets', '--json'], { cwd: repo.root });
    const result = ok.json<{ findings: unknown[]; checks: Array<{ name: string; reason: string | null }> }>();
    assert.equal(result.findings, []);
    assert.match(result.checks.find((c) => c.name === 'secrets')?.reason ?? '', /1 stale \.gitleaksignore line.*line 2/);
    writeFileSync(join(repo.root, '.gitleaks.toml'), '[[rules]]\nid = "broken"\nregex = "(unclosed"\n');
    const bad = runCli(['quality', 'check', '--all', '--only', 'secrets'], { cwd: repo.root });
    assert.is(bad.code, 2, bad.stderr);
    assert.match(bad.stderr + bad.stdout, /\.gitleaks\.toml:3.*rule "broken": invalid regex/);
  } finally {
    repo.cleanup();
  }
});

test('a --no-verify commit holding a token is refused at git push; the remote is unchanged; the token is not printed', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  const bare = mkdtempSync(join(tmpdir(), 'br-guard-remote-'));
  try {
    execFileSync('git', ['init', '-q', '--bare', bare]);
    repo.git('remote', 'add', 'origin', bare);
    repo.git('push', '-q', '--no-verify', 'origin', 'main');
    const before = execFileSync('git', ['--git-dir', bare, 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
    const hook = join(repo.root, '.git', 'hooks', 'pre-push');
    writeFileSync(hook, `#!/bin/sh\nexec "${process.execPath}" "${CLI}" hook pre-push "$@"\n`);
    chmodSync(hook, 0o755);
    repo.write({ 'deploy.sh': `export GITHUB_TOKEN=${token}\n` });
    repo.git('add', 'deploy.sh');
    repo.git('commit', '-q', '--no-verify', '-m', 'deploy');
    const push = spawnSync('git', ['push', 'origin', 'main'], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.is.not(push.status, 0, push.stderr);
    assert.match(push.stderr, /secrets: 1 secret in the pushed commits/);
    assert.match(push.stderr, /deploy\.sh:1 github-token/);
    assert.not.ok(push.stderr.includes(core) || push.stdout.includes(core), 'token printed');
    assert.is(execFileSync('git', ['--git-dir', bare, 'rev-parse', 'main'], { encoding: 'utf8' }).trim(), before);
    assert.ok(existsSync(hook) && readFileSync(hook, 'utf8').includes('pre-push'));
  } finally {
    repo.cleanup();
    rmSync(bare, { recursive: true, force: true });
  }
});

test('a shallow clone names the commit its history stops at, and still scans what it has', () => {
  const repo = createTempRepo({ commit: true, files: { 'a.txt': 'a\n' } });
  const clone = mkdtempSync(join(tmpdir(), 'br-guard-shallow-'));
  try {
    repo.commit('two', { 'b.txt': 'b\n' });
    const tip = repo.commit('three', { 'c.env': `GITHUB_TOKEN=${token}\n` });
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${repo.root}`, clone]);
    const result = runCli(['quality', 'history', '--json'], { cwd: clone });
    assert.is(result.code, 1);
    const parsed = result.json<{ findings: Array<{ commit: string }>; unreadable: string[] }>();
    assert.equal(
      parsed.findings.map((f) => f.commit),
      [tip],
    );
    assert.is(parsed.unreadable.length, 1);
    assert.match(parsed.unreadable[0] ?? '', /shallow clone/);
    assert.match(result.stderr, /could not read .*shallow clone/);
  } finally {
    repo.cleanup();
    rmSync(clone, { recursive: true, force: true });
  }
});

test.run();
