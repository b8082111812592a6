import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError } from '../domain/errors.js';
import type { KeyPath } from './validate-schema.js';

/** A parsed YAML or JSON file that can say on which line a key path stands. */
export interface YamlSource {
  value: unknown;
  lineOf: (path: KeyPath) => number | undefined;
}

/**
 * Parses YAML (and JSON, which is YAML) keeping node positions, so schema problems can name the
 * line. Syntax errors become an `InputError` at their line.
 */
export function parseYamlSource(text: string, displayPath: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new InputError(`invalid YAML/JSON: ${error.message.split('\n')[0]}`, { file: displayPath, line });
  }
  return {
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Offset of the deepest node on `path`: the key itself for the last segment, so "unknown key" points at it. */
function offsetOf(doc: Document, path: KeyPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return offset;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
