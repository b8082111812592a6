import { createRequire } from 'node:module';
import type { EcmaScriptModule, ParserOptions } from 'oxc-parser';
import { lineTable, type LineTable } from './line-table.js';

/**
 * The one JavaScript/TypeScript parser of br-guard: oxc-parser (native, Rust), else
 * typescript-estree (JavaScript, on the TypeScript compiler). Both give the same ESTree /
 * TS-ESTree tree; what differs (offsets, comments, errors) is evened out here, so the gap scanner
 * and drift read one shape whichever parser runs.
 */

/** A loosely typed ESTree node: callers read a few fields of many node types. */
export interface JsNode {
  type: string;
  // Callers read a few fields of dozens of node types; `unknown` would need a guard per read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface JsComment {
  value: string;
  /** Offset of the comment's first character (its `//` or `/*`). */
  start: number;
}

export interface JsParseError {
  message: string;
  line: number;
}

export interface ParsedJs {
  program: JsNode;
  comments: JsComment[];
  /** Syntax errors; when there is one, `program` may be partial (oxc recovers) or empty. */
  errors: JsParseError[];
  /** oxc's module record (static imports/exports, dynamic imports); null from typescript-estree. */
  module: EcmaScriptModule | null;
  lines: LineTable;
  /** The 1-based line a node starts on. */
  lineOf(node: JsNode): number;
}

/** A node's start offset: oxc puts it in `start`, typescript-estree in `range[0]`. */
export function nodeStart(node: JsNode): number {
  return typeof node.start === 'number' ? node.start : (node.range as [number, number])[0];
}

/** A node's end offset (exclusive), from either parser. */
export function nodeEnd(node: JsNode): number {
  return typeof node.end === 'number' ? node.end : (node.range as [number, number])[1];
}

export type JsParserName = 'oxc-parser' | 'typescript-estree';

/** Which parser runs and why (for `doctor`). */
export interface JsParserStatus {
  parser: JsParserName;
  /** Why the fallback runs (the load error, or the environment variable); absent for oxc. */
  reason?: string;
}

export interface JsParser {
  status: JsParserStatus;
  parse(path: string, content: string): ParsedJs;
}

type Oxc = typeof import('oxc-parser');
type Estree = typeof import('@typescript-eslint/typescript-estree');

const JSX_EXTENSIONS = /\.(?:jsx|js|mjs|cjs)$/;
/** Set to `typescript-estree` to run the JavaScript fallback (tests, or a broken native build). */
export const PARSER_ENV = 'BR_GUARD_JS_PARSER';

let loading: Promise<JsParser> | undefined;

/** The parser, loaded once per thread: oxc-parser when its native binding loads, else typescript-estree. */
export function loadJsParser(): Promise<JsParser> {
  loading ??= (async () => {
    if (process.env[PARSER_ENV] === 'typescript-estree')
      return typescriptEstreeParser({ parser: 'typescript-estree', reason: `${PARSER_ENV}=typescript-estree` });
    try {
      const oxc = (await import('oxc-parser')) as Oxc;
      return oxcParser(oxc, await lazyOxc());
    } catch (error) {
      const reason = `oxc-parser did not load (${firstLine(error)}); using typescript-estree, a JavaScript parser ~3x slower`;
      return typescriptEstreeParser({ parser: 'typescript-estree', reason });
    }
  })();
  return loading;
}

/** Which JS/TS parser this process uses and, for the fallback, why. */
export async function jsParserStatus(): Promise<JsParserStatus> {
  return (await loadJsParser()).status;
}

/**
 * oxc-parser's options for a path: `.js` files may hold JSX (as typescript-estree's `jsx: true`);
 * no `ParenthesizedExpression` nodes (ESTree has none). The TS-ESTree tree for every language:
 * `astType: 'js'` would be a third less JSON, but drops parameter properties and parameter
 * decorators, and lists a hashbang as a comment.
 */
function oxcOptions(path: string): ParserOptions {
  const lang = /\.tsx$/.test(path) ? 'tsx' : JSX_EXTENSIONS.test(path) ? 'jsx' : 'ts';
  return { lang, astType: 'ts', sourceType: /\.c[jt]s$/.test(path) ? 'commonjs' : 'module', preserveParens: false };
}

