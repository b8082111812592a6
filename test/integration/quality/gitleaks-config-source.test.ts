import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import type { QualityResult } from '../../../src/quality/types.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

// An in-house token shape; assembled here so this file holds none whole.
const acme = ['acme', '_'].join('') + 'q7w2e9r4t6y1';
const ACME = "[[rules]]\nid = \"acme-key\"\nregex = '''acme_[a-z0-9]{12}'''\nkeywords = [\"acme_\"]\n";
const loaded = () => ({ config: defaultConfig(), configFile: null, standards: defaultQualityStandards(), standardsFile: null });
const secretRules = (result: QualityResult) => result.findings.filter((f) => f.check === 'secrets').map((f) => `${f.file}:${f.rule}`);

test('--staged reads .gitleaks.toml (and what it extends) from the index; a commit scope from the commit', async () => {
  const repo = createTempRepo({ files: { '.gitleaks.toml': '[extend]\npath = "team.toml"\n', 'team.toml': ACME } });
  try {
    const base = repo.commit('config');
    const git = await Git.open(repo.root);
    // The work tree drops the acme rule, unstaged: the staged check still judges by the staged config.
    repo.write({ 'team.toml': '[[rules]]\nid = "other"\nregex = "zzz_[0-9]{40}"\n', 'key.env': `KEY=${acme}\n` });
    repo.git('add', 'key.env');
    const staged = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: false, only: ['secrets'] });
    assert.equal(secretRules(staged), ['key.env:acme-key']);
    const workTree = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'files', files: ['key.env'] }, fix: false, only: ['secrets'] },
    );
    assert.equal(secretRules(workTree), [], 'the work tree config has no acme rule');
    // Staged, the edit to the extended file decides; the cached result of the old config is not reused.
    repo.git('add', 'team.toml');
    const restaged = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'staged' }, fix: false, only: ['secrets'] });
    assert.equal(secretRules(restaged), []);
    const head = repo.commit('key and new rules');
    repo.git('checkout', '-q', base, '--', 'team.toml');
    const atCommit = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'commit', ref: head, files: ['key.env'] }, fix: false, only: ['secrets'] },
    );
    assert.equal(secretRules(atCommit), [], 'the commit config, not the work tree (which has the acme rule back)');
    assert.equal(atCommit.scope, 'commit');
  } finally {
    repo.cleanup();
  }
});

test('a commit scope and the history scan never read a symlink as text: its blob is the name of its target', async () => {
  const repo = createTempRepo({ files: { '.gitleaks.toml': ACME } });
  try {
    const base = repo.commit('config');
    // A link whose target's name has the shape of a secret, beside a file that holds one.
    symlinkSync(`KEY=${acme}`, join(repo.root, 'key.link'));
    repo.write({ 'key.env': `KEY=${acme}\n`, 'sub/a.txt': 'plain\n' });
    const head = repo.commit('link and key');
    const git = await Git.open(repo.root);
    const result = await runQualityCheck(
      { git, loaded: loaded() },
      { scope: { kind: 'commit', ref: head, files: ['key.link', 'key.env', 'sub/a.txt'] }, fix: false, only: ['secrets'] },
    );
    assert.equal(secretRules(result), ['key.env:acme-key']);
    assert.is(result.filesChecked, 2, 'the link is left out, the two files are read');
    // The pre-push's secrets stage reads what each commit added: the link is not an added line of text.
    const { scanHistory } = await import('../../../src/quality/secrets/scan-history.js');
    const history = await scanHistory(git, { range: `${base}..${head}` });
    assert.equal(
      history.findings.map((f) => `${f.file}:${f.rule}`),
      ['key.env:acme-key'],
    );
  } finally {
    repo.cleanup();
  }
});

test('a commit scope: blobs as of the commit, binary and big files said, --fix refused', async () => {
  const repo = createTempRepo({ files: { 'a.txt': 'a\n', 'bin.dat': 'x\0y', 'big.txt': 'b'.repeat(3000) } });
  try {
    const head = repo.commit('files');
    const git = await Git.open(repo.root);
    const config = loaded();
    config.config.quality.maxFileBytes = 1000;
    const result = await runQualityCheck(
      { git, loaded: config },
      { scope: { kind: 'commit', ref: head, files: ['a.txt', 'bin.dat', 'big.txt', 'gone.txt'] }, fix: false, only: ['secrets'] },
    );
    assert.is(result.filesChecked, 1);
    assert.equal(result.fixNotes, [
      'bin.dat: not checked (binary)',
      'big.txt: not checked (2.9 KB, over the 1000 B limit (quality.maxFileBytes))',
    ]);
    const refused = await runQualityCheck(
      { git, loaded: config },
      { scope: { kind: 'commit', ref: head, files: ['a.txt'] }, fix: true },
    ).then(
      () => '',
      (error: Error) => error.message,
    );
    assert.match(refused, /--fix cannot rewrite a commit/);
  } finally {
    repo.cleanup();
  }
});

test('CLI: quality check --staged --only secrets --json uses the staged [extend] path; a missing one is exit 2 naming file:line', () => {
  const repo = createTempRepo({ commit: true, files: { 'README.md': '# r\n' } });
  try {
    repo.write({
      '.gitleaks.toml': '# team rules\n[extend]\npath = "security/gitleaks.toml"\n',
      'security/gitleaks.toml': ACME,
      'key.env': `KEY=${acme}\n`,
    });
    repo.git('add', '.gitleaks.toml', 'key.env');
    const unstaged = runCli(['quality', 'check', '--staged', '--only', 'secrets', '--json'], { cwd: repo.root });
    assert.is(unstaged.code, 2, unstaged.stderr);
    assert.is(unstaged.stdout, '');
    assert.match(
      unstaged.stderr.trim(),
      /^br-guard: \.gitleaks\.toml:3: \[extend\]: path "security\/gitleaks\.toml": no such file in the index \(stage it\)$/,
    );
    repo.git('add', 'security/gitleaks.toml');
    const result = runCli(['quality', 'check', '--staged', '--only', 'secrets', '--json'], { cwd: repo.root });
    assert.is(result.code, 1, result.stderr);
    const json = result.json();
    assert.equal(
      json.findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line}:${f.rule}`),
      ['key.env:1:acme-key'],
    );
    assert.not.ok(result.stdout.includes(acme) || result.stderr.includes(acme), 'the secret is redacted');
  } finally {
    repo.cleanup();
  }
});

test.run();
