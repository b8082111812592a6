import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { itemIds, normaliseText, shortHash, slugify, textHash } from '../../../src/spec/spec-ids.js';

const spec = (requirements: string[], extraFeature = false): string =>
  `# T\n\n${extraFeature ? '### Feature: Inserted\n\n**Requirements:**\n- Same text\n\n' : ''}### Feature: Orders\n\n**Requirements:**\n${requirements.map((r) => `- ${r}`).join('\n')}\n`;

const idsByText = (text: string): Map<string, string> => {
  const feature = parseSpec(text, 's.md').features.find((f) => f.id === 'orders')!;
  return new Map(feature.requirements.map((r) => [r.text, r.id]));
};

test('slugify makes lowercase ASCII words joined by dashes', () => {
  assert.is(slugify('Gap Analyzer & Completion Assurance!'), 'gap-analyzer-completion-assurance');
  assert.is(slugify('Crème Brûlée'), 'creme-brulee');
  assert.is(slugify('***'), '');
});

test('normaliseText ignores case, spacing and trailing punctuation', () => {
  assert.is(normaliseText('  Add   an Item.  '), 'add an item');
  assert.is(normaliseText('Add an item;'), 'add an item');
  assert.is(normaliseText('plain'), 'plain');
  assert.is(shortHash('a').length, 8);
  assert.is.not(shortHash('a'), shortHash('b'));
});

test('textHash hashes the normalised text without building it', () => {
  for (const text of ['Add an item', '  Add\tan   ITEM.;, ', 'Ünïcode Straße', 'x\u00a0y\u3000z', '', ' . ', 'İstanbul']) {
    assert.is(textHash(text), shortHash(normaliseText(text)), JSON.stringify(text));
  }
});

test('item ids survive reordering, insertion and deletion of other items', () => {
  const before = idsByText(spec(['Create order', 'Cancel order', 'List orders']));
  const reordered = idsByText(spec(['List orders', 'Create order', 'Cancel order']));
  const inserted = idsByText(spec(['Archive order', 'Create order', 'Cancel order', 'List orders'], true));
  const deleted = idsByText(spec(['Create order', 'List orders']));
  for (const text of ['Create order', 'List orders']) {
    assert.is(reordered.get(text), before.get(text));
    assert.is(inserted.get(text), before.get(text));
    assert.is(deleted.get(text), before.get(text));
  }
  assert.is(reordered.get('Cancel order'), before.get('Cancel order'));
});

test('equal texts in two features get two ids; exact duplicates in one get a suffix', () => {
  const parsed = parseSpec(spec(['Same text', 'Same text'], true), 's.md');
  const ids = parsed.features.flatMap((f) => f.requirements.map((r) => r.id));
  assert.is(new Set(ids).size, 3);
  assert.equal(itemIds('f', 'req', ['x', 'X.', 'y']), [`f/req-${shortHash('x')}`, `f/req-${shortHash('x')}-2`, `f/req-${shortHash('y')}`]);
});

test('a feature whose name has no letters still gets an id', () => {
  const parsed = parseSpec('### Feature: ???\n\n**Requirements:**\n- a\n', 's.md');
  assert.match(parsed.features[0]!.id, /^feature-[0-9a-f]{8}$/);
});

test.run();
