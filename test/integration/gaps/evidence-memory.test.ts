import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

const test = suite('remembered evidence through the real CLI');

const SPEC = [
  '# PROJECT_SPEC: Chunks',
  '',
  '## Features',
  '',
  '### Feature: Staged files',
  '',
  '**Requirements:**',
  '- Chunk file lists under the OS argument limit',
  '',
  '**Files:**',
  '- lib/__chunks__/chunkFiles.js',
  '',
].join('\n');

const CHUNK = [
  '/** Chunk files into sub-arrays based on the length of the resulting argument string */',
  'export const chunkFiles = ({ files, maxArgLength }) => {',
  '  const chunks = []',
  '  let current = []',
  '  for (const file of files) {',
  '    if (current.join(" ").length + file.length > maxArgLength) chunks.push((current = []))',
  '    current.push(file)',
  '  }',
  '  return chunks',
  '}',
  '',
].join('\n');

test('done items remember their evidence; deleting it drops the item and drift check --staged names the requirement', () => {
  const repo = createTempRepo();
  try {
    repo.commit('chunks', {
      'PROJECT_SPEC.md': SPEC,
      'lib/__chunks__/chunkFiles.js': CHUNK,
      'lib/index.js': 'export const main = () => 1\n',
    });
    const first = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(first.code, 0, first.stderr);
    const report = first.json<{ items: Array<{ kind: string; status: string; score?: number; evidence: Array<{ score?: number }> }> }>();
    const requirement = report.items.find((item) => item.kind === 'requirement');
    assert.is(requirement?.status, 'done');
    assert.ok((requirement?.evidence[0]?.score ?? 0) > 0);
    const file = report.items.find((item) => item.kind === 'file');
    assert.is(file?.status, 'done', 'the __chunks__ path is read verbatim');
    const manifest = JSON.parse(readFileSync(join(repo.root, '.buildrunner/manifest.json'), 'utf8')) as {
      items: unknown[];
      evidence: Record<string, { records: Array<{ symbol: string | null; hash: string }> }>;
    };
    assert.ok(manifest.items.length > 0);
    const remembered = Object.values(manifest.evidence)[0];
    assert.ok(remembered?.records.some((record) => record.symbol === 'chunkFiles' && record.hash.length === 12));

    const explained = runCli(['gaps', '--explain', 'Chunk file'], { cwd: repo.root });
    assert.is(explained.code, 0, explained.stderr);
    assert.match(explained.stdout, /bar: done ≥ /);
    assert.match(explained.stdout, /chunkFiles/);

    const unknown = runCli(['gaps', '--explain', 'no such item'], { cwd: repo.root });
    assert.is(unknown.code, 2);
    assert.match(unknown.stderr, /--explain: no item/);

    // The function is deleted; a file of the same name stays.
    writeFileSync(join(repo.root, 'lib/__chunks__/chunkFiles.js'), 'export const unrelated = 2\n');
    repo.git('add', 'lib/__chunks__/chunkFiles.js');
    const drift = runCli(['drift', 'check', '--staged'], { cwd: repo.root });
    assert.is(drift.code, 1, drift.stdout + drift.stderr);
    assert.match(drift.stdout, /removed-implementation/);
    assert.match(
      drift.stdout,
      /deletes chunkFiles in lib\/__chunks__\/chunkFiles\.js, which implements requirement "Chunk file lists under the OS argument limit"/,
    );
    const after = runCli(['gaps', '--json'], { cwd: repo.root }).json<{ items: Array<{ kind: string; status: string }> }>();
    assert.is.not(after.items.find((item) => item.kind === 'requirement')?.status, 'done');

    writeFileSync(join(repo.root, '.buildrunner/manifest.json'), '{ not json');
    const bad = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(bad.code, 2);
    assert.match(bad.stderr, /\.buildrunner\/manifest\.json:1: not valid JSON/);
    assert.not.match(bad.stderr, /\n\s+at /);
  } finally {
    repo.cleanup();
  }
});

const LOGIN_SPEC = [
  '# PROJECT_SPEC: Login',
  '',
  '## Features',
  '',
  '### Feature: Login',
  '',
  '**Requirements:**',
  '- Log in with a password and receive an access token',
  '',
  '**Files:**',
  '- api/login.js',
  '',
].join('\n');

test('deleting a helper the recorded evidence still calls: gaps drop the item, drift check --staged names the caller', () => {
  const repo = createTempRepo();
  try {
    repo.commit('login', {
      'PROJECT_SPEC.md': LOGIN_SPEC,
      'api/login.js': [
        "import { createAccessToken } from '../lib/tokens.js'",
        '/** Log in with a password: checks it and returns an access token. */',
        'export async function loginWithPassword(email, password) {',
        '  const user = await findUser(email)',
        '  if (!user || !(await verifyPassword(password, user.hash))) throw new Error("bad login")',
        '  return { accessToken: createAccessToken(user) }',
        '}',
        '',
      ].join('\n'),
      'lib/tokens.js':
        'export function createAccessToken(user) {\n  const claims = { sub: user.id, exp: Date.now() + 3600 }\n  return sign(claims, process.env.SECRET_KEY)\n}\n',
    });
    const first = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(first.code, 0, first.stderr);
    const status = (report: { items: Array<{ kind: string; status: string }> }) =>
      report.items.find((item) => item.kind === 'requirement')?.status;
    assert.is(status(first.json()), 'done');

    writeFileSync(join(repo.root, 'lib/tokens.js'), 'export const TOKEN_TTL = 3600\n');
    repo.git('add', 'lib/tokens.js');
    const drift = runCli(['drift', 'check', '--staged'], { cwd: repo.root });
    assert.is(drift.code, 1, drift.stdout + drift.stderr);
    assert.match(drift.stdout, /deletes createAccessToken from lib\/tokens\.js, which loginWithPassword in api\/login\.js still calls/);
    const after = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(status(after.json()), 'partial');
    assert.match(after.stdout, /createAccessToken \(lib\/tokens\.js\), which loginWithPassword in api\/login\.js still calls, was deleted/);
  } finally {
    repo.cleanup();
  }
});

test.run();
