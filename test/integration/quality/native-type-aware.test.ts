import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findTsgolint, loadOxlint } from '../../../src/quality/checkers/native-tools.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', target: 'ES2022' }, include: ['src'] });
// save() is declared in a committed file that is not staged: only the whole program knows it returns a promise.
const store = 'export async function save(): Promise<void> {}\n';
const caller = "import { save } from './store.js';\n\nexport function go(): void {\n  save();\n}\n";

interface Found {
  check: string;
  rule: string;
  file: string;
  line: number;
}

async function unavailable(name: string): Promise<boolean> {
  try {
    await loadOxlint(process.cwd());
  } catch (error) {
    process.stderr.write(`  skipped "${name}": ${(error as Error).message}\n`);
    return true;
  }
  if (findTsgolint(process.cwd())) return false;
  process.stderr.write(`  skipped "${name}": oxlint-tsgolint (optional) is not installed for ${process.platform}-${process.arch}\n`);
  return true;
}

const typedFindings = (json: { findings: Found[] }) =>
  json.findings.filter((f) => f.check === 'oxlint').map((f) => [f.rule, f.file, f.line]);

test('native with a tsconfig: oxlint runs its type-aware rules on the staged program (a floating promise of an imported function)', async () => {
  if (await unavailable('type-aware staged')) return;
  const repo = createTempRepo({
    commit: true,
    files: {
      'package.json': '{ "name": "demo", "type": "module" }\n',
      '.br-guardrc.yaml': 'quality:\n  engines: native\n',
      'tsconfig.json': tsconfig,
      'src/store.ts': store,
    },
  });
  try {
    repo.write({ 'src/caller.ts': caller });
    repo.git('add', 'src/caller.ts');
    const staged = runCli(['quality', 'check', '--staged', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(typedFindings(staged), [['typescript/no-floating-promises', 'src/caller.ts', 4]]);
    assert.equal(
      readdirSync(join(repo.root, '.git', 'br-guard', 'tmp')).filter((name) => name.startsWith('shadow.')),
      [],
    );
    // The work tree, judged in place; a second run gives the same (typed results are never cached per file).
    for (let run = 0; run < 2; run++) {
      const all = runCli(['quality', 'check', '--all', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
      assert.equal(typedFindings(all), [['typescript/no-floating-promises', 'src/caller.ts', 4]]);
    }
    // Once the imported function stops returning a promise, the same unchanged file is clean.
    repo.write({ 'src/store.ts': 'export function save(): void {}\n' });
    const after = runCli(['quality', 'check', '--all', '--json', '--only', 'eslint'], { cwd: repo.root }).json();
    assert.equal(typedFindings(after), []);
  } finally {
    repo.cleanup();
  }
});

test("a project's own oxlint config without typeAware is run as it asks: no type-aware rules", async () => {
  if (await unavailable('own oxlint config')) return;
  const repo = createTempRepo({
    commit: true,
    files: {
      'package.json': '{ "name": "demo", "type": "module" }\n',
      '.oxlintrc.json': '{ "rules": {} }\n',
      'tsconfig.json': tsconfig,
      'src/store.ts': store,
    },
  });
  try {
    repo.write({ 'src/caller.ts': caller });
    repo.git('add', 'src/caller.ts');
    const staged = runCli(['quality', 'check', '--staged', '--json', '--only', 'oxlint'], { cwd: repo.root }).json();
    assert.equal(typedFindings(staged), []);
    repo.write({ '.oxlintrc.json': '{ "options": { "typeAware": true } }\n' });
    repo.git('add', '.oxlintrc.json');
    const typed = runCli(['quality', 'check', '--staged', '--json', '--only', 'oxlint'], { cwd: repo.root }).json();
    assert.equal(typedFindings(typed), [['typescript/no-floating-promises', 'src/caller.ts', 4]]);
  } finally {
    repo.cleanup();
  }
});

test.run();
