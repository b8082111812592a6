import type { Block, InlineLine, ListEntry } from './blocks.js';

/**
 * A fast path for the plain markdown most spec sections are written in: ATX headings, paragraphs
 * (optionally opening with `**Label:**`), flat `-`/`*`/`+`/`1.` lists and `---` rules. It
 * returns the blocks mdast would give, or null as soon as the section uses anything else
 * (inline code, links, emphasis, nesting, fences, tables, HTML, escapes ...), and the caller
 * then parses the section with mdast. Unit tests check the two agree on every section this path
 * accepts; it exists because mdast needs seconds for a spec with thousands of features.
 */
export function fastBlocks(text: string, firstLine = 1, from = 0, to = text.length): Block[] | null {
  const parser = new FastParser(firstLine);
  let number = firstLine;
  for (let offset = from; offset <= to; number++) {
    let end = text.indexOf('\n', offset);
    if (end === -1 || end > to) end = to;
    const line = text.slice(offset, end);
    if (UNSUPPORTED.test(line) || !parser.line(line, number)) return null;
    offset = end + 1;
  }
  parser.flush();
  return parser.blocks;
}

// Characters that start constructs this path does not model (code, links, HTML, entities,
// escapes, tables, strikethrough, tabs, unusual spaces); `*` and `_` are checked per line.
const UNSUPPORTED = /[`<>[\]\\&|~\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\r]/;
const HEADING = /^(#{1,6})(?: +(.*?))? *$/;
const MARKER = /^([-*+]|\d{1,9}[.)])( +)(.*)$/;
const STARTS_BLOCK = /^(?:[-*+]|\d{1,9}[.)])(?: |$)|^#{1,6}(?: |$)/;
const RULE_LIKE = /^ *(?:-+|=+|\*{3,}[* ]*|_{3,}[_ ]*) *$/;
const STRONG_LEAD = /^\*\*([^*\s](?:[^*]*[^*\s])?)\*\*([^*]*)$/;
const PUNCT = /[!-/:-@[-`{-~\p{P}\p{S}]/u;

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
      if (marker) return this.listItem(marker, number);
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

  private listItem(match: RegExpExecArray, number: number): boolean {
    const [, marker, spaces, rest] = match as unknown as [string, string, string, string];
    const content = rest.trim();
    if (spaces.length > 4 || content === '' || STARTS_BLOCK.test(content) || RULE_LIKE.test(content) || !plainInline(content)) {
      return false;
    }
    const ordered = /\d/.test(marker[0]!);
    if (this.paragraph && ordered && !/^1[.)]$/.test(marker)) return false;
    this.closeParagraph();
    const kind = ordered ? marker.slice(-1) : marker;
    if (this.list && this.list.marker !== kind) this.closeList();
    this.list ??= { marker: kind, items: [], line: number, offset: 0, blankSince: false };
    this.list.items.push({ text: content, line: number, checked: null, children: NO_CHILDREN });
    this.list.offset = marker.length + spaces.length;
    this.list.blankSince = false;
    return true;
  }

  private text(raw: string, indent: number, number: number): boolean {
    const content = raw.trim();
    if (STARTS_BLOCK.test(content)) return false;
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

/** A paragraph line: plain text, or `**bold**` at its start followed by plain text. */
function inlineLine(content: string, number: number): InlineLine | null {
  if (!content.includes('*')) return plainInline(content) ? { text: content, strong: null, line: number } : null;
  const match = STRONG_LEAD.exec(content);
  if (!match) return null;
  const [, inner, rest] = match as unknown as [string, string, string];
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
