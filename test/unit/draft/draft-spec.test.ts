import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Git } from '../../../src/adapters/git.js';
import { defaultConfig } from '../../../src/config/defaults.js';
import type { LoadedConfig } from '../../../src/config/types.js';
import { UsageError } from '../../../src/domain/errors.js';
import type { DraftFacts } from '../../../src/draft/draft-facts.js';
import { draftSpec } from '../../../src/draft/draft-spec.js';
import { renderDraft } from '../../../src/draft/render-draft.js';
import { verifyDraft } from '../../../src/draft/verify-draft.js';
import { formatSpecDraft, prepareSpecDraft, writeSpecDraft } from '../../../src/draft/write-spec-draft.js';
import { manifestParser } from '../../../src/drift/deps/parse-dependencies.js';
import { isSourceFile } from '../../../src/drift/rules/source-files.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import { isScannable, scanFile } from '../../../src/gaps/scanner/scan-file.js';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { validateSpec } from '../../../src/spec/validate-spec.js';
import picomatch from 'picomatch';
import { JS_APP, PY_PACKAGE } from './fixtures.js';

/** The facts of an in-memory repository, read with the same parsers `collectDraftFacts` uses. */
async function factsOf(files: Record<string, string>): Promise<DraftFacts> {
  const paths = Object.keys(files).sort();
  const allowed = picomatch(defaultConfig().architecture.undocumentedAllowed, { dot: true });
  const scanned = await Promise.all(paths.filter(isScannable).map((path) => scanFile(path, files[path] as string)));
  const readme = paths.find((path) => /^readme\.md$/i.test(path));
  return {
    files: paths,
    needsEntry: paths.filter((path) => isSourceFile(path) && !allowed(path)),
    scanned,
    endpoints: linkEndpoints(scanned).endpoints,
    dependencies: paths.flatMap((path) => manifestParser(path)?.(path, files[path] as string) ?? []),
    packageJson: files['package.json'] ?? null,
    pyproject: files['pyproject.toml'] ?? null,
    readme: readme ? { file: readme, text: files[readme] as string } : null,
  };
}

test('a JS/TS app: an API feature per resource with its route and handler files, modules for the rest', async () => {
  const facts = await factsOf(JS_APP);
  const draft = draftSpec(facts, 'folder');
  assert.is(draft.title, 'shop');
  assert.is(draft.overview, 'A small shop with an orders API\n\nA shop that takes orders. It has an API.');
  assert.equal(draft.sources, ['package.json', 'README.md', '6 source files', '2 endpoints']);
  assert.equal(
    draft.features.map((f) => [f.name, f.requirements, f.files]),
    [
      ['Orders API', ['Serves GET /api/orders', 'Serves GET /api/orders/:id'], ['src/routes/orders.js', 'src/controllers/orders.js']],
      ['Lib', ['Defines `formatPrice`'], ['src/lib/format.ts']],
      ['Server', [], ['src/server.js']],
    ],
  );
  // The stub (an empty function) and the script stay out of features; File Structure covers them.
  assert.equal(draft.structure, ['scripts/', '  seed.js', 'src/', '  controllers/', '  lib/', '  routes/', '  server.js']);
  assert.equal(draft.dependencies, ['Node.js', 'TypeScript', 'JavaScript', 'express (framework)']);
  assert.equal(draft.tools, ['vitest']);
  const text = renderDraft(draft);
  assert.match(text, /^<!--\n {2}DRAFT written by `br-guard spec draft`/);
  const spec = parseSpec(text, 'PROJECT_SPEC.md');
  assert.equal(spec.warnings, []);
  assert.is(validateSpec(spec).valid, true);
  assert.equal(verifyDraft(text, 'PROJECT_SPEC.md', facts, []), { undocumented: [], unlisted: [], errors: [] });
});

test('a Python package: features per module, names it defines, pyproject dependencies', async () => {
  const facts = await factsOf(PY_PACKAGE);
  const draft = draftSpec(facts, 'folder');
  assert.is(draft.title, 'tally');
  assert.is(draft.overview, 'Count things');
  assert.equal(
    draft.features.map((f) => [f.name, f.requirements, f.files]),
    [
      ['Cli', ['Defines `main`'], ['src/tally/cli.py']],
      ['Counter', ['Defines `count`, `Counter`'], ['src/tally/counter.py']],
    ],
  );
  assert.equal(draft.dependencies, ['Python', 'click (framework)']);
  assert.equal(draft.tools, ['pytest']);
  assert.equal(draft.structure, ['src/', '  tally/']);
  const text = renderDraft(draft);
  assert.equal(verifyDraft(text, 'PROJECT_SPEC.md', facts, []), { undocumented: [], unlisted: [], errors: [] });
});

