import type { Spec } from '../domain/spec.js';
import { NeedsMarkdownParser, specBlocks } from './spec-blocks.js';
import { normaliseNewlines, specFromBlocks } from './spec-from-blocks.js';

/**
 * `parseSpec`, loading mdast only when some section needs it: what `loadSpec` uses, so hooks and
 * commands on a plainly written spec skip ~0.2 s of module loading.
 */
export async function parseSpecLazily(text: string, file: string): Promise<Spec> {
  const normalised = normaliseNewlines(text);
  try {
    return specFromBlocks(specBlocks(normalised, null), file);
  } catch (error) {
    if (!(error instanceof NeedsMarkdownParser)) throw error;
  }
  const { markdownBlocks } = await import('./markdown-blocks.js');
  return specFromBlocks(specBlocks(normalised, markdownBlocks), file);
}
