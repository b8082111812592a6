import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { List, ListItem, RootContent } from 'mdast';
import type { Block, ListEntry } from './blocks.js';
import { inlineLines, plainText } from './inline-lines.js';

/** Parses markdown (GFM) with mdast and reduces it to spec blocks, lines offset by `firstLine - 1`. */
export function markdownBlocks(text: string, firstLine = 1): Block[] {
  const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const offset = firstLine - 1;
  return tree.children.map((node) => toBlock(node, offset, text));
}

type Positioned = { position?: { start: { offset?: number | undefined }; end: { offset?: number | undefined } } | undefined };

/** The source text of a node, sliced by its mdast offsets (emphasis and escapes as written). */
function sourceOf(node: Positioned, text: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : text.slice(start, end);
}

function lineOf(node: { position?: { start: { line: number } } | undefined }, offset: number): number {
  return (node.position?.start.line ?? 1) + offset;
}

function toBlock(node: RootContent, offset: number, text: string): Block {
  const line = lineOf(node, offset);
  switch (node.type) {
    case 'heading':
      return { kind: 'heading', depth: node.depth, text: oneLine(plainText(node.children).replace(/`/g, '')), line };
    case 'paragraph': {
      const source = sourceOf(node, text)?.split('\n');
      const lines = inlineLines(node.children, line).map((entry) => {
        const raw = source?.[entry.line - line]?.trim();
        // Kept only where the source says more than the rendered text (emphasis, escapes).
        return raw === undefined || raw.replace(/^(\*\*|__)(.*?)\1/, '$2') === entry.text ? entry : { ...entry, raw };
      });
      return { kind: 'paragraph', lines, line };
    }
    case 'list':
      return { kind: 'list', items: listEntries(node, offset, text), line };
    case 'code':
      return { kind: 'code', lang: node.lang ?? null, value: node.value, line };
    default:
      return { kind: 'other', type: node.type, line };
  }
}

function listEntries(list: List, offset: number, source: string): ListEntry[] {
  return list.children.map((item) => listEntry(item, offset, source));
}

function listEntry(item: ListItem, offset: number, source: string): ListEntry {
  const texts: string[] = [];
  const raws: string[] = [];
  const children: ListEntry[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph' || child.type === 'heading') {
      texts.push(oneLine(plainText(child.children)));
      raws.push(oneLine(sourceOf(child, source) ?? ''));
    } else if (child.type === 'list') children.push(...listEntries(child, offset, source));
    else if (child.type === 'code') {
      texts.push(child.value.trim());
      raws.push(child.value.trim());
    }
  }
  const entry: ListEntry = { text: texts.filter(Boolean).join(' '), line: lineOf(item, offset), checked: item.checked ?? null, children };
  const raw = raws.filter(Boolean).join(' ');
  if (raw !== '' && raw !== entry.text) entry.raw = raw;
  return entry;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
