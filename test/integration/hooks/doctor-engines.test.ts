import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linkPackages } from '../../helpers/link-package.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

type Report = { checks: Array<{ name: string; ok: boolean; message: string }> };

function engines(root: string): Record<string, string> {
  const report = runCli(['doctor', '--json'], { cwd: root }).json<Report>();
  const wanted = ['type-checker', 'lint-engines', 'formatter'];
  return Object.fromEntries(report.checks.filter((c) => wanted.includes(c.name) && c.ok).map((c) => [c.name, c.message]));
}

test('doctor names the type checker, the lint engines and the formatter of this project, and why', () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'package.json': '{ "name": "demo" }\n', '.oxlintrc.json': '{}\n', 'biome.json': '{}\n', '.oxfmtrc.json': '{}\n' },
  });
  try {
    const before = engines(repo.root);
    assert.match(before['type-checker']!, /^TypeScript compiler API 5\.\d+\.\d+: no TypeScript 7 /);
    assert.match(
      before['lint-engines']!,
      /^oxlint \(the project configures oxlint \(\.oxlintrc\.json\)(, but .*)?\); biome \(the project configures biome \(biome\.json\), but biome is not installed \(npm install --save-dev @biomejs\/biome\)\)$/,
    );
    assert.match(
      before.formatter!,
      /^oxfmt \(the project configures oxfmt \(\.oxfmtrc\.json\); it formats, not biome \(biome\.json\): one formatter judges/,
    );
    linkPackages(repo.root, ['@typescript', '@biomejs']);
    const after = engines(repo.root);
    assert.match(after['type-checker']!, /^tsgo 7\.\S+ \(node_modules\/@typescript\/native-preview\): TypeScript 7 is installed/);
    assert.match(after['lint-engines']!, /; biome \(the project configures biome \(biome\.json\)\)$/);
  } finally {
    repo.cleanup();
  }
});

test('doctor says when oxlint runs its type-aware rules (a tsconfig, and a config that asks for them)', () => {
  const repo = createTempRepo({
    commit: true,
    files: { 'package.json': '{ "name": "demo" }\n', '.oxlintrc.json': '{}\n', 'tsconfig.json': '{}\n' },
  });
  try {
    assert.not.match(engines(repo.root)['lint-engines']!, /type-aware/);
    repo.write({ '.oxlintrc.json': '{ "options": { "typeAware": true } }\n' });
    const lint = engines(repo.root)['lint-engines']!;
    // Where the optional native builds are missing, doctor says why instead.
    if (!/, but /.test(lint))
      assert.match(lint, /^oxlint \(the project configures oxlint \(\.oxlintrc\.json\); type-aware rules by oxlint-tsgolint 7\.\S+\)$/);
  } finally {
    repo.cleanup();
  }
});

test.run();
