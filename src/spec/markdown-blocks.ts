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
  return tree.children.map((node) => toBlock(node, offset));
}

function lineOf(node: { position?: { start: { line: number } } | undefined }, offset: number): number {
  return (node.position?.start.line ?? 1) + offset;
}

function toBlock(node: RootContent, offset: number): Block {
  const line = lineOf(node, offset);
  switch (node.type) {
    case 'heading':
      return { kind: 'heading', depth: node.depth, text: oneLine(plainText(node.children).replace(/`/g, '')), line };
    case 'paragraph':
      return { kind: 'paragraph', lines: inlineLines(node.children, line), line };
    case 'list':
      return { kind: 'list', items: listEntries(node, offset), line };
    case 'code':
      return { kind: 'code', lang: node.lang ?? null, value: node.value, line };
    default:
      return { kind: 'other', type: node.type, line };
  }
}

function listEntries(list: List, offset: number): ListEntry[] {
  return list.children.map((item) => listEntry(item, offset));
}

function listEntry(item: ListItem, offset: number): ListEntry {
  const texts: string[] = [];
  const children: ListEntry[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph' || child.type === 'heading') texts.push(oneLine(plainText(child.children)));
    else if (child.type === 'list') children.push(...listEntries(child, offset));
    else if (child.type === 'code') texts.push(child.value.trim());
  }
  return { text: texts.filter(Boolean).join(' '), line: lineOf(item, offset), checked: item.checked ?? null, children };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
