import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  mergedEntries,
  parseBatchCheck,
  parseBatchObjects,
  parseBatchOutput,
  parseLogNameStatusZ,
  parseNameStatusZ,
  parseRawDiffZ,
  parseStageEntriesZ,
  parseTreeListingZ,
  stagedRecords,
} from '../../../src/adapters/git-output.js';

// Captured from git 2.39: a modification, a symlink added, a rename, a file named with a newline
// added and a file named with a space deleted (`git diff-index --cached -z --raw --no-abbrev -M HEAD`).
const RAW =
  ':100644 100644 78981922613b2afb6025042ff6bd878ac1994e85 422c2b7ab3b3c668038da977e4e93a5fc623169c M\u0000a.ts\u0000' +
  ':000000 120000 0000000000000000000000000000000000000000 417ce6bd4ee0c0b5363301c19328c6ea3a3005ee A\u0000link.ts\u0000' +
  ':100644 100644 587be6b4c3f93f93c489c0111bba5596147a26cb 587be6b4c3f93f93c489c0111bba5596147a26cb R100\u0000old.ts\u0000moved.ts\u0000' +
  ':000000 100644 0000000000000000000000000000000000000000 8ba3a16384aacc37d01564b28401755ce8053f51 A\u0000new\nline.ts\u0000' +
  ':100644 000000 2fa992c0b8b5c6acd2bdd4fa31de29d29799bdd5 0000000000000000000000000000000000000000 D\u0000sp ace.ts\u0000';

// The same index (`git ls-files -s -z`).
const STAGE =
  '100644 422c2b7ab3b3c668038da977e4e93a5fc623169c 0\ta.ts\u0000' +
  '120000 417ce6bd4ee0c0b5363301c19328c6ea3a3005ee 0\tlink.ts\u0000' +
  '100644 587be6b4c3f93f93c489c0111bba5596147a26cb 0\tmoved.ts\u0000' +
  '100644 8ba3a16384aacc37d01564b28401755ce8053f51 0\tnew\nline.ts\u0000';

// A merge with a conflict in c.ts: the raw diff says U, the index holds stages 1-3.
const CONFLICT_RAW = ':100644 000000 00750edc07d6415dcc07ae0351e9397b0222b7ba 0000000000000000000000000000000000000000 U\u0000c.ts\u0000';
const CONFLICT_STAGE =
  '100644 d00491fd7e5bb6fa28c517a0bb32b8b506539d4d 1\tc.ts\u0000' +
  '100644 00750edc07d6415dcc07ae0351e9397b0222b7ba 2\tc.ts\u0000' +
  '100644 0cfbf08886fca9a91cb753ec8734c84fcbe52c9f 3\tc.ts\u0000' +
  '100644 422c2b7ab3b3c668038da977e4e93a5fc623169c 0\ta.ts\u0000';

test('raw diff: statuses, both modes and blobs, renames old path first, names with newlines and spaces', () => {
  const records = parseRawDiffZ(RAW);
  assert.equal(
    records.map((r) => [r.status, r.path, r.from ?? null, r.oldMode, r.newMode]),
    [
      ['M', 'a.ts', null, '100644', '100644'],
      ['A', 'link.ts', null, '000000', '120000'],
      ['R', 'moved.ts', 'old.ts', '100644', '100644'],
      ['A', 'new\nline.ts', null, '000000', '100644'],
      ['D', 'sp ace.ts', null, '100644', '000000'],
    ],
  );
  assert.is(records[0]!.oldBlob, '78981922613b2afb6025042ff6bd878ac1994e85');
  assert.is(records[0]!.newBlob, '422c2b7ab3b3c668038da977e4e93a5fc623169c');
  assert.equal(parseRawDiffZ(''), []);
});

test('staged records leave unmerged paths out', () => {
  assert.equal(stagedRecords(CONFLICT_RAW), []);
  assert.equal(
    stagedRecords(RAW).map((r) => r.path),
    ['a.ts', 'link.ts', 'moved.ts', 'new\nline.ts', 'sp ace.ts'],
  );
});

