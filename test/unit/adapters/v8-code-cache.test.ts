import { chmodSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileWithCodeCache } from '../../../src/adapters/v8-code-cache.js';

function folder(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'br-guard-v8-cache-')));
}

/** A folder with the code file written and a cache folder named (not made) beside it. */
function fixture(): { root: string; file: string; cacheDir: string } {
  const root = folder();
  const file = join(root, 'code.cjs');
  writeFileSync(file, source);
  return { root, file, cacheDir: join(root, 'cache') };
}

// What the hook code does with `import()`: it calls the loader's function, handed in on `module`.
const source = [
  'const load = module.brImport || ((specifier) => import(specifier));',
  "exports.path = () => load('node:path').then((m) => m.join('a', 'b'));",
  'exports.twice = (n) => n * 2;',
].join('\n');

test('a variant is compiled, run with its module prepared, cached when saved, and compiled from the cache next time', async () => {
  const { root, file, cacheDir } = fixture();
  try {
    const first = compileWithCodeCache(file, { cacheDir, variant: 'pre-commit' });
    assert.is(first.fromCache, false);
    const seen: string[] = [];
    const lib = first.run((module) =>
      Object.assign(module, { brImport: (specifier: string) => (seen.push(specifier), import(specifier)) }),
    ) as { path: () => Promise<string>; twice: (n: number) => number };
    assert.is(await lib.path(), 'a/b');
    assert.equal(seen, ['node:path'], "the code's import went through the prepared function");
    first.saveCache();
    const names = readdirSync(cacheDir);
    assert.is(names.length, 1);
    assert.match(names[0]!, /^code\.cjs-[0-9a-f]{12}-[0-9a-f]{12}-pre-commit\.v8$/);

    const second = compileWithCodeCache(file, { cacheDir, variant: 'pre-commit' });
    assert.is(second.fromCache, true, 'the same file and variant: from the cache');
    const again = second.run((module) => Object.assign(module, { brImport: (specifier: string) => import(specifier) })) as typeof lib;
    assert.is(again.twice(21), 42);
    assert.is(await again.path(), 'a/b', 'code from the cache imports through the function, which Node 20 allows');
    assert.is(compileWithCodeCache(file, { cacheDir, variant: 'pre-push' }).fromCache, false, 'another variant has its own cache');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a cache folder anyone may write to is neither read nor written (cached code runs as code)', () => {
  const { root, file, cacheDir } = fixture();
  try {
    compileWithCodeCache(file, { cacheDir, variant: 'x' }).saveCache();
    assert.is(compileWithCodeCache(file, { cacheDir, variant: 'x' }).fromCache, true);
    chmodSync(cacheDir, 0o777);
    assert.is(compileWithCodeCache(file, { cacheDir, variant: 'x' }).fromCache, false, 'a world-writable folder is not trusted');
    const before = readdirSync(cacheDir);
    compileWithCodeCache(file, { cacheDir, variant: 'y' }).saveCache();
    assert.equal(readdirSync(cacheDir), before, 'nor written to');
    rmSync(cacheDir, { recursive: true });
    symlinkSync(root, cacheDir);
    compileWithCodeCache(file, { cacheDir, variant: 'z' }).saveCache();
    assert.not.ok(
      readdirSync(root).some((name) => name.endsWith('.v8')),
      'a symlink is not our folder',
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a rebuilt file gets a new cache and its old versions are removed, with temporary files a killed write left', () => {
  const { root, file, cacheDir } = fixture();
  try {
    const old = compileWithCodeCache(file, { cacheDir, variant: 'pre-commit' });
    old.saveCache();
    const [oldName] = readdirSync(cacheDir);
    // A write whose process is gone (pid 2^22 + 1: above Linux's pid_max), one under way in this
    // process, and the cache of another file: only the first goes.
    const killed = `${oldName}.br-guard.${2 ** 22 + 1}.1.tmp`;
    const underWay = `${oldName}.br-guard.${process.pid}.1.tmp`;
    writeFileSync(join(cacheDir, killed), 'partial');
    writeFileSync(join(cacheDir, underWay), 'writing');
    writeFileSync(join(cacheDir, 'other.cjs-000000000000-000000000000-pre-commit.v8'), 'x');
    writeFileSync(file, `${source}\nexports.more = true;\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const rebuilt = compileWithCodeCache(file, { cacheDir, variant: 'pre-commit' });
    assert.is(rebuilt.fromCache, false, 'a changed file never takes the old cache');
    rebuilt.saveCache();
    const names = readdirSync(cacheDir).sort();
    assert.is(names.length, 3, names.join(', '));
    assert.ok(names.includes('other.cjs-000000000000-000000000000-pre-commit.v8'));
    assert.ok(names.includes(underWay), 'a write under way is left alone');
    assert.not.ok(names.includes(killed), 'a killed write is removed');
    assert.not.ok(names.includes(oldName!), 'the old version is gone');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a module that throws while running is not left registered; an unreadable cache folder only costs the cache', () => {
  const root = folder();
  const file = join(root, 'broken.cjs');
  writeFileSync(file, "throw new Error('broken at load');\n");
  try {
    const compiled = compileWithCodeCache(file, { cacheDir: join(root, 'cache') });
    assert.throws(() => compiled.run(), /broken at load/);
    const blocked = join(root, 'not-a-folder');
    writeFileSync(blocked, 'a file where the cache folder would go');
    const fine = join(root, 'fine.cjs');
    writeFileSync(fine, 'exports.ok = 1;\n');
    const loaded = compileWithCodeCache(fine, { cacheDir: blocked });
    assert.equal(loaded.run(), { ok: 1 });
    loaded.saveCache();
    assert.is(compileWithCodeCache(fine, { cacheDir: blocked }).fromCache, false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test.run();
