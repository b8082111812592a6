import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { linkPackages } from '../../helpers/link-package.js';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

const files = {
  'package.json': '{ "name": "demo", "type": "module" }\n',
  '.gitignore': 'node_modules\n',
  'tsconfig.json': '{ "compilerOptions": { "target": "es2022", "module": "nodenext", "noEmit": true } }\n',
  'src/lib.ts': 'export function twice(n: number): number {\n  return n * 2;\n}\n',
};

interface Check {
  name: string;
  engine: string;
  status: string;
  reason: string | null;
}

test('TypeScript 7 installed: tsgo type-checks a shadow copy of the staged program, not the work tree; the engine is named', () => {
  const repo = createTempRepo({ commit: true, files });
  try {
    linkPackages(repo.root, ['@typescript']);
    // Staged: lib.ts now takes a string, so main.ts's call is an error only in the index.
    repo.write({
      'src/lib.ts': 'export function twice(s: string): string {\n  return s + s;\n}\n',
      'src/main.ts': "import { twice } from './lib.js';\nexport const four: number = twice(2);\n",
    });
    repo.git('add', 'src');
    // The work tree's lib.ts is the committed one: there, main.ts is fine.
    repo.write({ 'src/lib.ts': files['src/lib.ts'] });
    const json = runCli(['quality', 'check', '--staged', '--json', '--only', 'tsc'], { cwd: repo.root }).json();
    const check = json.checks[0] as Check;
    assert.equal([check.name, check.engine, check.status], ['tsc', 'tsgo', 'failed']);
    assert.match(String(check.reason), /^type-checked by tsgo 7\.\S+ \(node_modules\/@typescript\/native-preview\)$/);
    assert.equal(
      json.findings.map((f: { rule: string; file: string; line: number; column: number }) => [f.rule, f.file, f.line, f.column]),
      [
        ['TS2322', 'src/main.ts', 2, 14],
        ['TS2345', 'src/main.ts', 2, 35],
      ],
    );
    assert.equal(
      readdirSync(join(repo.root, '.git', 'br-guard', 'tmp')).filter((name) => name.startsWith('shadow.')),
      [],
    );
    // On the work tree (files scope) it runs in the project: the committed lib.ts makes main.ts fine.
    const tree = runCli(['quality', 'check', '--json', '--only', 'tsc', 'src/main.ts'], { cwd: repo.root }).json();
    assert.equal([tree.checks[0].engine, tree.checks[0].status, tree.findings], ['tsgo', 'passed', []]);
  } finally {
    repo.cleanup();
  }
});

test('without TypeScript 7 the compiler API checks, and the engine says tsc', () => {
  const repo = createTempRepo({ commit: true, files });
  try {
    repo.write({ 'src/main.ts': "export const n: number = 'x';\n" });
    repo.git('add', 'src/main.ts');
    const json = runCli(['quality', 'check', '--staged', '--json', '--only', 'tsc'], { cwd: repo.root }).json();
    assert.equal([json.checks[0].engine, json.checks[0].status, json.checks[0].reason], ['tsc', 'failed', null]);
    assert.equal(
      json.findings.map((f: { rule: string; line: number }) => [f.rule, f.line]),
      [['TS2322', 1]],
    );
  } finally {
    repo.cleanup();
  }
});

test.run();