/** oxc's native entry and AST decoder, to read the tree only when asked (see `lazyOxc`). */
export interface LazyOxc {
  parseSync(path: string, content: string, options: ParserOptions): { program: string } & Omit<ReturnType<Oxc['parseSync']>, 'program'>;
  jsonParseAst(json: string): unknown;
}

/**
 * oxc-parser's public `parseSync` takes the tree out of the native result at once, as a JSON
 * string, even when the caller never reads it; building and copying that string is about as
 * costly as the parse. Drift needs only the module record: through the binding itself the string
 * is made only when `program` is read. Null when these internal entry points are not there (a
 * later oxc-parser): the public API then serves, a little slower.
 */
async function lazyOxc(): Promise<LazyOxc | null> {
  try {
    const [bindings, wrap] = (await Promise.all([
      import('oxc-parser/src-js/bindings.js' as string),
      import('oxc-parser/src-js/wrap.js' as string),
    ])) as [{ parseSync?: unknown }, { jsonParseAst?: unknown }];
    if (typeof bindings.parseSync !== 'function' || typeof wrap.jsonParseAst !== 'function') return null;
    return { parseSync: bindings.parseSync, jsonParseAst: wrap.jsonParseAst } as LazyOxc;
  } catch {
    return null;
  }
}

export function oxcParser(oxc: Oxc, lazy: LazyOxc | null = null): JsParser {
  const parseSync = lazy
    ? (path: string, content: string, options: ParserOptions) => {
        const native = lazy.parseSync(path, content, options);
        let program: unknown;
        let record: EcmaScriptModule | undefined;
        let comments: ReturnType<Oxc['parseSync']>['comments'] | undefined;
        return {
          errors: native.errors,
          get comments() {
            return (comments ??= native.comments);
          },
          get module() {
            return (record ??= native.module);
          },
          get program() {
            return (program ??= lazy.jsonParseAst(native.program));
          },
        };
      }
    : (path: string, content: string, options: ParserOptions) => oxc.parseSync(path, content, options);
  return {
    status: { parser: 'oxc-parser' },
    parse(path, content) {
      const options = oxcOptions(path);
      let result = parseSync(path, content, options);
      // A CommonJS file named `.js` (top-level `return`, HTML comments) parses as a script.
      if (result.errors.length > 0 && options.sourceType === 'module' && !result.module.hasModuleSyntax)
        result = parseSync(path, content, { ...options, sourceType: 'commonjs' });
      const lines = lineTable(content);
      const errors = result.errors
        .filter((error) => error.severity === 'Error')
        .map((error) => ({ message: error.message, line: lines.lineAt(error.labels[0]?.start ?? 0) }));
      const parsed = result;
      return {
        get program() {
          return parsed.program as unknown as JsNode;
        },
        get comments() {
          return parsed.comments;
        },
        errors,
        get module() {
          return parsed.module;
        },
        lines,
        lineOf: (node) => lines.lineAt(node.start as number),
      };
    },
  };
}

export function typescriptEstreeParser(status: JsParserStatus): JsParser {
  // require() skips Node's ESM syntax detection and export lexing of these large CommonJS files.
  const estree = createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as Estree;
  return {
    status,
    parse(path, content) {
      const lines = lineTable(content);
      const lineOf = (node: JsNode): number => lines.lineAt((node.range as [number, number])[0]);
      try {
        const program = estree.parse(content, {
          // `range: false` costs a second walk that deletes `range` from every node; lines come from it.
          range: true,
          loc: false,
          comment: true,
          jsx: path.endsWith('.tsx') || JSX_EXTENSIONS.test(path),
          // Nothing read from the tree lives in JSDoc, and ESTree holds none of it.
          jsDocParsingMode: 'none',
          suppressDeprecatedPropertyWarnings: true,
        });
        const comments = (program.comments ?? []).map((comment) => ({ value: comment.value, start: comment.range[0] }));
        return { program: program as unknown as JsNode, comments, errors: [], module: null, lines, lineOf };
      } catch (error) {
        const index = (error as { index?: number }).index;
        const line = typeof index === 'number' ? lines.lineAt(index) : 1;
        const program: JsNode = { type: 'Program', body: [], range: [0, 0] };
        return { program, comments: [], errors: [{ message: firstLine(error), line }], module: null, lines, lineOf };
      }
    },
  };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] as string;
}
