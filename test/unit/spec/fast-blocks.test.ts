import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fastBlocks } from '../../../src/spec/fast-blocks.js';
import { markdownBlocks } from '../../../src/spec/markdown-blocks.js';
import { splitSections } from '../../../src/spec/split-sections.js';
import { specBlocks } from '../../../src/spec/spec-blocks.js';
import { specFixture } from './fixtures.js';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { parseSpecLazily } from '../../../src/spec/parse-spec-lazily.js';

/** Every section the fast path accepts must give exactly what mdast gives. */
function assertAgrees(text: string): { fast: number; slow: number } {
  let fast = 0;
  let slow = 0;
  for (const { line, from, to } of splitSections(text)) {
    const blocks = fastBlocks(text, line, from, to);
    if (!blocks) {
      slow++;
      continue;
    }
    fast++;
    assert.equal(blocks, markdownBlocks(text.slice(from, to), line), `section at line ${line}`);
  }
  return { fast, slow };
}

test('the fast path agrees with mdast on every fixture section it accepts', () => {
  for (const name of ['seed.md', 'plain-labels.md', 'fenced.md', 'invalid.md']) assertAgrees(specFixture(name));
  assert.ok(assertAgrees(specFixture('seed.md')).fast >= 10);
});

const AGREE = [
  '### Feature: A\n\n**Requirements:**\n- one\n- two\n  continued\n\n  second paragraph\n- three\nlazy line\n',
  '## X\n\nPara line one\nline two_with_underscore\n- interrupting item\n\n1. first\n2) other delimiter\n\n+ plus\n* star\n\n---\n\ntext',
  '## Y\n\n**Complexity**: high\n**Gate:** wait\n1. ordered interrupts\n\n2024. starts a list\n- a\n\n  \nafter blank ends list\n',
  '#\n\n- a\n\n---\n',
];

const REFUSE = [
  '## Z\n\n- a\n  - nested\n',
  '## Z\n\nText\n---\n',
  '## Z\n\nText\n==\n',
  '## Z\n\n`code`\n',
  '## Z\n\n*emphasis*\n',
  '## Z\n\n_emphasis_\n',
  '## Z\n\n**bold** later **again**\n',
  '## Z\n\n**Label:**x\n',
  '## Z\n\n-\n',
  '## Z\n\n    indented code\n',
  '## Z\n\n- a\n\n      deep\n',
  '## Z #\n',
  '## Z\n\nPara\n2. not a list start\n',
  '## Z\n\n- a\n---\n',
  '## Z\n\n- **bold item**\n',
  '## Z\n\n- a\n  # heading in item\n',
];

test('plain sections take the fast path and match mdast', () => {
  for (const text of AGREE) assert.equal(assertAgrees(text), { fast: 1, slow: 0 }, text);
});

test('anything outside the plain subset goes to mdast', () => {
  for (const text of REFUSE) {
    assert.is(fastBlocks(text), null, text);
  }
});

test('specBlocks mixes both paths and keeps document lines', () => {
  const text = '# T\n\n## A\n\n- `x`\n\n## B\n\n- y\n';
  assert.throws(() => [...specBlocks(text, null)], /section at line 3 needs the markdown parser/);
  const blocks = [...specBlocks(text, markdownBlocks)];
  assert.equal(
    blocks.map((b) => [b.kind, b.line]),
    [
      ['heading', 1],
      ['heading', 3],
      ['list', 5],
      ['heading', 7],
      ['list', 9],
    ],
  );
});

test('sections split at column-0 headings outside fences only', () => {
  const text = '# A\n```\n# not\n```\n~~~~\n# not\n~~~\n~~~~\n## B\n```js `x`\n# C\n';
  assert.equal(
    splitSections(text).map((r) => r.line),
    [1, 9, 11],
  );
  assert.equal(splitSections('# only')[0], { line: 1, from: 0, to: 6 });
});

test('the lazy parser gives what parseSpec gives, with and without mdast', async () => {
  for (const name of ['seed.md', 'plain-labels.md']) {
    const text = specFixture(name).replace(/\n/g, '\r\n');
    assert.equal(await parseSpecLazily(text, name), parseSpec(text, name));
  }
  const plain = '### Feature: A\n\n**Requirements:**\n- x\n';
  assert.equal(await parseSpecLazily(plain, 'p.md'), parseSpec(plain, 'p.md'));
});

test('bold labels, list markers and bare paths read by hand still agree with mdast', () => {
  const agree = [
    '## A\n\n**Requirements:**\n- one\n- two\n\n**Complexity:** simple\n**Gate**: wait, then go\n**Files:**\n- src/a.ts\n- ./b.ts\n- -x\n',
    '## A\n\n**Done when:**\n-  two spaces\n- x\n-\tx\n',
    '## A\n\n**Note.**Next\n',
    '## A\n\n**Note.** next\n',
  ];
  for (const text of agree) assertAgrees(text);
  for (const text of ['## A\n\n** Label:**\n', '## A\n\n**Label: **\n', '## A\n\n***Label:**\n', '## A\n\n**Label:*\n', '## A\n\n****\n']) {
    assert.is(fastBlocks(text), null, text);
  }
  assert.equal(fastBlocks('## A\n\n**Files:** a.ts\n- b/c.ts\n'), [
    { kind: 'heading', depth: 2, text: 'A', line: 1 },
    { kind: 'paragraph', lines: [{ text: 'Files: a.ts', strong: 'Files:', line: 3 }], line: 3 },
    { kind: 'list', items: [{ text: 'b/c.ts', line: 4, checked: null, children: [] }], line: 4 },
  ]);
});

test.run();
