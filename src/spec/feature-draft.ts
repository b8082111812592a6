import type { Block, ListEntry } from './blocks.js';
import type { SpecItem, SpecWarning } from '../domain/spec.js';
import { findLabel, labelKind, type LabelKind } from './labels.js';
import { filePathOf, parseFileTree } from './file-structure.js';
import { isNoDependency } from './resolve-dependencies.js';

export interface LinedText {
  text: string;
  line: number;
}

type Context = LabelKind | 'ignored' | null;

const LABEL_NAMES: Record<LabelKind, string> = {
  complexity: 'Complexity',
  description: 'Description',
  requirements: 'Requirements',
  files: 'Files',
  acceptance: 'Acceptance Criteria',
  dependencies: 'Dependencies',
  gate: 'Gate',
};

/**
 * Collects one feature's parts while the outline walks its blocks. The current label (bold,
 * plain or a deeper heading) decides where the following lists and paragraphs go; what fits
 * nowhere becomes a warning rather than silently vanishing.
 */
export class FeatureDraft {
  complexity: string | null = null;
  readonly description: string[] = [];
  /** Requirements and criteria are the model's items already; their ids are set when the feature's id is known. */
  readonly requirements: SpecItem[] = [];
  readonly files: LinedText[] = [];
  readonly acceptance: SpecItem[] = [];
  readonly dependencies: LinedText[] = [];
  gate: string | null = null;
  private context: Context = null;

  constructor(
    readonly name: string,
    readonly line: number,
    readonly depth: number,
    private readonly warnings: SpecWarning[],
  ) {}

  /** A heading deeper than the feature's own: a label such as `#### Requirements`. */
  addHeading(text: string, line: number): void {
    const kind = labelKind(text.replace(/:$/, ''));
    if (!kind) this.warn(line, `section "${text}" in feature "${this.name}" is not a known label; its content is ignored`);
    this.context = kind ?? 'ignored';
  }

  add(block: Block): void {
    switch (block.kind) {
      case 'paragraph':
        for (const line of block.lines) this.addLine(line.text, line.line, findLabel(line), line.raw);
        return;
      case 'list':
        this.addList(block.items, block.line);
        return;
      case 'code':
        if (this.context === 'files') {
          for (const path of parseFileTree(block.value)) this.files.push({ text: path, line: block.line });
        } else if (this.context !== 'ignored') {
          this.warn(block.line, `code block in feature "${this.name}" ignored`);
        }
        return;
      case 'other':
        if (block.type !== 'thematicBreak' && this.context !== 'ignored') {
          this.warn(block.line, `${block.type} in feature "${this.name}" ignored`);
        }
        return;
      default:
        return;
    }
  }

  private addLine(text: string, line: number, label: ReturnType<typeof findLabel>, raw?: string): void {
    if (label) {
      if (!label.kind) {
        this.warn(line, `unknown label "${label.label}" in feature "${this.name}"; its content is ignored`);
        this.context = 'ignored';
        return;
      }
      this.context = label.kind;
      // Paths are read as written: `**Files:** server/__tests__/a.ts` is no emphasis.
      const value = label.kind === 'files' && raw !== undefined ? verbatim(rawLabelValue(raw) ?? undefined, label.value) : label.value;
      if (value !== '') this.addValue(label.kind, value, line, true);
      return;
    }
    this.addValue(this.context ?? 'description', text, line, false);
  }

  private addValue(kind: LabelKind | 'ignored', value: string, line: number, inline: boolean): void {
    switch (kind) {
      case 'complexity':
        this.complexity ??= value;
        return;
      case 'description':
        this.description.push(value);
        return;
      case 'gate':
        this.gate = this.gate ? `${this.gate} ${value}` : value;
        return;
      case 'ignored':
        return;
      default:
        if (inline) this.addInlineItems(kind, value, line);
        else this.warn(line, `text under ${LABEL_NAMES[kind]} in feature "${this.name}" is not a list item; ignored`);
    }
  }

