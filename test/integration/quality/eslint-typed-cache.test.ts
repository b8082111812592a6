import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../../helpers/run-cli.js';
import { createTempRepo } from '../../helpers/temp-repo.js';

// br-guard's own node_modules (typescript-eslint, TypeScript), linked in as the project's.
const modules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

const rules = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<{ rule: string; file: string; line: number }> }).findings.map(
    (f) => `${f.rule} ${f.file}:${f.line}`,
  );

test('type-aware ESLint rules are not served from the per-file cache: a change in an imported file changes the verdict', () => {
  const repo = createTempRepo({
    commit: true,
    files: {
      'package.json': '{ "name": "typed", "type": "module" }\n',
      '.gitignore': 'node_modules\n',
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true },
        include: ['src'],
      }),
      'eslint.config.mjs': [
        "import tseslint from 'typescript-eslint';",
        'export default tseslint.config(...tseslint.configs.recommendedTypeChecked, {',
        '  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },',
        '});',
        '',
      ].join('\n'),
      'src/a.ts': 'export const value: any = 1;\n',
      'src/b.ts': "import { value } from './a.js';\n\nexport const n: number = value;\n",
    },
  });
  symlinkSync(modules, join(repo.root, 'node_modules'));
  const check = () =>
    runCli(['quality', 'check', 'src/b.ts', '--only', 'eslint', '--json'], { cwd: repo.root, env: { BR_GUARD_WORKER: '0' } });
  try {
    const first = check();
    assert.equal(rules(first.stdout), ['@typescript-eslint/no-unsafe-assignment src/b.ts:3'], first.stderr);
    // b.ts is unchanged; what it imports is not `any` any more.
    writeFileSync(join(repo.root, 'src/a.ts'), 'export const value: number = 1;\n');
    const second = check();
    assert.equal(rules(second.stdout), [], 'the verdict follows the imported type, not the cache');
  } finally {
    rmSync(join(repo.root, 'node_modules'));
    repo.cleanup();
  }
});

test.run();
