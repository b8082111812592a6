import type { ScannedTodo } from './types.js';
import type { EsNode } from './ts-url.js';

const TAGS = 'TODO|FIXME|XXX|HACK';
/** A marker tag opens a comment line, or is followed by a colon anywhere in it (see docs/gaps.md). */
const AT_START = new RegExp(`^[\\s*#/!-]*(${TAGS})\\b(?:\\([^)]*\\))?:?\\s*(.*)$`);
const WITH_COLON = new RegExp(`\\b(${TAGS})(?:\\([^)]*\\))?:\\s*(.*)$`);

/** The markers in the text of one comment that starts at `startLine`. */
export function markersInComment(text: string, startLine: number): ScannedTodo[] {
  const markers: ScannedTodo[] = [];
  text.split('\n').forEach((line, offset) => {
    const match = AT_START.exec(line) ?? WITH_COLON.exec(line);
    if (!match) return;
    markers.push({
      tag: match[1] as ScannedTodo['tag'],
      text: (match[2] ?? '')
        .trim()
        .replace(/\s*\*\/\s*$/, '')
        .slice(0, 200),
      line: startLine + offset,
    });
  });
  return markers;
}

const STUB_MESSAGE = /\bnot\s+(?:yet\s+)?implemented\b|\bunimplemented\b|^\s*todo\b|\bstub\b/i;

/** The message of `throw new Error('not implemented')` and kin (`NotImplementedError`), else null. */
export function findStubMessage(argument: EsNode | null | undefined): string | null {
  if (!argument || (argument.type !== 'NewExpression' && argument.type !== 'CallExpression')) return null;
  const callee = argument.callee as EsNode;
  const name = callee.type === 'Identifier' ? (callee.name as string) : '';
  if (/NotImplemented/.test(name)) return name;
  if (!/Error$/.test(name)) return null;
  const first = argument.arguments[0] as EsNode | undefined;
  const message =
    first?.type === 'Literal'
      ? String(first.value)
      : first?.type === 'TemplateLiteral'
        ? first.quasis.map((q: EsNode) => q.value.cooked).join('')
        : '';
  return STUB_MESSAGE.test(message) ? message : null;
}
