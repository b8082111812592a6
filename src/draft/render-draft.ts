import type { FeatureDraft, SpecDraft } from './draft-facts.js';

/**
 * The draft as PROJECT_SPEC.md, in the format the spec parser reads (docs/spec.md): a comment
 * that says it is a draft, the title, an overview, one `### Feature:` per drafted feature with
 * `**Description:**`, `**Requirements:**` and `**Files:**`, the tech stack and a File Structure.
 */
export function renderDraft(draft: SpecDraft): string {
  const lines = [
    '<!--',
    `  DRAFT written by \`br-guard spec draft\` from ${draft.sources.join(', ')}.`,
    '  A person should edit it: say what each feature is for, merge or split features, add',
    '  requirements and acceptance criteria. As drafted it describes the repository as it is, so',
    '  `br-guard check` judges changes from here on. Delete this comment once the spec is yours.',
    '-->',
    '',
    `# PROJECT_SPEC: ${oneLine(draft.title)}`,
    '',
    '## Overview',
    '',
    draft.overview,
    '',
    '## Features',
    '',
  ];
  for (const feature of draft.features) lines.push(...renderFeature(feature));
  lines.push('## Technical Requirements', '');
  if (draft.dependencies.length > 0) lines.push('### Core Dependencies', ...draft.dependencies.map((name) => `- ${name}`), '');
  if (draft.tools.length > 0) lines.push('### Development Tools', ...draft.tools.map((name) => `- ${name}`), '');
  lines.push('### File Structure', '```', ...draft.structure, '```', '');
  return lines.join('\n');
}

function renderFeature(feature: FeatureDraft): string[] {
  const lines = [`### Feature: ${oneLine(feature.name)}`, '', `**Description:** ${oneLine(feature.description)}`, ''];
  if (feature.requirements.length > 0) lines.push('**Requirements:**', ...feature.requirements.map((text) => `- ${text}`), '');
  if (feature.files.length > 0) lines.push('**Files:**', ...feature.files.map((file) => `- ${file}`), '');
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
