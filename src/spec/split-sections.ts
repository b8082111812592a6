/**
 * Splits a markdown document before every ATX heading that starts in column 0 outside fenced
 * code. Such a heading always closes the open paragraph, list or quote, so each section parses to
 * the same blocks alone as inside the whole document; parsing sections keeps the markdown
 * parser's cost linear on large specs. Works on offsets, without splitting the text into an
 * array of lines that would all live (and be copied by the garbage collector) until the end.
 */
export interface SectionRange {
  /** 1-based line number of the section's first line. */
  line: number;
  /** Offset of its first character in the text. */
  from: number;
  /** Offset just after it (before the newline that precedes the next section, if any). */
  to: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;

export function splitSections(text: string): SectionRange[] {
  const ranges: SectionRange[] = [];
  let section = { line: 1, from: 0 };
  let fence: string | null = null;
  let lineNumber = 1;
  for (let offset = 0; offset <= text.length; lineNumber++) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const first = text.charCodeAt(offset);
    // Only lines starting with a space, ` or ~ can open or close a fence; only # can be a heading.
    if (first === 32 || first === 96 || first === 126) {
      fence = fenceAfter(text.slice(offset, end), fence);
    } else if (first === 35 && !fence && offset > section.from && HEADING.test(text.slice(offset, Math.min(end, offset + 8)))) {
      ranges.push({ line: section.line, from: section.from, to: offset - 1 });
      section = { line: lineNumber, from: offset };
    }
    offset = end + 1;
  }
  ranges.push({ line: section.line, from: section.from, to: text.length });
  return ranges;
}

/** The open fence after this line: opened, closed, or unchanged. */
function fenceAfter(line: string, fence: string | null): string | null {
  const match = FENCE.exec(line);
  if (!match) return fence;
  const marker = match[1]!;
  if (fence) return marker[0] === fence[0] && marker.length >= fence.length && line.trim() === match[0].trim() ? null : fence;
  return marker[0] === '`' && line.slice(match[0].length).includes('`') ? null : marker;
}
