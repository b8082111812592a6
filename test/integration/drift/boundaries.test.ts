import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

// Boundary rules through the real CLI in real repositories: the staged diff (only the imports the
// change adds), a pushed range, the whole tree, and the baseline.

const spec = `# PROJECT_SPEC: Shop

## Features

### Feature: Shop

**Requirements:**
- Sells things

**Files:**
- src/app.ts
`;

const config = `architecture:
  modules: ["src/features/*"]
  boundaries:
    - from: "src/features/*/**"
      to: "src/features/**"
      allow: ["src/features/$1/**"]
      message: features talk through src/shared
  forbidden:
    - { from: "src/features/**", to: "express", message: "features do no HTTP" }
  undocumentedAllowed: ["**"]
techStack:
  allow: ["express"]
`;

function shop() {
  return createTempRepo({
    commit: true,
    files: {
      'PROJECT_SPEC.md': spec,
      '.br-guardrc.yaml': config,
      'package.json': '{"name":"shop","dependencies":{"express":"5"}}\n',
      'src/app.ts': "import { cart } from './features/cart';\nexport const app = cart;\n",
      'src/features/cart/index.ts': "export { cart } from './model.js';\n",
      'src/features/cart/model.ts': "import { price } from './internal/price.js';\nexport const cart = price;\n",
      'src/features/cart/internal/price.ts': 'export const price = 1;\n',
      'src/features/user/index.ts': 'export const user = 1;\n',
      'src/features/user/profile.ts': "import express from 'express';\nexport const profile = express;\n",
      'src/shared/money.ts': 'export const money = 1;\n',
    },
  });
}

interface Json {
  passed: boolean;
  violations: Array<{ rule: string; key: string; line: number; message: string; baselined: boolean }>;
}
const rows = (json: Json): string[] => json.violations.map((v) => `${v.rule} ${v.key}${v.baselined ? ' (baselined)' : ''}`);

test('staged: only the imports the change adds are judged, with the rule entry and from -> to in each message', () => {
  const repo = shop();
  try {
    // The committed express import in profile.ts predates the change: a new line beside it is judged alone.
    repo.write({
      'src/app.ts':
        "import { cart } from './features/cart';\nimport { cart as model } from './features/cart/model.js';\nexport const app = [cart, model];\n",
      'src/features/user/profile.ts':
        "import express from 'express';\nimport { Router } from 'express/lib/router';\nimport { money } from '../../shared/money.js';\nexport const profile = [express, Router, money];\n",
      'src/features/user/orders.ts':
        "import { cart } from '../cart/index.js';\nimport { price } from '../cart/internal/price.js';\nimport { user } from './index.js';\nexport const orders = [cart, price, user];\n",
    });
    repo.git('add', '-A');
    const result = runCli(['drift', 'check', '--staged', '--json'], { cwd: repo.root });
    assert.is(result.code, 1, result.stderr);
    const json = result.json<Json>();
    assert.equal(rows(json), [
      'forbidden-import src/features/user/profile.ts -> express/lib/router',
      'boundary-violation src/features/user/orders.ts -> src/features/cart/index.ts',
      'boundary-violation src/features/user/orders.ts -> src/features/cart/internal/price.ts',
      'internal-import src/app.ts -> src/features/cart/model.ts',
      'internal-import src/features/user/orders.ts -> src/features/cart/internal/price.ts',
    ]);
    const [forbidden, boundary, , internal] = json.violations;
    assert.is(forbidden?.line, 2);
    assert.is(
      forbidden?.message,
      'src/features/user/profile.ts -> express/lib/router: architecture.forbidden[0] (from "src/features/**" to "express") rules it out: features do no HTTP; remove the import or route it through an allowed module',
    );
    assert.is(
      boundary?.message,
      'src/features/user/orders.ts -> src/features/cart/index.ts: architecture.boundaries[0] (from "src/features/*/**", $1 = user) forbids src/features/** except src/features/user/**: features talk through src/shared; import it through an allowed module, or move the shared code to one',
    );
    assert.match(internal?.message ?? '', /inside module src\/features\/cart \(architecture\.modules\).*import "src\/features\/cart"/);
    const text = runCli(['drift', 'check'], { cwd: repo.root });
    assert.is(text.code, 1);
    assert.match(text.stdout, /boundary-violation \(2\)/);
    assert.match(text.stdout, /internal-import \(2\)/);
  } finally {
    repo.cleanup();
  }
});

