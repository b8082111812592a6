/**
 * Stable ids. A feature's id is the slug of its name; an item's id is the feature id, the item's
 * kind and a short hash of its normalised text, so inserting, deleting or reordering other items
 * never changes it. Only exact duplicates within one feature and kind get a counter suffix.
 */

/** Lowercase ASCII words joined by `-` ("Gap Analyzer & Co." → "gap-analyzer-co"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Text as compared for identity: case, spacing, list punctuation and trailing full stops ignored. */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^ /, '')
    .replace(/[.;, ]+$/, '');
}

/** Full stop, semicolon and comma at the end of an item do not make it a different item. */
const TRAILING = new Set([46, 59, 44]);

/** 8 hex digits of a 53-bit string hash (cyrb53): fast, and ample for the items of one feature. */
export function shortHash(text: string): string {
  const state = { h1: 0xdeadbeef, h2: 0x41c6ce57 };
  for (let i = 0; i < text.length; i++) mix(state, text.charCodeAt(i));
  return finish(state);
}

/**
 * `shortHash(normaliseText(text))` in one pass without building the normalised string: ids are
 * computed for every item of every feature, and on large specs the allocations showed up.
 */
export function textHash(text: string): string {
  let end = text.length;
  while (end > 0 && (TRAILING.has(text.charCodeAt(end - 1)) || isSpace(text.charCodeAt(end - 1)))) end--;
  let begin = 0;
  while (begin < end && isSpace(text.charCodeAt(begin))) begin++;
  const state = { h1: 0xdeadbeef, h2: 0x41c6ce57 };
  let pendingSpace = false;
  for (let i = begin; i < end; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) mix(state, 32);
    pendingSpace = false;
    if (code >= 65 && code <= 90) mix(state, code + 32);
    else if (code < 128) mix(state, code);
    else {
      const lower = text[i]!.toLowerCase();
      for (let j = 0; j < lower.length; j++) mix(state, lower.charCodeAt(j));
    }
  }
  return finish(state);
}

function mix(state: { h1: number; h2: number }, code: number): void {
  state.h1 = Math.imul(state.h1 ^ code, 2654435761);
  state.h2 = Math.imul(state.h2 ^ code, 1597334677);
}

function finish(state: { h1: number; h2: number }): string {
  const h2 = Math.imul(state.h2 ^ (state.h2 >>> 16), 2246822507) ^ Math.imul(state.h1 ^ (state.h1 >>> 13), 3266489909);
  const h1 = Math.imul(state.h1 ^ (state.h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0');
}

/** Whitespace as `\s` matches it in the characters specs use. */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x3000 ||
    code === 0x1680 ||
    code === 0x202f ||
    code === 0x205f
  );
}

export type ItemKindPrefix = 'req' | 'acc' | 'file';

/** Assigns ids to a feature's items of one kind, in order. */
export function itemIds(featureId: string, prefix: ItemKindPrefix, texts: string[]): string[] {
  const ids: string[] = [];
  const bases: string[] = [];
  for (const text of texts) {
    const base = `${featureId}/${prefix}-${textHash(text)}`;
    // A linear scan beats a Map here: features hold a handful of items, and this runs per feature.
    let count = 1;
    for (const seen of bases) if (seen === base) count++;
    bases.push(base);
    ids.push(count === 1 ? base : `${base}-${count}`);
  }
  return ids;
}
