import type { Spec } from '../domain/spec.js';
import { markdownBlocks } from './markdown-blocks.js';
import { addSpecBlocks } from './spec-blocks.js';
import { normaliseNewlines, specFromOutline } from './spec-from-blocks.js';
import { OutlineBuilder } from './spec-outline.js';

/**
 * Parses a PROJECT_SPEC.md into the spec model. Never throws on content: what it cannot use
 * becomes a warning, and what makes the spec unusable (unknown dependencies, cycles, duplicates)
 * is for `validateSpec` to report.
 * @param text the spec's content (LF or CRLF)
 * @param file the spec's path relative to the repo root, for messages
 */
export function parseSpec(text: string, file: string): Spec {
  const builder = new OutlineBuilder();
  addSpecBlocks(normaliseNewlines(text), markdownBlocks, builder);
  return specFromOutline(builder.outline, file);
}
