import { loadJsParser, type JsNode, type JsParser, type ParsedJs } from '../../adapters/parse-js.js';
import type { RawImport } from './raw-import.js';

type Found = RawImport & { offset: number };

/**
 * Imports of a JavaScript/TypeScript file, in source order: static imports, re-exports
 * (`export ... from`), `import()` with a literal, `require()` with a literal, `import x =
 * require()`, and type-level `import('x')` (type-only). A file that does not parse yields none: a
 * syntax error is the compiler's to report. `parser` defaults to the process's parser.
 */
export async function parseJsImports(source: string, path: string, parser?: JsParser): Promise<RawImport[]> {
  const parsed = (parser ?? (await loadJsParser())).parse(path, source);
  if (parsed.errors.length > 0) return [];
  const found = parsed.module ? fromModuleRecord(parsed, source) : fromTree(parsed, parsed.program, { all: true });
  return found.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...raw }) => raw);
}

/**
 * oxc's module record lists static imports, re-exports and dynamic imports without building the
 * tree in JavaScript (the tree's JSON is parsed only when read). The tree is read only when the
 * text holds what the record leaves out: `require` (calls and `import x = require()`), a
 * type-level `import('x')` (more `import(` than dynamic imports), or an escaped literal.
 */
function fromModuleRecord(parsed: ParsedJs, source: string): Found[] {
  const record = parsed.module as NonNullable<ParsedJs['module']>;
  const found: Found[] = [];
  const add = (specifier: string, offset: number, typeOnly: boolean): void => {
    found.push({ specifier, line: parsed.lines.lineAt(offset), typeOnly, offset });
  };
  for (const entry of record.staticImports) {
    // `import type { A }` is erased; `import { type A }` keeps the statement (and its side effects).
    const typeOnly =
      entry.entries.length > 0 &&
      entry.entries.every((e) => e.isType) &&
      /^import\s+type\b/.test(source.slice(entry.start, entry.start + 12));
    add(entry.moduleRequest.value, entry.start, typeOnly);
  }
  for (const statement of record.staticExports) {
    // Only `export ... from`: the record also lists an exported import binding
    // (`import { a } from 'x'; export { a }`) as an export of 'x', spanning the import statement.
    const request = statement.entries.find((e) => e.moduleRequest)?.moduleRequest;
    if (!request || !source.startsWith('export', statement.start)) continue;
    const typeOnly =
      statement.entries.every((e) => e.isType) && /^export\s+type\b/.test(source.slice(statement.start, statement.start + 12));
    add(request.value, statement.start, typeOnly);
  }
  // An escape in a specifier (`'./\u0041'`) needs the parser's cooked value: then the tree gives them all.
  const requests = record.dynamicImports.map((dynamic) => source.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end));
  const escaped = requests.some((text) => text.includes('\\'));
  if (!escaped)
    record.dynamicImports.forEach((dynamic, index) => {
      const text = requests[index] as string;
      // A lone literal; `'./a' + b` and `'a' + 'b'` are not.
      if (/^'[^']*'$|^"[^"]*"$|^`[^`$]*`$/.test(text)) add(text.slice(1, -1), dynamic.start, false);
    });
  const importCalls = source.match(/\bimport\s*\(/g)?.length ?? 0;
  if (escaped || /\brequire\b/.test(source) || importCalls > record.dynamicImports.length)
    found.push(...fromTree(parsed, parsed.program, { all: false, dynamic: escaped }));
  return found;
}

function literal(node: JsNode | null | undefined): string | null {
  if (node?.type === 'Literal') return typeof node.value === 'string' ? node.value : null;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * Imports read off the tree. `all`: every kind (typescript-estree, which has no module record);
 * otherwise only what the record leaves out, plus `import()` when `dynamic`.
 */
function fromTree(parsed: ParsedJs, program: JsNode, kinds: { all: boolean; dynamic?: boolean }): Found[] {
  const found: Found[] = [];
  const record = (node: JsNode, specifier: string | null, typeOnly: boolean): void => {
    if (specifier === null) return;
    const offset = (node.start ?? node.range[0]) as number;
    found.push({ specifier, line: parsed.lines.lineAt(offset), typeOnly, offset });
  };
  const visit = (node: JsNode): void => {
    switch (node.type) {
      case 'ImportDeclaration':
        if (kinds.all) record(node, literal(node.source), node.importKind === 'type');
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (kinds.all && node.source) record(node, literal(node.source), node.exportKind === 'type');
        break;
      case 'ImportExpression':
        if (kinds.all || kinds.dynamic) record(node, literal(node.source), false);
        break;
      case 'TSImportType':
        record(node, literal(node.source), true);
        break;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference?.type === 'TSExternalModuleReference')
          record(node, literal(node.moduleReference.expression), node.importKind === 'type');
        return;
      case 'CallExpression': {
        const callee = node.callee as JsNode;
        const args = node.arguments as JsNode[];
        if (callee.type === 'Identifier' && callee.name === 'require' && args.length === 1) record(node, literal(args[0]), false);
        break;
      }
    }
    for (const key in node) {
      if (key === 'parent' || key === 'range' || key === 'loc') continue;
      const child = node[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item.type === 'string') visit(item as JsNode);
      } else if (child && typeof child === 'object' && typeof child.type === 'string') {
        visit(child as JsNode);
      }
    }
  };
  visit(program);
  return found;
}
