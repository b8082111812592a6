/**
 * A run-together lower-case name split into words the repository uses elsewhere (in doc
 * comments, in names with case or underscores): `naturaldelta` → natural, delta; `intcomma` →
 * int, comma. Empty when no split into known words of three letters or more (one of two) exists.
 */
export function segment(word: string, vocabulary: ReadonlySet<string>): string[] {
  const best: Array<string[] | null> = new Array(word.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 20); start < end; start++) {
      const prefix = best[start];
      if (!prefix) continue;
      const piece = word.slice(start, end);
      const known = vocabulary.has(piece) && (piece.length >= 3 || (start === 0 && piece.length === 2));
      if (!known) continue;
      const candidate = [...prefix, piece];
      const current = best[end];
      if (!current || candidate.length < current.length) best[end] = candidate;
    }
  }
  const found = best[word.length];
  return found && found.length > 1 ? found : [];
}
