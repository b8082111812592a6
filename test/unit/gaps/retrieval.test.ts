import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { queryTerms, headTerms, segment, featureFiles } from '../../../src/gaps/retrieval.js';
import { addSymbolBodies, stripStringsAndComments } from '../../../src/gaps/scanner/symbol-bodies.js';
import { emptyScan } from '../../../src/gaps/scanner/types.js';
import { objectionsTo, recordsFor } from '../../../src/gaps/evidence-memory.js';
import { parseEvidenceMemory } from '../../../src/gaps/evidence-memory-file.js';
import { scanSequentially } from '../../../src/gaps/scan-many.js';
import { buildCodeIndex } from '../../../src/gaps/code-index.js';
import { evaluateRequirement, evaluateAcceptance } from '../../../src/gaps/evaluate-items.js';
import { explainItem, findItems } from '../../../src/gaps/explain-item.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';
import type { SpecFeature } from '../../../src/domain/spec.js';

async function indexOf(files: Record<string, string>) {
  const scans = (await scanSequentially(Object.entries(files).map(([path, content]) => ({ path, content })))).filter(
    (scan): scan is FileScan => scan !== null,
  );
  return buildCodeIndex(Object.keys(files).sort(), scans, []);
}

const feature = (files: string[]): SpecFeature => ({
  id: 'f',
  name: 'F',
  complexity: null,
  description: '',
  requirements: [],
  files,
  fileLines: files.map(() => 1),
  acceptanceCriteria: [],
  dependsOn: [],
  dependencyTexts: [],
  gate: null,
  line: 1,
});

test('query terms: stopwords and numbers out, synonyms and phrases folded, the head named', () => {
  assert.equal(queryTerms('Validate the configuration'), queryTerms('check settings'));
  assert.ok(queryTerms('Back up the state').includes(queryTerms('backup')[0] as string));
  assert.not.ok(queryTerms('Convert 1st to 2nd').some((term) => /\d/.test(term)));
  assert.equal([...headTerms('Chunk file lists under the OS argument limit')], queryTerms('Chunk file lists'));
});

test('run-together names split into words the repository writes elsewhere', () => {
  const vocabulary = new Set(['natural', 'delta', 'int', 'comma']);
  assert.equal(segment('naturaldelta', vocabulary), ['natural', 'delta']);
  assert.equal(segment('intcomma', vocabulary), ['int', 'comma']);
  assert.equal(segment('unrelated', vocabulary), []);
});

test('bodies: span, doc comment, identifiers without messages, a fingerprint that follows the code', () => {
  const js = [
    '/** Chunk files into sub-arrays under the argument limit */',
    'export function chunkFiles(files, maxArgLength) {',
    "  if (!files.length) throw new Error('nothing to chunk here')",
    "  return splitByLength(files, maxArgLength, 'utf-8')",
    '}',
    'export const other = 1',
  ].join('\n');
  const scan = emptyScan('lib/chunk.js', 'ts', 6);
  scan.symbols = [
    { name: 'chunkFiles', kind: 'function', line: 2, exported: true },
    { name: 'other', kind: 'variable', line: 6, exported: true },
  ];
  addSymbolBodies(scan, js);
  const body = scan.symbolBodies?.[0];
  assert.is(body?.end, 5);
  assert.match(body?.doc ?? '', /argument limit/);
  assert.ok(body?.terms.includes('splitByLength'));
  assert.ok(body?.terms.includes('utf'), 'a key-like string is vocabulary');
  assert.not.ok(body?.terms.includes('nothing'), 'a message is not code');
  const changed = emptyScan('lib/chunk.js', 'ts', 6);
  changed.symbols = scan.symbols;
  addSymbolBodies(changed, js.replace('splitByLength', 'splitEvenly'));
  assert.is.not(changed.symbolBodies?.[0]?.hash, body?.hash);
  assert.is(stripStringsAndComments("a = 'x y' # c", true).trim(), 'a =');
});

test('python bodies: docstring, multi-line signature, the next def ends it', () => {
  const py = [
    'def naturalsize(',
    '    value,',
    ') -> str:',
    '    """Format a file size."""',
    '    return fmt(value)',
    '',
    'def other():',
    '    pass',
  ].join('\n');
  const scan = emptyScan('size.py', 'python', 8);
  scan.symbols = [
    { name: 'naturalsize', kind: 'function', line: 1, exported: true },
    { name: 'other', kind: 'function', line: 7, exported: true },
  ];
  addSymbolBodies(scan, py);
  assert.is(scan.symbolBodies?.[0]?.end, 5);
  assert.is(scan.symbolBodies?.[0]?.doc, 'Format a file size.');
  assert.ok(scan.symbolBodies?.[0]?.terms.includes('fmt'));
});

