import type { Candidate, CodeIndex } from './code-index.js';
import { contentStems } from './words.js';

// Code near an item, for fix prompts, whatever the item was judged to be.

/** The share of the words a candidate holds. */
function coverage(words: readonly string[], stems: ReadonlySet<string>): number {
  return words.length === 0 ? 0 : words.filter((word) => stems.has(word)).length / words.length;
}

/** Up to five symbols and files that share words with a text: context for a fix prompt. */
export function relatedTo(text: string, index: CodeIndex): Candidate[] {
  const words = contentStems(text);
  return index.candidates
    .map((candidate) => ({ candidate, score: coverage(words, candidate.stems) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.file.localeCompare(b.candidate.file) || a.candidate.line - b.candidate.line)
    .slice(0, 5)
    .map((entry) => entry.candidate);
}
