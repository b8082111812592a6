/**
 * The block outline the spec interpreter reads: a flat list of the markdown blocks that matter to
 * a spec, with their lines. Built from mdast (or, for plain sections, by the verified fast path),
 * so the interpreter never looks at raw markdown syntax.
 */

/** One visual line of a paragraph; `strong` is the bold text it starts with, if any. */
export interface InlineLine {
  text: string;
  strong: string | null;
  line: number;
  /** The line as written in the source (mdast path only): `Files:` items are read from it verbatim. */
  raw?: string;
}

export interface ListEntry {
  text: string;
  line: number;
  /** GFM task-list state; null for an ordinary item. */
  checked: boolean | null;
  children: ListEntry[];
  /** The item's own text as written in the source (mdast path only): `Files:` items are paths, not markdown. */
  raw?: string;
}

export type Block =
  | { kind: 'heading'; depth: number; text: string; line: number }
  | { kind: 'paragraph'; lines: InlineLine[]; line: number }
  | { kind: 'list'; items: ListEntry[]; line: number }
  | { kind: 'code'; lang: string | null; value: string; line: number }
  | { kind: 'other'; type: string; line: number };
