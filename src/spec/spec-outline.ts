import type { Block } from './blocks.js';
import type { SpecWarning } from '../domain/spec.js';
import { FeatureDraft } from './feature-draft.js';
import { explicitFeatureName, implicitFeatureName, sectionKind, type SectionKind } from './section-kind.js';
import { techNames } from './tech-stack.js';
import { parseFileTree } from './file-structure.js';

export interface SpecOutline {
  title: string;
  overview: string[];
  features: FeatureDraft[];
  dependencies: string[];
  tools: string[];
  performance: string[];
  fileStructure: string[];
  warnings: SpecWarning[];
}

interface Section {
  depth: number;
  kind: SectionKind;
  /** For a Features section: the heading depth of its features, fixed by its first subheading. */
  featureDepth: number | null;
}

/**
 * Takes the blocks in document order and sorts them into the spec's parts. Features are
 * `Feature: NAME` headings anywhere, or the first level of headings under a "Features" section;
 * everything a feature heading covers (down to the next heading as high) belongs to it.
 */
export class OutlineBuilder {
  readonly outline: SpecOutline = {
    title: '',
    overview: [],
    features: [],
    dependencies: [],
    tools: [],
    performance: [],
    fileStructure: [],
    warnings: [],
  };
  private readonly sections: Section[] = [];
  private feature: FeatureDraft | null = null;
  private titled = false;

  add(block: Block): void {
    const { outline, sections } = this;
    if (block.kind !== 'heading') {
      if (this.feature) this.feature.add(block);
      else addToSection(outline, sections, block);
      return;
    }
    if (this.feature && block.depth > this.feature.depth) {
      this.feature.addHeading(block.text, block.line);
      return;
    }
    this.feature = null;
    while (sections.length > 0 && sections[sections.length - 1]!.depth >= block.depth) sections.pop();
    if (block.depth === 1 && !this.titled) {
      this.titled = true;
      outline.title = block.text;
      return;
    }
    const name = featureName(block.text, block.depth, sections);
    if (name === null) {
      sections.push({ depth: block.depth, kind: sectionKind(block.text), featureDepth: null });
    } else if (name === '') {
      outline.warnings.push({ line: block.line, message: `feature heading "${block.text}" has no name; ignored` });
    } else {
      this.feature = new FeatureDraft(name, block.line, block.depth, outline.warnings);
      outline.features.push(this.feature);
    }
  }
}

function featureName(text: string, depth: number, sections: Section[]): string | null {
  const explicit = explicitFeatureName(text);
  const parent = [...sections].reverse().find((section) => section.kind === 'features');
  if (parent && parent.featureDepth === null) parent.featureDepth = depth;
  if (explicit !== null) return explicit;
  if (parent && parent.featureDepth === depth && sections[sections.length - 1] === parent) return implicitFeatureName(text);
  return null;
}

function addToSection(outline: SpecOutline, sections: Section[], block: Block): void {
  const kind = [...sections].reverse().find((section) => section.kind !== 'other')?.kind;
  if (kind === 'overview' && block.kind === 'paragraph') {
    outline.overview.push(block.lines.map((line) => line.text).join('\n'));
  } else if ((kind === 'dependencies' || kind === 'tools' || kind === 'performance') && block.kind === 'list') {
    const texts: string[] = [];
    const visit = (entries: typeof block.items): void => {
      for (const entry of entries) {
        if (entry.text !== '') texts.push(entry.text);
        visit(entry.children);
      }
    };
    visit(block.items);
    if (kind === 'performance') outline.performance.push(...texts);
    else (kind === 'dependencies' ? outline.dependencies : outline.tools).push(...texts.flatMap(techNames));
  } else if (kind === 'structure' && block.kind === 'code') {
    outline.fileStructure.push(...parseFileTree(block.value));
  }
}
