import type { ManifestItem } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { ItemEvaluation } from './item-evaluation.js';
import { resolveSpecFile } from './resolve-spec-file.js';
import { relatedTo } from './related-to.js';

// A file item is judged by where the file is and whether it is a stub, not by retrieval.

export function evaluateFileItem(item: ManifestItem, index: CodeIndex, specNamed: ReadonlySet<string>): ItemEvaluation {
  const found = resolveSpecFile(item.text, index.files);
  if (!found)
    return {
      status: 'missing',
      evidence: [],
      notes: [`file ${item.text} does not exist`],
      related: relatedTo(item.text, index),
      missingEndpoints: [],
    };
  const scan = index.scans.get(found.file);
  const stubs = (scan?.stubs ?? []).filter((stub) => stub.reason !== 'empty-body' || specNamed.has(found.file));
  const notes: string[] = [];
  if (found.match === 'counterpart') notes.push(`the spec names ${item.text}; the closest file is ${found.file}, at another path`);
  if (stubs.length > 0)
    notes.push(`${found.file} is a stub (${stubs.map((stub) => `line ${stub.line}${stub.name ? ` in ${stub.name}` : ''}`).join(', ')})`);
  if (scan && scan.symbols.length === 0 && scan.routes.length === 0 && scan.tests.length === 0 && scan.lines <= 2)
    notes.push(`${found.file} is empty`);
  const evidence = [{ file: found.file, line: stubs[0]?.line ?? 1 }];
  return { status: notes.length > 0 ? 'partial' : 'done', evidence, notes, related: [], missingEndpoints: [], file: found.file };
}
