import { slugify } from './spec-ids.js';

/**
 * Resolves a dependency as written to a feature id. People write part of the name, with a verb
 * and a reason ("Requires Gap Analyzer (for spec parsing)"), so: drop the verb and any
 * parenthetical, then try the exact slug, a feature whose slug starts with it, and last a
 * feature whose name contains all its words. Anything ambiguous or unmatched stays unresolved,
 * and validation reports it with its text and line.
 */
export interface FeatureRef {
  id: string;
  name: string;
}

const LEAD = /^(?:requires|required|depends\s+(?:on|upon)|needs|after|blocked\s+by|builds\s+on|uses|feature)\s*:?\s+/i;
const STOP = new Set(['the', 'a', 'an', 'and', 'of', 'for', 'to', 'with', 'feature', 'system']);

/** The part of a dependency text that names a feature. */
export function dependencyName(text: string): string {
  let name = text
    .replace(/`/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .trim();
  for (let previous = ''; previous !== name;) {
    previous = name;
    name = name.replace(LEAD, '').trim();
  }
  return name
    .split(/\s+[-–—]\s+|:\s/)[0]!
    .replace(/[.;,]+$/, '')
    .trim();
}

/** True when the text says "no dependencies" rather than naming one. */
export function isNoDependency(text: string): boolean {
  return /^(?:none|n\/?a|-|—|nothing|no dependencies)\.?$/i.test(text.trim());
}

/** Indexes are built on first need: most dependencies resolve by exact slug. */
export class DependencyResolver {
  private readonly bySlug = new Map<string, string>();
  private sortedIds: string[] | null = null;
  private byWord: Map<string, Set<string>> | null = null;

  constructor(private readonly features: FeatureRef[]) {
    for (const feature of features) if (!this.bySlug.has(feature.id)) this.bySlug.set(feature.id, feature.id);
  }

  /** The feature id the text names, or null. */
  resolve(text: string): string | null {
    const slug = slugify(dependencyName(text));
    if (slug === '') return null;
    const exact = this.bySlug.get(slug) ?? this.bySlug.get(slugify(text));
    if (exact) return exact;
    const prefixed = unique(this.withPrefix(`${slug}-`));
    if (prefixed) return prefixed;
    const wanted = significantWords(dependencyName(text));
    return wanted.length === 0 ? null : unique(this.containingAll(wanted));
  }

  /** Ids starting with `prefix`, by binary search over the sorted ids. */
  private withPrefix(prefix: string): string[] {
    const ids = (this.sortedIds ??= [...this.bySlug.keys()].sort());
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (ids[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let i = low; i < ids.length && ids[i]!.startsWith(prefix); i++) found.push(ids[i]!);
    return found;
  }

  /** Ids of the features whose names contain every word. */
  private containingAll(words: string[]): string[] {
    if (!this.byWord) {
      this.byWord = new Map();
      for (const feature of this.features) {
        for (const word of significantWords(feature.name)) {
          let ids = this.byWord.get(word);
          if (!ids) this.byWord.set(word, (ids = new Set()));
          ids.add(feature.id);
        }
      }
    }
    const sets = words.map((word) => this.byWord!.get(word) ?? new Set<string>()).sort((a, b) => a.size - b.size);
    return [...sets[0]!].filter((id) => sets.every((set) => set.has(id)));
  }
}

function unique(ids: string[]): string | null {
  const distinct = [...new Set(ids)];
  return distinct.length === 1 ? distinct[0]! : null;
}

function significantWords(text: string): string[] {
  return slugify(text)
    .split('-')
    .filter((word) => word !== '' && !STOP.has(word))
    .map((word) => word.replace(/s$/, ''));
}
