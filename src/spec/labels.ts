import type { InlineLine } from './blocks.js';

/** The parts of a feature a label can introduce. */
export type LabelKind = 'complexity' | 'description' | 'requirements' | 'files' | 'acceptance' | 'dependencies' | 'gate';

const LABELS = new Map<string, LabelKind>(
  Object.entries({
    complexity: 'complexity',
    difficulty: 'complexity',
    effort: 'complexity',
    description: 'description',
    summary: 'description',
    overview: 'description',
    requirements: 'requirements',
    requirement: 'requirements',
    'functional requirements': 'requirements',
    tasks: 'requirements',
    files: 'files',
    file: 'files',
    'files to create': 'files',
    'files to modify': 'files',
    'key files': 'files',
    'acceptance criteria': 'acceptance',
    'acceptance criterion': 'acceptance',
    acceptance: 'acceptance',
    'definition of done': 'acceptance',
    'done when': 'acceptance',
    dependencies: 'dependencies',
    dependency: 'dependencies',
    'depends on': 'dependencies',
    requires: 'dependencies',
    prerequisites: 'dependencies',
    gate: 'gate',
    'approval gate': 'gate',
    'interruption gate': 'gate',
  }) as Array<[string, LabelKind]>,
);

/** Maps a label as written ("Acceptance Criteria", "FILES") to its kind, or null. */
export function labelKind(label: string): LabelKind | null {
  const lower = label.toLowerCase();
  return LABELS.get(lower) ?? LABELS.get(lower.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim()) ?? null;
}

/** A label found at the start of a paragraph line. `kind` is null for an unknown bold label. */
export interface FoundLabel {
  label: string;
  kind: LabelKind | null;
  value: string;
}

const PLAIN_LABEL = /^([A-Za-z][A-Za-z /&-]{0,40}?)\s*:(?:\s+(.*))?$/;

/**
 * Reads `**Label:** value`, `**Label**: value` or a plain `Label: value` line. A plain line
 * counts only when the label is a known one, so prose such as "Note: ..." stays prose; a bold
 * label followed by a colon is always a label, and an unknown one is reported by the caller.
 */
export function findLabel(line: InlineLine): FoundLabel | null {
  if (line.strong !== null) {
    const strong = line.strong;
    const rest = line.text.slice(line.text.indexOf(strong) + strong.length).trim();
    if (strong.endsWith(':')) {
      const label = strong.slice(0, -1).trim();
      return { label, kind: labelKind(label), value: rest };
    }
    if (rest.startsWith(':')) return { label: strong, kind: labelKind(strong), value: rest.slice(1).trim() };
    if (rest === '' && labelKind(strong)) return { label: strong, kind: labelKind(strong), value: '' };
    return null;
  }
  const match = PLAIN_LABEL.exec(line.text);
  if (!match) return null;
  const kind = labelKind(match[1]!);
  return kind ? { label: match[1]!, kind, value: (match[2] ?? '').trim() } : null;
}
