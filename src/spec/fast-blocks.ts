import type { Block, InlineLine, ListEntry } from './blocks.js';
import { isSpace } from './spec-ids.js';

/**
 * A fast path for the plain markdown most spec sections are written in: ATX headings, paragraphs
 * (optionally opening with `**Label:**`), flat `-`/`*`/`+`/`1.` lists and `---` rules. It
 * returns the blocks mdast would give, or null as soon as the section uses anything else
 * (inline code, links, emphasis, nesting, fences, tables, HTML, escapes ...), and the caller
 * then parses the section with mdast. Unit tests check the two agree on every section this path
 * accepts; it exists because mdast needs seconds for a spec with thousands of features.
 */
export function fastBlocks(text: string, firstLine = 1, from = 0, to = text.length): Block[] | null {
  if (firstUnsupported(text, from) < to) return null;
  const parser = new FastParser(firstLine);
  let number = firstLine;
  for (let offset = from; offset <= to; number++) {
    let end = text.indexOf('\n', offset);
    if (end === -1 || end > to) end = to;
    // `- text` (the commonest line of a spec) skips the regular expressions and the line's own
    // copy: after `- ` a character other than space or `-` rules out a thematic break, and
    // MARKER would match it so.
    const third =
      end - offset > 2 && text.charCodeAt(offset) === 45 && text.charCodeAt(offset + 1) === 32 ? text.charCodeAt(offset + 2) : 32;
    const ok =
      third !== 32 && third !== 45
        ? parser.listItem('-', 1, text.slice(offset + 2, end), number)
        : parser.line(text.slice(offset, end), number);
    if (!ok) return null;
    offset = end + 1;
  }
  parser.flush();
  return parser.blocks;
}

// Characters that start constructs this path does not model (code, links, HTML, entities,
// escapes, tables, strikethrough, tabs, unusual spaces); `*` and `_` are checked per line.
const UNSUPPORTED = /[`<>[\]\\&|~\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\r]/g;
const HEADING = /^(#{1,6})(?: +(.*?))? *$/;
const MARKER = /^([-*+]|\d{1,9}[.)])( +)(.*)$/;
const STARTS_BLOCK = /^(?:[-*+]|\d{1,9}[.)])(?: |$)|^#{1,6}(?: |$)/;
const RULE_LIKE = /^ *(?:-+|=+|\*{3,}[* ]*|_{3,}[_ ]*) *$/;
const PUNCT = /[!-/:-@[-`{-~\p{P}\p{S}]/u;

/**
 * The offset of the first UNSUPPORTED character at or after `from`. Sections come in document
 * order, so one scan serves every section up to the next such character: the text is searched
 * once overall instead of line by line (this runs over every line of the spec).
 */
let scanned: { text: string; from: number; at: number } | null = null;
function firstUnsupported(text: string, from: number): number {
  if (scanned && scanned.text === text && scanned.from <= from && from <= scanned.at) return scanned.at;
  UNSUPPORTED.lastIndex = from;
  const at = UNSUPPORTED.exec(text)?.index ?? text.length;
  scanned = { text, from, at };
  return at;
}

/** Shared by every flat item (the fast path never nests), to spare an array per item. */
const NO_CHILDREN: ListEntry[] = [];

interface OpenList {
  marker: string;
  items: ListEntry[];
  line: number;
  offset: number;
  blankSince: boolean;
}

class FastParser {
  readonly blocks: Block[] = [];
  private paragraph: { lines: InlineLine[]; line: number } | null = null;
  private list: OpenList | null = null;

  constructor(private readonly firstLine: number) {}

  /** Takes one line; false when the section needs the real parser. */
  line(raw: string, number: number): boolean {
    const first = raw.charCodeAt(0);
    // Cheap first-character tests keep the regular expressions off most lines.
    if (raw.length === 0 || (first === 32 && raw.trim() === '')) {
      this.closeParagraph();
      if (this.list) this.list.blankSince = true;
      return true;
    }
    if ((first === 45 || first === 61 || first === 42 || first === 95 || first === 32) && RULE_LIKE.test(raw))
      return this.rule(raw, number);
    if (first === 32) return this.text(raw, raw.length - raw.trimStart().length, number);
    if (first === 35) {
      const heading = HEADING.exec(raw);
      if (heading) return this.heading(heading, number);
    } else if (first === 45 || first === 42 || first === 43 || (first >= 48 && first <= 57)) {
      const marker = MARKER.exec(raw);
      if (marker) return this.listItem(marker[1]!, marker[2]!.length, marker[3]!, number);
    }
    return this.text(raw, 0, number);
  }

  flush(): void {
    this.closeParagraph();
    this.closeList();
  }

  private rule(raw: string, number: number): boolean {
    if (this.paragraph || (this.list && !this.list.blankSince) || !/^-{3,} *$/.test(raw)) return false;
    this.closeList();
    this.blocks.push({ kind: 'other', type: 'thematicBreak', line: number });
    return true;
  }

  private heading(match: RegExpExecArray, number: number): boolean {
    const text = match[2] ?? '';
    if (number !== this.firstLine || text.endsWith('#') || !plainInline(text)) return false;
    this.blocks.push({ kind: 'heading', depth: match[1]!.length, text: text.trim(), line: number });
    return true;
  }

  /** A list item line: its marker, the number of spaces after it, and the rest. */
  listItem(marker: string, spaces: number, rest: string, number: number): boolean {
    const content = rest.trim();
    const first = content.charCodeAt(0);
    if (
      spaces > 4 ||
      content === '' ||
      (mayStartBlock(first) && STARTS_BLOCK.test(content)) ||
      (mayBeRule(first) && RULE_LIKE.test(content)) ||
      !plainInline(content)
    ) {
      return false;
    }
    const lead = marker.charCodeAt(0);
    const ordered = lead >= 48 && lead <= 57;
    if (this.paragraph && ordered && !/^1[.)]$/.test(marker)) return false;
    this.closeParagraph();
    const kind = ordered ? marker.slice(-1) : marker;
    if (this.list && this.list.marker !== kind) this.closeList();
    this.list ??= { marker: kind, items: [], line: number, offset: 0, blankSince: false };
    this.list.items.push({ text: content, line: number, checked: null, children: NO_CHILDREN });
    this.list.offset = marker.length + spaces;
    this.list.blankSince = false;
    return true;
  }

  private text(raw: string, indent: number, number: number): boolean {
    const content = raw.trim();
    if (mayStartBlock(content.charCodeAt(0)) && STARTS_BLOCK.test(content)) return false;
    if (this.list && !this.paragraph) {
      const item = this.list.items[this.list.items.length - 1]!;
      const inside = indent >= this.list.offset;
      if (this.list.blankSince && !inside) {
        this.closeList();
      } else {
        if ((inside && indent > this.list.offset) || !plainInline(content)) return false;
        item.text = `${item.text} ${content}`;
        this.list.blankSince = false;
        return true;
      }
    }
    if (!this.paragraph && indent > 0) return false;
    const line = inlineLine(content, number);
    if (!line) return false;
    if (this.paragraph) this.paragraph.lines.push(line);
    else this.paragraph = { lines: [line], line: number };
    return true;
  }

  private closeParagraph(): void {
    if (!this.paragraph) return;
    this.blocks.push({ kind: 'paragraph', lines: this.paragraph.lines, line: this.paragraph.line });
    this.paragraph = null;
  }

  private closeList(): void {
    if (!this.list) return;
    this.blocks.push({ kind: 'list', items: this.list.items, line: this.list.line });
    this.list = null;
  }
}

