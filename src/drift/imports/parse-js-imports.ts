import type { RawImport } from './raw-import.js';
import { scanJsImports } from './scan-js-imports.js';

interface EstreeNode {
  type: string;
  loc?: { start: { line: number } };
  [key: string]: unknown;
}

/**
 * Imports of a JavaScript/TypeScript file. The fast scanner handles nearly every file; when it
 * cannot tokenize one (JSX text with quotes, unusual regex positions) the real parser decides.
 * A file neither can parse yields no imports: a syntax error is the compiler's to report.
 */
export async function parseJsImports(source: string, path: string): Promise<RawImport[]> {
  const scanned = scanJsImports(source);
  if (scanned) return scanned;
  const { parse } = await import('@typescript-eslint/typescript-estree');
  try {
    const ast = parse(source, { loc: true, jsx: /\.[jt]sx$/.test(path), comment: false, tokens: false });
    const imports: RawImport[] = [];
    visit(ast as unknown as EstreeNode, imports);
    return imports.sort((a, b) => a.line - b.line);
  } catch {
    return [];
  }
}

function literal(node: unknown): string | null {
  const value = (node as EstreeNode | null)?.type === 'Literal' ? (node as EstreeNode).value : null;
  return typeof value === 'string' ? value : null;
}

function visit(node: EstreeNode, into: RawImport[]): void {
  const line = node.loc?.start.line ?? 1;
  const record = (specifier: string | null, typeOnly: boolean): void => {
    if (specifier !== null) into.push({ specifier, line, typeOnly });
  };
  switch (node.type) {
    case 'ImportDeclaration':
      record(literal(node.source), node.importKind === 'type');
      break;
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
      record(literal(node.source), node.exportKind === 'type');
      break;
    case 'ImportExpression':
      record(literal(node.source), false);
      break;
    case 'TSExternalModuleReference':
      record(literal(node.expression), false);
      break;
    case 'CallExpression': {
      const callee = node.callee as EstreeNode;
      const args = node.arguments as unknown[];
      if (callee.type === 'Identifier' && callee.name === 'require' && args.length === 1) record(literal(args[0]), false);
      break;
    }
  }
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as EstreeNode, into);
    } else if (child && typeof child === 'object' && 'type' in child) {
      visit(child as EstreeNode, into);
    }
  }
}
