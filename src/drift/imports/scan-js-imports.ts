import { JsLexer, LexError, type Token } from './js-lexer.js';
import type { RawImport } from './raw-import.js';

/** How many tokens an import clause may span before we decide it is not one. */
const clauseLimit = 2000;

/**
 * Finds static imports, re-exports, `import()` and `require()` with literal specifiers. Returns
 * null when the file cannot be tokenized with confidence (the caller then uses the real parser).
 */
export function scanJsImports(source: string): RawImport[] | null {
  const lexer = new JsLexer(source);
  const imports: RawImport[] = [];
  let previous: Token | null = null;
  try {
    for (let token = lexer.next(); token.type !== 'eof'; token = lexer.next()) {
      const isMember = previous?.type === 'punct' && previous.value === '.';
      // `typeof import('x')` is a type, erased at run time.
      const afterTypeof = previous?.type === 'id' && previous.value === 'typeof';
      previous = token;
      if (token.type !== 'id' || isMember) continue;
      if (token.value !== 'import' && token.value !== 'export' && token.value !== 'require') continue;
      if (token.value === 'import') readImport(lexer, token.line, afterTypeof, imports);
      else if (token.value === 'export') readExport(lexer, token.line, imports);
      else readRequire(lexer, token.line, false, imports);
      // The handler consumed tokens: what came before no longer qualifies the next one.
      previous = null;
    }
  } catch (error) {
    if (error instanceof LexError) return null;
    throw error;
  }
  return imports;
}

function isString(token: Token): boolean {
  return token.type === 'str' || (token.type === 'tpl' && token.complete);
}

function isPunct(token: Token, value: string): boolean {
  return token.type === 'punct' && token.value === value;
}

function readImport(lexer: JsLexer, line: number, typeLevel: boolean, into: RawImport[]): void {
  let token = lexer.next();
  if (isPunct(token, '(')) {
    const target = literalArgument(lexer);
    if (target !== null) into.push({ specifier: target, line, typeOnly: typeLevel || isTypeMember(lexer) });
    return;
  }
  if (isString(token)) {
    into.push({ specifier: token.value, line, typeOnly: false });
    return;
  }
  let typeOnly = false;
  if (token.type === 'id' && token.value === 'type') {
    const state = lexer.save();
    const after = lexer.next();
    if (after.type === 'id' && after.value === 'from') {
      // `import type from './x'`: a default import named "type".
      const source = lexer.next();
      if (isString(source)) into.push({ specifier: source.value, line, typeOnly: false });
      return;
    }
    typeOnly = after.type === 'id' || isPunct(after, '{') || isPunct(after, '*');
    lexer.restore(state);
    if (typeOnly) token = lexer.next();
  }
  readClause(lexer, token, line, typeOnly, into);
}

/**
 * Walks `a, { b as c, "d" as e }, * as f from 'x'` or `x = require('y')`. On anything else it
 * gives the token back, so a following statement is still seen by the main loop.
 */
function readClause(lexer: JsLexer, first: Token, line: number, typeOnly: boolean, into: RawImport[]): void {
  let inBraces = false;
  let closed = false;
  let token = first;
  let state = lexer.save();
  for (let steps = 0; steps < clauseLimit && token.type !== 'eof'; steps++) {
    if (token.type === 'id' && token.value === 'from' && !inBraces) {
      const source = lexer.next();
      if (isString(source)) into.push({ specifier: source.value, line, typeOnly });
      return;
    }
    if (isPunct(token, '=') && !inBraces && !closed) {
      const callee = lexer.next();
      if (callee.type === 'id' && callee.value === 'require') readRequire(lexer, line, typeOnly, into);
      return;
    }
    const expected =
      !closed &&
      (isPunct(token, '{') ||
        (isPunct(token, '}') && inBraces) ||
        isPunct(token, ',') ||
        isPunct(token, '*') ||
        (token.type === 'id' && token.value !== 'import' && token.value !== 'export') ||
        (token.type === 'str' && inBraces));
    if (!expected) {
      lexer.restore(state);
      return;
    }
    if (isPunct(token, '{')) inBraces = true;
    else if (isPunct(token, '}')) {
      inBraces = false;
      closed = true;
    }
    state = lexer.save();
    token = lexer.next();
  }
}

function readExport(lexer: JsLexer, line: number, into: RawImport[]): void {
  let token = lexer.next();
  let typeOnly = false;
  if (token.type === 'id' && token.value === 'type') {
    typeOnly = true;
    token = lexer.next();
  }
  if (!isPunct(token, '*') && !isPunct(token, '{')) return;
  readClause(lexer, token, line, typeOnly, into);
}

function readRequire(lexer: JsLexer, line: number, typeOnly: boolean, into: RawImport[]): void {
  if (!isPunct(lexer.next(), '(')) return;
  const target = literalArgument(lexer);
  if (target !== null) into.push({ specifier: target, line, typeOnly });
}

/**
 * The string literal that is the whole first argument of a call (`import('x')`, `require('x',`),
 * or null for a computed one (`import('file://' + path)`), whose tokens are given back.
 */
function literalArgument(lexer: JsLexer): string | null {
  const target = lexer.next();
  if (!isString(target)) return null;
  const state = lexer.save();
  const after = lexer.next();
  if (isPunct(after, ')') || isPunct(after, ',')) return target.value;
  lexer.restore(state);
  return null;
}

/**
 * `import('x').Name` outside `.then/.catch/.finally` is a TypeScript type reference: a promise has
 * no other members, so at run time nothing is imported. Looks ahead without consuming.
 */
function isTypeMember(lexer: JsLexer): boolean {
  const state = lexer.save();
  const dot = lexer.next();
  const member = lexer.next();
  lexer.restore(state);
  return isPunct(dot, '.') && member.type === 'id' && !['then', 'catch', 'finally'].includes(member.value);
}