/** Whether a line starting with this character can match STARTS_BLOCK (`-*+#` or a digit): spares the regex on the rest. */
function mayStartBlock(code: number): boolean {
  return code === 45 || code === 42 || code === 43 || code === 35 || (code >= 48 && code <= 57);
}

/** Whether a line starting with this character can match RULE_LIKE (space, `-=*_`). */
function mayBeRule(code: number): boolean {
  return code === 32 || code === 45 || code === 61 || code === 42 || code === 95;
}

/** A paragraph line: plain text, or `**bold**` at its start followed by plain text. */
function inlineLine(content: string, number: number): InlineLine | null {
  if (!content.includes('*')) return plainInline(content) ? { text: content, strong: null, line: number } : null;
  // STRONG_LEAD by hand (this runs on every label line): `**`, a bold text with no `*` and no
  // space at either end, `**`, then a rest with no `*`.
  if (content.charCodeAt(0) !== 42 || content.charCodeAt(1) !== 42) return null;
  const close = content.indexOf('*', 2);
  if (close <= 2 || content.charCodeAt(close + 1) !== 42 || content.indexOf('*', close + 2) !== -1) return null;
  if (isSpace(content.charCodeAt(2)) || isSpace(content.charCodeAt(close - 1))) return null;
  const inner = content.slice(2, close);
  const rest = content.slice(close + 2);
  // The closing `**` must be right-flanking: after punctuation it needs space or punctuation next.
  if (PUNCT.test(inner[inner.length - 1]!) && rest !== '' && !/^[\s]/.test(rest) && !PUNCT.test(rest[0]!)) return null;
  if (!plainInline(inner) || !plainInline(rest)) return null;
  return { text: `${inner}${rest}`.trim(), strong: inner, line: number };
}

/** Text with no emphasis: no `*`, and `_` only between letters or digits (where it cannot emphasise). */
function plainInline(text: string): boolean {
  if (text.includes('*')) return false;
  for (let at = text.indexOf('_'); at !== -1; at = text.indexOf('_', at + 1)) {
    if (!/[A-Za-z0-9]/.test(text[at - 1] ?? '') || !/[A-Za-z0-9]/.test(text[at + 1] ?? '')) return false;
  }
  return true;
}
