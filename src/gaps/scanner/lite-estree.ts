import type TsNs from 'typescript';
import type { EsNode } from './ts-url.js';
import { LiteConverter, type Convert, type Ts } from './lite-converter.js';
import { addStatementConverters } from './lite-statements.js';
import { addExpressionConverters } from './lite-expressions.js';

/**
 * The ESTree that typescript-estree would build, reduced to what the TypeScript scanner reads:
 * the same node types, the same fields, child keys in the same order (the scanner's walk
 * visits keys in order, and the order of what it finds must not change), but no types, no
 * `range` and no `loc`. typescript-estree spends four times as long converting a tree as
 * TypeScript spends parsing it; this conversion costs a fraction of the parse.
 *
 * Positions: every node keeps its TypeScript node in `$n` (and, where typescript-estree starts
 * a node elsewhere than `getStart()`, the start in `$s`); `liteLine` turns them into the line
 * typescript-estree would put in `loc.start.line`, only for the nodes the scanner reports.
 *
 * Files with a syntax error still go through typescript-estree (see `scanTypeScript`), so its
 * error messages stay the reference. `test/unit/gaps/lite-estree.test.ts` walks both trees side
 * by side.
 */
export function liteProgram(ts: Ts, source: TsNs.SourceFile): EsNode {
  return new LiteConverter(ts, source, tableFor(ts)).program();
}

/** TypeScript's tree of a file, parsed the way typescript-estree parses it (parents set, no JSDoc). */
export function parseSource(ts: Ts, content: string, jsx: boolean): TsNs.SourceFile {
  return ts.createSourceFile(
    jsx ? 'estree.tsx' : 'estree.ts',
    content,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    // Parent pointers: the comment walk needs them, and they cost next to nothing.
    true,
    jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

/** The line typescript-estree would report for a node of `liteProgram`. */
export function liteLine(source: TsNs.SourceFile, node: EsNode): number {
  const start = (node.$s as number | undefined) ?? (node.$n as TsNs.Node).getStart(source);
  return source.getLineAndCharacterOfPosition(start).line + 1;
}

/** Conversions by syntax kind, built once per TypeScript module. */
const tables = new WeakMap<Ts, Convert[]>();

function tableFor(ts: Ts): Convert[] {
  let table = tables.get(ts);
  if (!table) {
    const built: Convert[] = [];
    const on = (kinds: TsNs.SyntaxKind[], convert: Convert): void => {
      for (const kind of kinds) built[kind] = convert;
    };
    addStatementConverters(ts, on);
    addExpressionConverters(ts, on);
    tables.set(ts, (table = built));
  }
  return table;
}