test('--all and --range judge every import / the range; the baseline keeps known violations, a new one fails', () => {
  const repo = shop();
  try {
    const clean = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    // The committed express import in a feature is a forbidden edge of the whole tree.
    assert.equal(rows(clean.json<Json>()), ['forbidden-import src/features/user/profile.ts -> express']);
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('cross', {
      'src/features/user/cart-view.ts': "import { price } from '../cart/internal/price.js';\nexport const v = price;\n",
    });
    const range = runCli(['drift', 'check', '--range', `${base}..HEAD`, '--json'], { cwd: repo.root });
    assert.is(range.code, 1, range.stderr);
    assert.equal(rows(range.json<Json>()), [
      'boundary-violation src/features/user/cart-view.ts -> src/features/cart/internal/price.ts',
      'internal-import src/features/user/cart-view.ts -> src/features/cart/internal/price.ts',
    ]);
    const all = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.is(all.code, 1);
    assert.is(all.json<Json>().violations.length, 3);
    const recorded = runCli(['drift', 'baseline'], { cwd: repo.root });
    assert.is(recorded.code, 0, recorded.stderr);
    const known = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.is(known.code, 0, known.stderr);
    assert.ok(known.json<Json>().violations.every((v) => v.baselined));
    repo.write({ 'src/features/cart/user-view.ts': "import { user } from '../user/index.js';\nexport const v = user;\n" });
    repo.git('add', '-A');
    const staged = runCli(['drift', 'check', '--json'], { cwd: repo.root });
    assert.is(staged.code, 1);
    assert.equal(rows(staged.json<Json>()), ['boundary-violation src/features/cart/user-view.ts -> src/features/user/index.ts']);
    const again = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.equal(
      rows(again.json<Json>()).filter((row) => !row.endsWith('(baselined)')),
      ['boundary-violation src/features/cart/user-view.ts -> src/features/user/index.ts'],
    );
  } finally {
    repo.cleanup();
  }
});

test('bad boundary config: a capture from lacks, an unknown key, a module glob matching nothing', () => {
  const repo = shop();
  try {
    repo.write({
      '.br-guardrc.yaml':
        'architecture:\n  boundaries:\n    - from: "src/app.ts"\n      allow:\n        - "src/shared/**"\n        - "src/features/$1/**"\n',
    });
    const capture = runCli(['drift', 'check', '--all'], { cwd: repo.root });
    assert.is(capture.code, 2);
    assert.is(capture.stdout, '');
    assert.is(
      capture.stderr.trim(),
      'br-guard: .br-guardrc.yaml:6: architecture.boundaries[0].allow[1]: "src/features/$1/**" uses $1, but from "src/app.ts" has no capture: each wildcard of from (*, **, ?, an extglob) is one capture',
    );
    repo.write({ '.br-guardrc.yaml': 'architecture:\n  boundaries:\n    - from: "src/*/**"\n      alow: ["src/$1/**"]\n' });
    const unknown = runCli(['drift', 'check', '--all'], { cwd: repo.root });
    assert.is(unknown.code, 2);
    assert.is(
      unknown.stderr.trim(),
      'br-guard: .br-guardrc.yaml:4: architecture.boundaries[0].alow: unknown key "alow" (did you mean "allow"?)',
    );
    // Staged, the same file is refused as staged, even with a good one in the work tree.
    repo.git('add', '.br-guardrc.yaml');
    repo.write({ '.br-guardrc.yaml': config });
    const staged = runCli(['drift', 'check', '--staged'], { cwd: repo.root });
    assert.is(staged.code, 2);
    assert.match(staged.stderr, /^br-guard: \.br-guardrc\.yaml:4: as staged: architecture\.boundaries\[0\]\.alow: unknown key/);
    repo.write({ '.br-guardrc.yaml': config.replace('src/features/*"]', 'src/feature/*"]') });
    repo.git('add', '.br-guardrc.yaml');
    const unmatched = runCli(['drift', 'check', '--all', '--json'], { cwd: repo.root });
    assert.ok(rows(unmatched.json<Json>()).includes('unmatched-pattern architecture.modules: src/feature/*'));
  } finally {
    repo.cleanup();
  }
});

test.run();
