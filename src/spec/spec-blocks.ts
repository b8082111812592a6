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

/** The document's blocks in one array (see `addSpecBlocks`); for tests and small texts. */
export function specBlocks(text: string, markdown: MarkdownParser | null): Block[] {
  const blocks: Block[] = [];
  addSpecBlocks(text, markdown, { add: (block) => blocks.push(block) });
  return blocks;
}

/** What `addSpecBlocks` feeds: the outline builder, block by block. */
export interface BlockSink {
  add(block: Block): void;
}

/**
 * The document's blocks, parsed section by section (see split-sections.ts for why) and pushed
 * into `sink` as they come, so a large spec's blocks never all live at once (a generator was used
 * before; resumed once per block, it showed up in profiles of large specs). A section in plain
 * markdown takes the fast path; any other goes through `markdown` (mdast with GFM). With
 * `markdown` null, a section that needs it throws `NeedsMarkdownParser`: the caller then loads
 * mdast (about 0.2 s of start-up that a plain spec never pays) and starts again.
 */
export function addSpecBlocks(text: string, markdown: MarkdownParser | null, sink: BlockSink): void {
  for (const { line, from, to } of splitSections(text)) {
    const blocks = fastBlocks(text, line, from, to) ?? (markdown ? markdown(text.slice(from, to), line) : null);
    if (!blocks) throw new NeedsMarkdownParser(line);
    for (let i = 0; i < blocks.length; i++) sink.add(blocks[i]!);
  }
}