test('stage listing: modes, blobs and stages; merged entries drop every side of a conflict', () => {
  const entries = parseStageEntriesZ(STAGE);
  assert.equal(
    entries.map((e) => [e.path, e.mode, e.stage]),
    [
      ['a.ts', '100644', 0],
      ['link.ts', '120000', 0],
      ['moved.ts', '100644', 0],
      ['new\nline.ts', '100644', 0],
    ],
  );
  const merged = mergedEntries(parseStageEntriesZ(CONFLICT_STAGE));
  assert.equal([...merged.keys()], ['a.ts']);
  assert.is(merged.get('a.ts')?.blob, '422c2b7ab3b3c668038da977e4e93a5fc623169c');
});

test('name status: modifications, deletions, copies and renames', () => {
  assert.equal(parseNameStatusZ('M\0a.ts\0D\0b.ts\0C100\0c.ts\0d.ts\0R090\0e.ts\0f g.ts\0'), [
    { status: 'M', path: 'a.ts' },
    { status: 'D', path: 'b.ts' },
    { status: 'C', path: 'd.ts', from: 'c.ts' },
    { status: 'R', path: 'f g.ts', from: 'e.ts' },
  ]);
});

test('tree listing: mode, blob and a path with a tab', () => {
  assert.equal(parseTreeListingZ('100644 blob aaaa\tsrc/a.ts\u0000160000 commit bbbb\tvendor/x\ty\u0000'), [
    { path: 'src/a.ts', blob: 'aaaa', mode: '100644' },
    { path: 'vendor/x\ty', blob: 'bbbb', mode: '160000' },
  ]);
});

test('cat-file --batch output: blobs, missing objects, non-blobs, truncated output, content with newlines', () => {
  const out = Buffer.from('aaaa blob 5\nhe\nlo\nnope missing\nbbbb tree 3\nxyz\n');
  const into = new Map<string, Buffer | null>();
  parseBatchOutput(out, ['a', 'nope', 't', 'cut'], into);
  assert.is(into.get('a')?.toString(), 'he\nlo');
  assert.is(into.get('nope'), null);
  assert.is(into.get('t'), null);
  assert.is(into.get('cut'), null);
});

test('cat-file --batch-check output: sizes, missing ids left out', () => {
  const sizes = parseBatchCheck('aaaa blob 12\nbbbb missing\ncccc blob 0\n', ['aaaa', 'bbbb', 'cccc']);
  assert.equal(
    [...sizes],
    [
      ['aaaa', 12],
      ['cccc', 0],
    ],
  );
});

test('cat-file --batch objects: blobs, trees with their ids, missing objects, empty blobs', () => {
  const out = Buffer.from('aaaa blob 5\nhello\nbbbb tree 3\n\u0000\u0001\u0002\nx:y missing\ncccc blob 0\n\n');
  const [blob, tree, missing, empty] = parseBatchObjects(out, 4);
  assert.is(blob!.content.toString(), 'hello');
  assert.equal([tree!.id, tree!.type, tree!.content.length], ['bbbb', 'tree', 3]);
  assert.is(missing, null);
  assert.is(empty!.content.length, 0);
});

test('raw diff (diff-tree --no-renames): target modes, blobs and odd names', () => {
  const z = '0'.repeat(40);
  const out = `:100644 100755 ${'a'.repeat(40)} ${'b'.repeat(40)} M\0sp ace.sh\0:100644 000000 ${'c'.repeat(40)} ${z} D\0ünï.txt\0:000000 120000 ${z} ${'d'.repeat(40)} A\0link\0`;
  assert.equal(
    parseRawDiffZ(out).map((r) => ({ status: r.status, path: r.path, mode: r.newMode, blob: r.newBlob })),
    [
      { status: 'M', path: 'sp ace.sh', mode: '100755', blob: 'b'.repeat(40) },
      { status: 'D', path: 'ünï.txt', mode: '000000', blob: z },
      { status: 'A', path: 'link', mode: '120000', blob: 'd'.repeat(40) },
    ],
  );
});

test('log name-status: headers, renames, a commit with no changes, a path that starts with the header byte', () => {
  const out = ['\x01c1', '\nA', 'a.txt', 'R100', 'old.ts', 'new.ts', '\x01c2', '\n\x01c3', '\nM', '\x01odd', ''].join('\0');
  assert.equal(
    [...parseLogNameStatusZ(out)],
    [
      [
        'c1',
        [
          { status: 'A', path: 'a.txt' },
          { status: 'R', path: 'new.ts', from: 'old.ts' },
        ],
      ],
      ['c2', []],
      ['c3', [{ status: 'M', path: '\x01odd' }]],
    ],
  );
});

test.run();