test('what a draft leaves uncovered is reported, not hidden', async () => {
  const facts = await factsOf({ 'a.js': 'export const a = 1;\n', 'package.json': '{"dependencies":{"left-pad":"1"}}' });
  const coverage = verifyDraft('# nothing\n', 'PROJECT_SPEC.md', facts, []);
  assert.equal(coverage.undocumented, ['a.js']);
  assert.equal(coverage.unlisted, ['npm:left-pad']);
  assert.equal(coverage.errors, ['1: the spec defines no features (expected headings such as "### Feature: NAME")']);
});

test('nothing to draft from: exit 2 with the reason', async () => {
  for (const [files, reason] of [
    [{}, /the repository has no files/],
    [{ 'README.md': '# x\n', 'test/a.test.js': 'x;\n' }, /none of its 2 files is a source file that needs a spec entry/],
  ] as const) {
    try {
      draftSpec(await factsOf(files), 'folder');
      assert.unreachable('should refuse');
    } catch (error) {
      assert.instance(error, UsageError);
      assert.is((error as UsageError).exitCode, 2);
      assert.match((error as Error).message, reason);
    }
  }
});

test('an existing spec is not overwritten without force; --output must stay in the repository', async () => {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-draft-'));
  try {
    const git = { root } as Git;
    const loaded = { config: defaultConfig() } as LoadedConfig;
    const collect = async (): Promise<DraftFacts> => factsOf(JS_APP);
    const output = join(root, 'PROJECT_SPEC.md');
    writeFileSync(output, '# mine\n');
    const refusals: Array<[Parameters<typeof prepareSpecDraft>[1], RegExp]> = [
      [{ output, force: false, existingSpec: 'PROJECT_SPEC.md' }, /PROJECT_SPEC.md already exists: not overwritten \(use --force/],
      [{ output: join(root, 'draft.md'), force: false, existingSpec: 'PROJECT_SPEC.md' }, /a spec already exists at PROJECT_SPEC.md/],
      [{ output: join(root, '..', 'x.md'), force: true, existingSpec: null }, /the spec must be inside the repository/],
    ];
    for (const [options, message] of refusals) {
      try {
        await prepareSpecDraft({ git, loaded, collect }, options);
        assert.unreachable('should refuse');
      } catch (error) {
        assert.is((error as UsageError).exitCode, 2);
        assert.match((error as Error).message, message);
      }
    }
    assert.is(readFileSync(output, 'utf8'), '# mine\n');
    const prepared = await prepareSpecDraft({ git, loaded, collect }, { output, force: true, existingSpec: 'PROJECT_SPEC.md' });
    const result = await writeSpecDraft(prepared);
    assert.is(result.overwritten, true);
    assert.match(readFileSync(output, 'utf8'), /### Feature: Orders API/);
    assert.match(formatSpecDraft(result), /replaced PROJECT_SPEC.md \(a draft: edit it\)\n {2}3 features from 2 endpoints/);
    mkdirSync(join(root, 'docs'));
    const other = await prepareSpecDraft(
      { git, loaded, collect },
      { output: join(root, 'docs', 'SPEC.md'), force: false, existingSpec: 'docs/SPEC.md' },
    );
    assert.is(other.result.file, 'docs/SPEC.md');
    assert.is(other.result.overwritten, false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the report names what the draft does not cover', () => {
  const text = formatSpecDraft({
    file: 'PROJECT_SPEC.md',
    overwritten: false,
    features: [{ name: 'One', files: 1, requirements: 0 }],
    dependencies: 1,
    structureEntries: 1,
    sourceFiles: 1,
    endpoints: 1,
    coverage: { undocumented: ['a b.js'], unlisted: ['npm:x'], errors: ['3: bad'] },
  });
  assert.match(text, /wrote PROJECT_SPEC.md/);
  assert.match(text, /1 feature from 1 endpoint and the top-level modules; 1 source file covered by 1 File Structure entry; 1 dependency/);
  assert.match(text, /warning: PROJECT_SPEC.md:3: bad/);
  assert.match(text, /does not document 1 source file\(s\): a b.js/);
  assert.match(text, /does not admit npm:x/);
});

test.run();
