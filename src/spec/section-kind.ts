/** What a heading outside any feature introduces. */
export type SectionKind = 'features' | 'dependencies' | 'tools' | 'performance' | 'structure' | 'overview' | 'other';

const KINDS: Array<[RegExp, SectionKind]> = [
  [/^(?:features?|feature list|features? overview|planned features)$/, 'features'],
  [/^(?:(?:core|runtime|main|project|key) )?dependencies$|^tech(?:nology|nical)? stack$|^technologies$|^stack$/, 'dependencies'],
  [/^(?:(?:quality|dev|development|build) )?tools$|^tooling$/, 'tools'],
  [/^performance(?: requirements| targets| budgets?)?$/, 'performance'],
  [/^(?:file|project|directory|folder|repository|repo|source) (?:structure|layout|tree)$/, 'structure'],
  [/^(?:overview|summary|introduction)$/, 'overview'],
];

/** Heading text without numbering, trailing colon or emphasis, lowercased. */
export function headingKey(text: string): string {
  return text
    .replace(/^(?:\d+(?:\.\d+)*[.)]?|[A-Z][.)])\s+/, '')
    .replace(/[:*_`]+$/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function sectionKind(text: string): SectionKind {
  const key = headingKey(text);
  for (const [pattern, kind] of KINDS) if (pattern.test(key)) return kind;
  return 'other';
}

const FEATURE_PREFIX = /^feature\s*(?:#?\d+|[A-Z])?\s*[:.)\-–—]\s*(.*)$/i;

/** The feature name in `Feature: NAME` (also `Feature 2: NAME`), else null. */
export function explicitFeatureName(text: string): string | null {
  const match = FEATURE_PREFIX.exec(text.trim());
  return match ? match[1]!.trim() : null;
}

/** A heading under a Features section, without its numbering ("1. Gap Analyzer" → "Gap Analyzer"). */
export function implicitFeatureName(text: string): string {
  return (explicitFeatureName(text) ?? text)
    .replace(/^(?:\d+(?:\.\d+)*[.)]?)\s+/, '')
    .replace(/:$/, '')
    .trim();
}
