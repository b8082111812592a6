import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from '../../adapters/code-cache.js';
import { emptyScan, type FileScan } from './types.js';

/**
 * Whether a file may hold anything beyond declarations: routes, calls, tests, commands, stubs,
 * markers, CommonJS. Files that cannot (most models, utilities, components without data
 * fetching) only need their declarations, which the TypeScript parser gives ten times faster
 * than a full ESTree conversion; a cold scan of a large repository is dominated by them.
 */
const NEEDS_FULL_SCAN = new RegExp(
  [
    String.raw`\b(?:fetch|axios|ky|express|fastify|Fastify|Koa|Hono|Router|Command|yargs|cac)\b`,
    String.raw`\.(?:get|post|put|patch|delete|head|options|all|route|command|request)\s*\(\s*[\x60'"{]`,
    String.raw`\.(?:use|register|setGlobalPrefix|create|extend)\s*\(`,
    String.raw`@(?:Controller|Get|Post|Put|Patch|Delete|All|Head|Options)\b`,
    String.raw`\b(?:test|it|describe|suite|context|specify)\s*(?:\.\s*\w+\s*)?\(`,
    String.raw`\bthrow\b|\{\s*\}|\brequire\s*\(|\bmodule\.exports\b|\bexports\.`,
    String.raw`\b(?:TODO|FIXME|XXX|HACK)\b`,
    String.raw`\(\s*[\x60'"][^\x60'"]*\/`,
    // tRPC routers, Hono/Koa prefixes, NestJS versioning, and path-like values a prefix may name.
    String.raw`\b(?:router|createTRPCRouter|mergeRouters|initTRPC)\s*\(|\.(?:query|mutation|basePath|enableVersioning|prefix)\s*\(`,
    String.raw`(?:=|:)\s*[\x60'"]\/`,
  ].join('|'),
);

export function needsFullScan(path: string, content: string): boolean {
  return /(?:^|\/)(?:pages|app)\//.test(path) || NEEDS_FULL_SCAN.test(content);
}

type Ts = typeof import('typescript');
let typescript: Ts | undefined;

/** The TypeScript compiler, loaded on first use. */
export function loadTypeScript(): Ts {
  // require(), not import(): importing this 9 MB CommonJS file as ESM makes Node scan all of it
  // for module syntax and named exports first (over a second of CPU per thread). Through V8's
  // code cache, its compile costs a third (see code-cache.ts).
  return (typescript ??= requireWithCodeCache(fileURLToPath(import.meta.url), 'typescript').exports as Ts);
}

/** Declarations only (symbols, imports, exports) through `ts.createSourceFile`. */
export async function scanDeclarations(path: string, content: string): Promise<FileScan> {
  const ts = loadTypeScript();
  const kind = /\.tsx$/.test(path)
    ? ts.ScriptKind.TSX
    : /\.jsx$/.test(path)
      ? ts.ScriptKind.JSX
      : /\.[cm]?js$/.test(path)
        ? ts.ScriptKind.JS
        : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, content, ts.ScriptTarget.Latest, false, kind);
  const scan = emptyScan(path, 'ts', content.split('\n').length);
  const lineOf = (node: import('typescript').Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const has = (node: import('typescript').Node, flag: import('typescript').SyntaxKind): boolean =>
    (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined)?.some((modifier) => modifier.kind === flag) ?? false;
  const add = (
    name: string,
    symbolKind: FileScan['symbols'][number]['kind'],
    node: import('typescript').Node,
    exported: boolean,
    container?: string,
  ): void => {
    scan.symbols.push({ name, kind: symbolKind, line: lineOf(node), exported, ...(container ? { container } : {}) });
    if (exported && symbolKind !== 'method') scan.exports[name] = name;
  };
  for (const statement of source.statements) {
    const exported = has(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = has(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const names: Array<{ local: string; imported: string }> = [];
      const clause = statement.importClause;
      if (clause?.name) names.push({ local: clause.name.text, imported: 'default' });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push({ local: bindings.name.text, imported: '*' });
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements)
          names.push({ local: element.name.text, imported: (element.propertyName ?? element.name).text });
      scan.imports.push({ source: statement.moduleSpecifier.text, names, line: lineOf(statement) });
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).text;
        if (from) scan.imports.push({ source: from, names: [{ local: element.name.text, imported: local }], line: lineOf(statement) });
        scan.exports[element.name.text] = from ? element.name.text : local;
      }
    } else if (ts.isExportAssignment(statement)) {
      scan.exports.default = ts.isIdentifier(statement.expression) ? statement.expression.text : 'default';
    } else if (ts.isFunctionDeclaration(statement)) {
      if (statement.name) add(statement.name.text, 'function', statement, exported);
      if (isDefault) scan.exports.default = statement.name?.text ?? 'default';
    } else if (ts.isClassDeclaration(statement)) {
      if (statement.name) {
        const className = statement.name.text;
        add(className, 'class', statement, exported);
        for (const member of statement.members) {
          if (ts.isMethodDeclaration(member) && member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)))
            add(member.name.text, 'method', member, exported, className);
        }
      }
      if (isDefault) scan.exports.default = statement.name?.text ?? 'default';
    } else if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      add(statement.name.text, 'type', statement, exported);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const init = declaration.initializer;
        const symbolKind =
          init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
            ? 'function'
            : init && ts.isClassExpression(init)
              ? 'class'
              : 'variable';
        scan.symbols.push({ name: declaration.name.text, kind: symbolKind, line: lineOf(declaration), exported });
        if (exported) scan.exports[declaration.name.text] = declaration.name.text;
      }
    }
  }
  return scan;
}
