import type { Block } from './blocks.js';
import { fastBlocks } from './fast-blocks.js';
import { splitSections } from './split-sections.js';

/** Parses one section with the real markdown parser (see markdown-blocks.ts). */
export type MarkdownParser = (text: string, firstLine: number) => Block[];

/** Thrown by `specBlocks` without a markdown parser when a section needs one. */
export class NeedsMarkdownParser extends Error {
  constructor(line: number) {
    super(`the section at line ${line} needs the markdown parser`);
    this.name = 'NeedsMarkdownParser';
  }
}

/**
 * The document's blocks, parsed section by section (see split-sections.ts for why) and yielded
 * as they come, so a large spec's blocks never all live at once. A section in plain markdown
 * takes the fast path; any other goes through `markdown` (mdast with GFM). With `markdown` null,
 * a section that needs it throws `NeedsMarkdownParser`: the caller then loads mdast (about 0.2 s
 * of start-up that a plain spec never pays) and starts again.
 */
export function* specBlocks(text: string, markdown: MarkdownParser | null): Generator<Block> {
  for (const { line, from, to } of splitSections(text)) {
    const fast = fastBlocks(text, line, from, to);
    if (fast) yield* fast;
    else if (markdown) yield* markdown(text.slice(from, to), line);
    else throw new NeedsMarkdownParser(line);
  }
}