test('requirements: the feature Files first, a score and why; a stub or a deletion drops the item', async () => {
  const files = {
    'lib/chunkFiles.js':
      '/** Chunk files into sub-arrays based on the length of the argument string */\nexport const chunkFiles = ({ files, maxArgLength }) => {\n  const chunks = []\n  for (const file of files) chunks.push(file)\n  return chunks\n}\n',
    'lib/other.js': 'export const listUsers = () => {\n  return []\n}\n',
  };
  const item = { id: 'f/req-1', featureId: 'f', kind: 'requirement' as const, text: 'Chunk file lists under the OS argument limit' };
  const intact = evaluateRequirement(item, await indexOf(files), feature(['lib/chunkFiles.js']));
  assert.is(intact.status, 'done');
  assert.is(intact.evidence[0]?.file, 'lib/chunkFiles.js');
  assert.ok((intact.evidence[0]?.score ?? 0) > 0.35);
  assert.ok(intact.evidence[0]?.matched?.includes('chunk'));
  assert.is(intact.judgement?.scope, 'files');
  const stubbed = evaluateRequirement(
    item,
    await indexOf({
      ...files,
      'lib/chunkFiles.js': "export const chunkFiles = ({ files, maxArgLength }) => {\n  throw new Error('not implemented')\n}\n",
    }),
    feature(['lib/chunkFiles.js']),
  );
  assert.is.not(stubbed.status, 'done');
  const gone = evaluateRequirement(item, await indexOf({ 'lib/other.js': files['lib/other.js'] }), feature(['lib/chunkFiles.js']));
  assert.is(gone.status, 'missing');
  const explained = explainItem({ ...item, status: intact.status, evidence: intact.evidence }, intact.judgement).join('\n');
  assert.match(explained, /bar: done ≥ /);
  assert.match(explained, /chunkFiles\s+lib\/chunkFiles\.js:2/);
});

test('acceptance: a test title and body above the bar; one shared word is not enough', async () => {
  const index = await indexOf({
    'test/chunk.test.js': "it('should chunk too long argument string', () => {\n  expect(chunkFiles({ files })).toEqual([])\n})\n",
  });
  const item = (text: string) => ({ id: 'f/acc', featureId: 'f', kind: 'acceptance' as const, text });
  assert.is(evaluateAcceptance(item('Too long argument strings are chunked'), undefined, index).status, 'done');
  assert.is(evaluateAcceptance(item('Cancels a long order'), undefined, index).status, 'missing');
});

test('remembered evidence: deleted, stubbed and hollowed definitions are objections; a move is not', async () => {
  const body =
    'export function loadConfig(path) {\n  const text = readText(path)\n  const parsed = parseYaml(text)\n  validateShape(parsed)\n  return normalizeKeys(parsed, path, text)\n}\n';
  const index = await indexOf({ 'lib/load.js': body });
  const records = recordsFor([{ file: 'lib/load.js', line: 1, symbol: 'loadConfig' }], index);
  assert.is(records.length, 1);
  const remembered = { text: 'Load config', records };
  assert.equal(objectionsTo(remembered, index), []);
  const what = async (files: Record<string, string>) => objectionsTo(remembered, await indexOf(files)).map((o) => o.what);
  assert.equal(await what({ 'lib/load.js': 'export const x = 1\n' }), ['deleted']);
  assert.equal(await what({ 'lib/load.js': "export function loadConfig(path) {\n  throw new Error('not implemented')\n}\n" }), ['stubbed']);
  assert.equal(await what({ 'lib/load.js': 'export function loadConfig(path) {\n  return path\n}\n' }), ['hollowed']);
  assert.equal(await what({ 'lib/config/load.js': body }), [], 'moved to another file');
  // Extract function: the body now calls a new function of the same file holding its code.
  const extracted =
    'export function loadConfig(path) {\n  return loadChecked(path)\n}\n\nfunction loadChecked(path) {\n  const text = readText(path)\n  const parsed = parseYaml(text)\n  validateShape(parsed)\n  return normalizeKeys(parsed, path, text)\n}\n';
  assert.equal(await what({ 'lib/load.js': extracted }), [], 'code extracted into a function it calls');
  // Calling a function that does not hold the code is still a gutted body.
  const hollowCall = 'export function loadConfig(path) {\n  return tiny(path)\n}\n\nfunction tiny(p) {\n  return p\n}\n';
  assert.equal(await what({ 'lib/load.js': hollowCall }), ['hollowed']);
  assert.equal(parseEvidenceMemory({ a: { text: 'x', records: [{ file: 1 }] }, b: 'junk' }), {});
  assert.equal(parseEvidenceMemory([1]), {});
});

test('feature files: globs, folders and suffixes', () => {
  const files = ['src/a/x.ts', 'src/a/y.ts', 'pkg/lib/z.py', 'README.md'];
  assert.equal([...featureFiles(['src/a/*.ts'], files, () => null)].sort(), ['src/a/x.ts', 'src/a/y.ts']);
  assert.equal([...featureFiles(['src/a/'], files, () => null)].sort(), ['src/a/x.ts', 'src/a/y.ts']);
  assert.equal([...featureFiles(['lib/z.py'], files, () => 'pkg/lib/z.py')], ['pkg/lib/z.py']);
  const report = { items: [{ id: 'f/req-1', featureId: 'f', kind: 'requirement', text: 'Chunk files', status: 'done', evidence: [] }] };
  assert.is(findItems(report as never, 'req-1').length, 1);
  assert.is(findItems(report as never, 'chunk').length, 1);
  assert.match(explainItem(report.items[0] as never, undefined).join('\n'), /explicitly/);
});

test.run();
