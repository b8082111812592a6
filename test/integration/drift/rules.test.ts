import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDriftCheck } from '../../../src/drift/run-drift-check.js';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { driftDeps, makeConfig, makeSpec, summary } from './drift-fixtures.js';

const spec = makeSpec({
  features: [{ name: 'Orders', files: ['src/orders.ts', 'src/legacy.ts'] }],
  dependencies: ['yaml (config parsing)', 'GitPython (git)', 'pytest-cov'],
  tools: ['Black (formatting)'],
  fileStructure: ['src/', 'src/orders.ts', 'migrations/'],
});
const staged = { scope: { kind: 'staged' as const } };
const SPEC_TEXT = `# PROJECT_SPEC: Rules

## Features

### Feature: Orders

**Files:**
- src/orders.ts
- src/legacy.ts

## File Structure

\`\`\`
src/
  orders.ts
migrations/
\`\`\`
`;

test('undocumented-file: a new source file the spec does not name fails; named, allowed and non-source files pass (first commit)', async () => {
  const repo = createTempRepo({
    files: {
      // A staged check reads the spec from the index: the committed spec is the one `spec` describes.
      'PROJECT_SPEC.md': SPEC_TEXT,
      'src/orders.ts': 'export const o = 1;\n',
      'src/payments.ts': 'export const p = 1;\n',
      'migrations/001.sql': 'select 1;\n',
      'test/orders.test.ts': 'import "../src/orders.js";\n',
      'src/data.json': '{}\n',
      'src/types.d.ts': 'export {};\n',
    },
  });
  try {
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, spec), staged);
    assert.equal(summary(result), ['undocumented-file src/payments.ts']);
    assert.is(result.passed, false);
    // The spec is part of this first commit, but does not name the file.
    assert.match(result.violations[0]?.message ?? '', /spec changes in this change do not name it/);
    assert.is(result.specChanged, true);
  } finally {
    repo.cleanup();
  }
});

test('detects new features without spec updates: a new file fails until the same change adds it to the spec', async () => {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# spec\n\n**Files:**\n- src/orders.ts\n' } });
  try {
    repo.write({
      'PROJECT_SPEC.md': '# spec\n\n**Files:**\n- src/orders.ts\n- `src/payments.ts`\n',
      'src/payments.ts': 'export {};\n',
      'src/refunds.ts': 'export {};\n',
    });
    repo.git('add', '-A');
    const result = await runDriftCheck(await driftDeps(repo, spec), staged);
    assert.equal(summary(result), ['undocumented-file src/refunds.ts']);
    assert.match(result.violations[0]?.message ?? '', /spec changes in this change do not name it/);
    assert.ok(result.specChanged);
  } finally {
    repo.cleanup();
  }
});

test('validates tech stack compliance (unlisted-dependency): npm and PyPI names compared after normalisation, dev deps allowed by glob, never by substring', async () => {
  const repo = createTempRepo({ commit: true, files: { 'package.json': '{"dependencies": {"yaml": "2"}}\n' } });
  try {
    repo.write({
      'package.json': JSON.stringify(
        { dependencies: { yaml: '2', 'yaml-extra': '1' }, devDependencies: { '@types/node': '20', uvu: '1' } },
        null,
        2,
      ),
      'requirements.txt': 'gitpython==3\npytest_cov\nBlack\nrequests\n',
    });
    repo.git('add', '-A');
    const loaded = makeConfig((c) => {
      c.techStack.allow = ['@types/*'];
    });
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded), staged);
    assert.equal(summary(result), [
      'unlisted-dependency npm:yaml-extra',
      'unlisted-dependency npm:uvu',
      'unlisted-dependency pypi:requests',
    ]);
    const uvu = result.violations.find((v) => v.key === 'npm:uvu');
    assert.is(uvu?.file, 'package.json');
    assert.is(uvu?.line, 8);
    assert.match(uvu?.message ?? '', /new dev dependency "uvu"/);
    assert.equal(result.changes.dependenciesAdded, [
      'npm:yaml-extra',
      'npm:@types/node',
      'npm:uvu',
      'pypi:gitpython',
      'pypi:pytest-cov',
      'pypi:black',
      'pypi:requests',
    ]);
    assert.equal(result.changes.filesAdded, 1);
  } finally {
    repo.cleanup();
  }
});

test('removed-spec-file: deleting or renaming away a file the spec requires fails; other deletions pass', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'src/orders.ts': 'export const orders = "a long enough body to be detected as a rename";\n',
      'src/legacy.ts': 'export {};\n',
      'src/other.ts': 'export {};\n',
    },
  });
  try {
    repo.git('rm', '-q', 'src/legacy.ts', 'src/other.ts');
    repo.git('mv', 'src/orders.ts', 'src/orders-v2.ts');
    const loaded = makeConfig((c) => {
      c.architecture.undocumentedAllowed = ['src/orders-v2.ts'];
    });
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded), staged);
    assert.equal(summary(result), ['removed-spec-file src/legacy.ts', 'removed-spec-file src/orders.ts']);
    assert.match(result.violations[1]?.message ?? '', /renamed to src\/orders-v2.ts.*feature "Orders"/);
  } finally {
    repo.cleanup();
  }
});