  /** `**Files:** a.py, b.py` and `**Dependencies:** A, B` list several items on the label's line. */
  private addInlineItems(kind: 'requirements' | 'files' | 'acceptance' | 'dependencies', value: string, line: number): void {
    if (kind === 'requirements') this.requirements.push({ id: '', text: value, line });
    else if (kind === 'acceptance') this.acceptance.push({ id: '', text: value, line });
    else if (kind === 'files') for (const part of value.split(/,\s*/)) this.addFile(part, '', line);
    else for (const part of value.split(/[,;]\s*/)) this.addDependency(part, line);
  }

  private addList(items: ListEntry[], line: number): void {
    const context = this.context;
    if (context === null) {
      this.warn(line, `list in feature "${this.name}" has no label (such as **Requirements:**); ignored`);
      return;
    }
    if (context === 'ignored') return;
    // Nested entries extend their parent: a folder prefix for files, the parent's text for
    // checklist items ("Send a receipt: by e-mail"), since a sub-bullet alone rarely stands.
    const visit = (entries: ListEntry[], prefix: string, parent: string | null): void => {
      for (const entry of entries) {
        const text =
          parent !== null && entry.text !== '' && (context === 'requirements' || context === 'acceptance')
            ? `${parent}: ${entry.text}`
            : entry.text;
        const dirPrefix = this.addEntry(context, text, entry, prefix);
        if (entry.children.length > 0) visit(entry.children, dirPrefix, entry.text === '' ? parent : text);
      }
    };
    visit(items, '', null);
  }

  /** Adds one list entry; returns the folder prefix its nested entries extend (files only). */
  private addEntry(kind: LabelKind, text: string, entry: ListEntry, prefix: string): string {
    if (text === '') return prefix;
    switch (kind) {
      case 'requirements':
        this.requirements.push({ id: '', text, line: entry.line });
        return prefix;
      case 'acceptance':
        this.acceptance.push({ id: '', text, line: entry.line });
        return prefix;
      case 'files': {
        // A path is read from the source as written (`__tests__` is no emphasis); the rendered
        // text is used when the item is prose around a path.
        const path = filePathOf(verbatim(entry.raw, text));
        if (path?.endsWith('/') && entry.children.length > 0) return `${prefix}${path}`;
        this.addFile(verbatim(entry.raw, text), prefix, entry.line);
        return prefix;
      }
      case 'dependencies':
        this.addDependency(text, entry.line);
        return prefix;
      case 'description':
        this.description.push(`- ${text}`);
        return prefix;
      default:
        this.addValue(kind, text, entry.line, true);
        return prefix;
    }
  }

  private addFile(text: string, prefix: string, line: number): void {
    const path = filePathOf(text);
    if (path === null) this.warn(line, `"${text}" in Files of feature "${this.name}" is not a file path; ignored`);
    else this.files.push({ text: `${prefix}${path}`, line });
  }

  private addDependency(text: string, line: number): void {
    const trimmed = text.trim();
    if (trimmed !== '' && !isNoDependency(trimmed)) this.dependencies.push({ text: trimmed, line });
  }

  private warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }
}

/** The value after a bold or plain label in a source line: `**Files:** a_b_.py` → `a_b_.py`. */
function rawLabelValue(raw: string): string | null {
  const match = /^(?:\*\*|__)[^*_]+?:?(?:\*\*|__)\s*:?\s*(.*)$|^[A-Za-z][A-Za-z /&-]{0,40}?\s*:\s*(.*)$/.exec(raw.trim());
  if (!match) return null;
  return (match[1] ?? match[2] ?? '').trim();
}

/**
 * The source text of a `Files:` entry when it reads as paths (`server/__tests__/a.ts`, a glob,
 * backticked paths); the rendered text when the source uses markdown a path never holds (a link,
 * bold, an escape).
 */
function verbatim(raw: string | undefined, rendered: string): string {
  if (raw === undefined) return rendered;
  const outsideCode = raw.replace(/`[^`]*`/g, '');
  return /[[\]\\]|\*\*|<[a-z/]/i.test(outsideCode) ? rendered : raw;
}
