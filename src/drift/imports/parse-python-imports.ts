import { withPythonTree, type SyntaxNode } from '../../adapters/python-parser.js';
import type { RawImport } from './raw-import.js';

/**
 * `import a.b as c, d` and `from ..x import (y, z as w)` via tree-sitter (shared with gap
 * analysis), so imports in strings, comments and docstrings are never seen. Imports under
 * `if TYPE_CHECKING:` are type-only: they never run, so they cannot form a run-time cycle.
 */
export async function parsePythonImports(source: string): Promise<RawImport[]> {
  try {
    return await withPythonTree(source, (root) => {
      const imports: RawImport[] = [];
      visit(root, false, imports);
      return imports;
    });
  } catch {
    return [];
  }
}

function importedName(node: SyntaxNode): string {
  return (node.type === 'aliased_import' ? node.childForFieldName('name') : node)?.text ?? '';
}

function visit(node: SyntaxNode, typeOnly: boolean, into: RawImport[]): void {
  const line = node.startPosition.row + 1;
  if (node.type === 'import_statement') {
    for (const name of node.childrenForFieldName('name')) if (name) into.push({ specifier: importedName(name), line, typeOnly });
    return;
  }
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    const names = node.childrenForFieldName('name').flatMap((name) => (name ? [importedName(name)] : []));
    if (module) into.push({ specifier: module.text.replace(/\s+/g, ''), line, typeOnly, names });
    return;
  }
  if (node.type === 'if_statement') {
    const condition = node.childForFieldName('condition')?.text ?? '';
    if (condition === 'TYPE_CHECKING' || condition === 'typing.TYPE_CHECKING') {
      const consequence = node.childForFieldName('consequence');
      if (consequence) visit(consequence, true, into);
      for (const child of node.namedChildren) if (child && child.id !== consequence?.id) visit(child, typeOnly, into);
      return;
    }
  }
  for (const child of node.namedChildren) if (child) visit(child, typeOnly, into);
}
