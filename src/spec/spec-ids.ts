/**
 * Stable ids. A feature's id is the slug of its name; an item's id is the feature id, the item's
 * kind and a short hash of its normalised text, so inserting, deleting or reordering other items
 * never changes it. Only exact duplicates within one feature and kind get a counter suffix.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase ASCII words joined by `-` ("Gap Analyzer & Co." → "gap-analyzer-co"). */
export function slugify(text: string): string {
  // ASCII is its own NFKD form without combining marks: most names skip the Unicode steps.
  if (ASCII.test(text)) {
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  }
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
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  return finish(h1, h2);
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
  // The hash state lives in locals (not an object passed to a helper): this loop runs over every
  // character of every item, and the object version cost a tenth of a large spec's parse.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let pendingSpace = false;
  for (let i = begin; i < end; i++) {
    let code = text.charCodeAt(i);
    if (code > 32 && code < 128) {
      if (pendingSpace) {
        h1 = Math.imul(h1 ^ 32, 2654435761);
        h2 = Math.imul(h2 ^ 32, 1597334677);
        pendingSpace = false;
      }
      if (code >= 65 && code <= 90) code += 32;
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
      continue;
    }
    if (isSpace(code)) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      h1 = Math.imul(h1 ^ 32, 2654435761);
      h2 = Math.imul(h2 ^ 32, 1597334677);
      pendingSpace = false;
    }
    // Control characters below 32 that are not spaces, and non-ASCII (lowercased as a string).
    const lower = code < 128 ? text[i]! : text[i]!.toLowerCase();
    for (let j = 0; j < lower.length; j++) {
      const part = lower.charCodeAt(j);
      h1 = Math.imul(h1 ^ part, 2654435761);
      h2 = Math.imul(h2 ^ part, 1597334677);
    }
  }
  return finish(h1, h2);
}

function finish(h1: number, h2: number): string {
  const high = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const low = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
  // Eight hex digits in one string, without toString(16) and padStart's intermediate strings.
  return String.fromCharCode(
    HEX[(low >>> 28) & 15]!,
    HEX[(low >>> 24) & 15]!,
    HEX[(low >>> 20) & 15]!,
    HEX[(low >>> 16) & 15]!,
    HEX[(low >>> 12) & 15]!,
    HEX[(low >>> 8) & 15]!,
    HEX[(low >>> 4) & 15]!,
    HEX[low & 15]!,
  );
}

const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** Whitespace exactly as the regular expression `\s` matches it. */
export function isSpace(code: number): boolean {
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
