import type { Spec } from '../domain/spec.js';
import { addSpecBlocks, NeedsMarkdownParser } from './spec-blocks.js';
import { normaliseNewlines, specFromOutline } from './spec-from-blocks.js';
import { OutlineBuilder } from './spec-outline.js';

/**
 * `parseSpec`, loading mdast only when some section needs it: what `loadSpec` uses, so hooks and
 * commands on a plainly written spec skip ~0.2 s of module loading.
 */
export async function parseSpecLazily(text: string, file: string): Promise<Spec> {
  const normalised = normaliseNewlines(text);
  try {
    const builder = new OutlineBuilder();
    addSpecBlocks(normalised, null, builder);
    return specFromOutline(builder.outline, file);
  } catch (error) {
    if (!(error instanceof NeedsMarkdownParser)) throw error;
  }
  const { markdownBlocks } = await import('./markdown-blocks.js');
  const builder = new OutlineBuilder();
  addSpecBlocks(normalised, markdownBlocks, builder);
  return specFromOutline(builder.outline, file);
}
