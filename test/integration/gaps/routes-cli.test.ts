import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';
import { FIXTURES } from '../../unit/gaps/fixture-spec.js';

const test = suite('br-guard gaps: routes through values, warnings');

const SPEC = `# PROJECT_SPEC: Settings service

## Features

### Feature: Users API

**Requirements:**
- Fetch one user with GET /api/v1/users/{user_id}

**Files:**
- app/api/routes/users.py
`;

test('gaps --json: prefixes from a settings object across modules; unreadable ones are warnings (stderr in text mode)', () => {
  const repo = createTempRepo();
  try {
    cpSync(join(FIXTURES, 'routes', 'fastapi-settings'), repo.root, { recursive: true });
    cpSync(join(FIXTURES, 'routes', 'fail-closed', 'api'), join(repo.root, 'api'), { recursive: true });
    repo.commit('service', { 'PROJECT_SPEC.md': SPEC });
    const result = runCli(['gaps', '--json'], { cwd: repo.root });
    assert.is(result.code, 0, result.stderr);
    const report = result.json<{
      endpoints: Array<{ method: string; path: string }>;
      gaps: Array<{ kind: string }>;
      warnings?: Array<{ file: string; line: number; message: string }>;
    }>();
    assert.equal(report.endpoints.map((e) => `${e.method} ${e.path}`).sort(), [
      'DELETE /api/v1/admin/catalog/items/:item_id',
      'GET /admin/ping',
      'GET /api/v1/health',
      'GET /api/v1/users/:user_id',
      'POST /api/v1/users',
    ]);
    assert.not.ok(report.gaps.some((gap) => gap.kind === 'missing-endpoint'));
    assert.equal(
      report.warnings?.map((w) => `${w.file}:${w.line}`),
      ['api/main.py:7', 'api/main.py:10'],
    );
    const text = runCli(['gaps'], { cwd: repo.root });
    assert.is(text.code, 0, text.stderr);
    assert.match(text.stderr, /warning: api\/main\.py:7: include_router prefix `compute_prefix\(\)` could not be read/);
  } finally {
    repo.cleanup();
  }
});

test.run();
