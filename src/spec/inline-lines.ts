import type { PhrasingContent } from 'mdast';
import type { InlineLine } from './blocks.js';

/**
 * Flattens phrasing content into visual lines of text (inline code keeps its backticks, as written,
 * because the gap analyzer reads a backticked name as an explicit identifier; links keep their
 * label), remembering the bold text a line starts with: that is how `**Label:** value`
 * is told apart from prose.
 */
export function inlineLines(children: PhrasingContent[], firstLine: number): InlineLine[] {
  const lines: InlineLine[] = [{ text: '', strong: null, line: firstLine }];
  const current = (): InlineLine => lines[lines.length - 1]!;
  const newLine = (): void => {
    lines.push({ text: '', strong: null, line: firstLine + lines.length });
  };
  const appendText = (value: string): void => {
    const parts = value.split('\n');
    parts.forEach((part, index) => {
      if (index > 0) newLine();
      current().text += part;
    });
  };
  const visit = (node: PhrasingContent): void => {
    switch (node.type) {
      case 'text':
      case 'html':
        appendText(node.value);
        return;
      case 'inlineCode':
        appendText(`\`${node.value}\``);
        return;
      case 'break':
        newLine();
        return;
      case 'strong':
        if (current().text.trim() === '' && current().strong === null) current().strong = plainText(node.children).replace(/`/g, '').trim();
        node.children.forEach(visit);
        return;
      default:
        if ('children' in node) (node.children as PhrasingContent[]).forEach(visit);
    }
  };
  children.forEach(visit);
  return lines.map((entry) => ({ ...entry, text: entry.text.trim() })).filter((entry) => entry.text !== '');
}

/** The text of phrasing content, on one line; inline code keeps its backticks (see `inlineLines`). */
export function plainText(children: PhrasingContent[]): string {
  let out = '';
  for (const node of children) {
    if (node.type === 'text' || node.type === 'html') out += node.value;
    else if (node.type === 'inlineCode') out += `\`${node.value}\``;
    else if (node.type === 'break') out += '\n';
    else if ('children' in node) out += plainText(node.children as PhrasingContent[]);
  }
  return out;
}
