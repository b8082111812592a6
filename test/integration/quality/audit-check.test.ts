import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Git } from '../../../src/adapters/git.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { runQualityCheck } from '../../../src/quality/run-quality-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const fixtures = new URL('../../../../test/fixtures/quality/audit/', import.meta.url);
const loaded = (): LoadedConfig => ({
  config: defaultConfig(),
  configFile: null,
  standards: defaultQualityStandards(),
  standardsFile: null,
});

/** A local stand-in for the registry's bulk advisory endpoint, serving a fixture advisory. */
async function advisoryServer(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const body = readFileSync(new URL('advisories-bulk.json', fixtures), 'utf8');
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    if (request.method === 'POST' && request.url?.includes('/-/npm/v1/security/advisories/bulk')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

test('npm audit against a local advisory server: findings on the lockfile', async () => {
  const { server, url, requests } = await advisoryServer();
  const repo = createTempRepo({
    files: {
      'package.json': '{ "name": "audit-fixture", "version": "1.0.0", "dependencies": { "minimist": "0.0.8" } }\n',
      'package-lock.json': readFileSync(new URL('package-lock.json', fixtures), 'utf8'),
      '.npmrc': `registry=${url}\n`,
    },
  });
  try {
    const git = await Git.open(repo.root);
    const result = await runQualityCheck({ git, loaded: loaded() }, { scope: { kind: 'all' }, fix: false, only: ['audit'] });
    assert.ok(
      requests.some((r) => r.startsWith('POST /-/npm/v1/security/advisories/bulk')),
      requests.join(', '),
    );
    assert.is(result.checks[0]?.status, 'failed');
    const finding = result.findings[0];
    assert.is(finding?.check, 'audit');
    assert.is(finding?.file, 'package-lock.json');
    assert.is(finding?.line, 14);
    assert.is(finding?.severity, 'error');
    assert.match(finding?.message ?? '', /minimist.*Prototype Pollution in minimist \[critical\]/, finding?.message);
    assert.is(result.passed, false);
  } finally {
    repo.cleanup();
    server.close();
  }
});

test('npm audit is skipped with the reason when the service is unreachable or there is no lockfile', async () => {
  const { server, url } = await advisoryServer();
  server.close(); // Nothing listens on that port any more.
  const repo = createTempRepo({
    files: {
      'package.json': '{ "name": "audit-fixture", "version": "1.0.0" }\n',
      'package-lock.json': readFileSync(new URL('package-lock.json', fixtures), 'utf8'),
      '.npmrc': `registry=${url}\n`,
      'sub/package.json': '{}\n',
      'requirements.txt': 'flask==0.5\n',
    },
  });
  try {
    const git = await Git.open(repo.root);
    const tools = { 'pip-audit': 'br-guard-no-pip-audit', safety: 'br-guard-no-safety' };
    const result = await runQualityCheck({ git, loaded: loaded(), tools }, { scope: { kind: 'all' }, fix: false, only: ['audit'] });
    assert.is(result.checks[0]?.status, 'skipped');
    assert.match(result.checks[0]?.reason ?? '', /npm audit could not reach the advisory service \(.*ECONNREFUSED/);
    assert.match(result.checks[0]?.reason ?? '', /neither pip-audit nor safety is installed \(install one: pip install pip-audit\)/);
    const { rmSync } = await import('node:fs');
    rmSync(`${repo.root}/package-lock.json`);
    const noLock = await runQualityCheck(
      { git, loaded: loaded(), tools },
      { scope: { kind: 'files', files: ['package.json'] }, fix: false, only: ['audit'] },
    );
    assert.match(noLock.checks[0]?.reason ?? '', /npm audit needs a lockfile/);
  } finally {
    repo.cleanup();
  }
});

test.run();
