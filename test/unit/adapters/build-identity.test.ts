import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The compiled modules, copied into a package of their own: its build stamp can change without
// touching the build under test (the hook bundle's freshness is judged against that one).
const built = fileURLToPath(new URL('../../../src/adapters/', import.meta.url));

function fakePackage(): { root: string; buildId: () => string } {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-build-id-'));
  const adapters = join(root, 'dist', 'src', 'adapters');
  mkdirSync(adapters, { recursive: true });
  for (const file of ['build-identity.js', 'package-version.js']) copyFileSync(join(built, file), join(adapters, file));
  writeFileSync(join(root, 'package.json'), '{ "name": "br-guard", "version": "9.8.7", "type": "module" }\n');
  const module = join(adapters, 'build-identity.js');
  const script = `import(${JSON.stringify(module)}).then(async (m) => process.stdout.write(await m.brGuardBuildId()))`;
  return { root, buildId: () => execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }) };
}

test('the build id names the version and changes with every tsc build, not only when its own module is re-emitted', () => {
  const { root, buildId } = fakePackage();
  try {
    const published = buildId();
    assert.match(published, /^9\.8\.7:\d+:\d+:\d+:-$/, 'no build stamp: a published package');
    writeFileSync(join(root, 'dist', '.tsbuildinfo'), '{}');
    utimesSync(join(root, 'dist', '.tsbuildinfo'), 1_000_000, 1_000_000);
    const first = buildId();
    assert.is.not(first, published);
    assert.is(buildId(), first, 'the same build, the same id');
    // An incremental build that re-emitted other modules only: the stamp moves, this module does not.
    utimesSync(join(root, 'dist', '.tsbuildinfo'), 2_000_000, 2_000_000);
    const rebuilt = buildId();
    assert.is.not(rebuilt, first);
    assert.is(rebuilt.split(':').slice(0, 4).join(':'), first.split(':').slice(0, 4).join(':'), 'version and module stat unchanged');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