test('undocumented-endpoint: new endpoints the spec does not name fail when the spec names endpoints', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': '# spec\nServes `GET /api/orders/{id}` and POST /api/orders.\n',
      'src/orders.ts': "route('GET', '/api/orders/:orderId');\n",
    },
  });
  try {
    repo.write({
      'src/orders.ts':
        "route('GET', '/api/orders/:orderId');\nroute('POST', '/api/orders');\nroute('DELETE', '/api/orders/:id');\nroute('POST', '/api/webhooks/stripe');\n",
    });
    repo.git('add', '-A');
    const extractEndpoints = (_file: string, content: string) =>
      [...content.matchAll(/route\('(\w+)', '([^']+)'\)/g)].map((m) => ({
        method: m[1] as string,
        path: m[2] as string,
        line: content.slice(0, m.index).split('\n').length,
      }));
    const loaded = makeConfig((c) => {
      c.gaps.ignoreEndpoints = ['POST /api/webhooks/*'];
    });
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded, { extractEndpoints }), staged);
    assert.equal(summary(result), ['undocumented-endpoint DELETE /api/orders/:']);
    assert.is(result.violations[0]?.line, 3);
    // A spec that names no endpoint does not describe the API at that level.
    repo.write({ 'PROJECT_SPEC.md': '# spec\n' });
    repo.git('add', '-A');
    const quiet = await runDriftCheck(await driftDeps(repo, spec, loaded, { extractEndpoints }), staged);
    assert.equal(summary(quiet), []);
  } finally {
    repo.cleanup();
  }
});

test('invalid-spec: an invalid spec fails the check with its errors and nothing else runs', async () => {
  const repo = createTempRepo({ commit: true });
  try {
    repo.write({ 'src/payments.ts': 'export {};\n' });
    repo.git('add', '-A');
    const deps = await driftDeps(repo, spec, makeConfig(), {
      validateSpec: () => ({ valid: false, errors: [{ line: 12, message: 'dependency cycle: a → b → a' }], warnings: [] }),
    });
    const result = await runDriftCheck(deps, staged);
    assert.equal(
      result.violations.map((v) => `${v.rule} ${v.file}:${v.line}`),
      ['invalid-spec PROJECT_SPEC.md:12'],
    );
    assert.is(result.passed, false);
    const lowered = await runDriftCheck(
      { ...deps, loaded: makeConfig((c) => (c.architecture.rules = { 'invalid-spec': 'warn', 'undocumented-file': 'info' })) },
      staged,
    );
    assert.equal(summary(lowered), ['invalid-spec 12:dependency cycle: a → b → a [warning]', 'undocumented-file src/payments.ts [info]']);
    assert.is(lowered.passed, true);
  } finally {
    repo.cleanup();
  }
});

test('unmatched-pattern: layers, forbidden edges, allow patterns and rule ids that match nothing are reported', async () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'src/cli/main.ts': 'export {};\n', 'package.json': '{"dependencies":{"yaml":"2"}}' },
  });
  try {
    const loaded = makeConfig((c) => {
      c.architecture.layers = [
        { name: 'cli', paths: ['src/cli/**'] },
        { name: 'core', paths: ['src/core/**'] },
      ];
      c.architecture.forbidden = [
        { from: 'src/cli/**', to: 'yaml' },
        { from: 'lib/**', to: 'src/nowhere/**' },
      ];
      c.architecture.undocumentedAllowed = [...c.architecture.undocumentedAllowed, 'scripts/**'];
      c.techStack.allow = ['@types/*'];
      c.architecture.rules = { 'layer-violaton': 'off', 'import-cycle': 'off' };
    });
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded), staged);
    assert.equal(summary(result), [
      'unmatched-pattern architecture.layers[core]: src/core/** [warning]',
      'unmatched-pattern architecture.forbidden from: lib/** [warning]',
      'unmatched-pattern architecture.forbidden to: src/nowhere/** [warning]',
      'unmatched-pattern architecture.undocumentedAllowed: scripts/** [warning]',
      'unmatched-pattern techStack.allow: @types/* [warning]',
      'unmatched-pattern architecture.rules: layer-violaton [warning]',
    ]);
    assert.is(result.passed, true);
  } finally {
    repo.cleanup();
  }
});

test("undocumented-endpoint with the gap analyzer's scanner: an Express route the spec does not name", async () => {
  const repo = createTempRepo({ commit: true, files: { 'PROJECT_SPEC.md': '# spec\nServes GET /api/orders.\n' } });
  try {
    repo.write({
      'src/server.ts':
        "import express from 'express';\nconst app = express();\napp.get('/api/orders', (req, res) => res.json([]));\napp.post('/api/orders', (req, res) => res.json({}));\n",
    });
    repo.git('add', '-A');
    const loaded = makeConfig((c) => {
      c.architecture.undocumentedAllowed = ['**'];
      c.techStack.allow = [];
    });
    // No extractor injected: the gap analyzer's scanner is the default.
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded), staged);
    assert.equal(summary(result), ['undocumented-endpoint POST /api/orders']);
    assert.is(result.violations[0]?.line, 4);
  } finally {
    repo.cleanup();
  }
});

test('undocumented-endpoint --all: a router is judged under the prefix another file mounts it at', async () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': '# spec\nServes GET /api/orders and POST /api/orders.\n',
      'src/server.js':
        "import express from 'express';\nimport { router } from './orders.js';\nconst app = express();\napp.use('/api/orders', router);\n",
      'src/orders.js':
        "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/', (req, res) => res.json([]));\nrouter.post('/', (req, res) => res.json({}));\nrouter.delete('/:id', (req, res) => res.json({}));\n",
    },
  });
  try {
    const loaded = makeConfig((c) => {
      c.architecture.undocumentedAllowed = ['**'];
      c.techStack.allow = ['*'];
    });
    const result = await runDriftCheck(await driftDeps(repo, spec, loaded), { scope: { kind: 'all' } });
    // Linked: POST / is POST /api/orders (named); DELETE /api/orders/:id is not named.
    assert.equal(
      result.violations.filter((v) => v.rule === 'undocumented-endpoint').map((v) => `${v.key} ${v.file}:${v.line}`),
      ['DELETE /api/orders/: src/orders.js:5'],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
