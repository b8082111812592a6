import { hash } from 'node:crypto';
import { providedStrategies, requiredStrategies } from './passport-names.js';
import type { FileScan, SymbolBody } from './types.js';

/**
 * What requirement matching reads inside a definition: its span (from the definition line to the
 * last line indented under it), the doc comment that explains it, the identifiers its code uses
 * (strings and comments left out: a message is not an implementation) and a fingerprint of that
 * code, so a later run can tell a body that was deleted, emptied or stubbed from one that is
 * unchanged. Language-independent on purpose: it works from lines and indentation on the content
 * the parser already read, for JS/TS and Python alike.
 */
export function addSymbolBodies(scan: FileScan, content: string): void {
  if (scan.error) return;
  const python = scan.language === 'python';
  const lines = content.split('\n');
  const code = stripStringsAndComments(content, python).split('\n');
  // A line's identifiers are read once: a class's span holds its methods' spans, and the file's terms read every line again.
  const tokens: Array<readonly string[] | undefined> = new Array(code.length);
  const tokensAt = (i: number): readonly string[] => (tokens[i] ??= identifiersIn(code[i] ?? ''));
  // Every strategy name a span asks for is in the file's text: without one, no span is searched.
  const requiresStrategies = !python && REQUIRES_STRATEGY.test(content);
  const file: FileText = { lines, code, tokensAt, python, requiresStrategies };
  const spanOf = (line: number, test = false): SymbolBody => bodyAt(file, line, test);
  scan.symbolBodies = scan.symbols.map((symbol) => spanOf(symbol.line));
  scan.testBodies = scan.tests.map((test) => spanOf(test.line, true));
  scan.fileTerms = fileTermsOf(code.length, tokensAt);
  const provides = python ? [] : providedStrategies(content);
  if (provides.length > 0) scan.provides = provides;
  const fileDoc = leadingDoc(lines, python);
  if (fileDoc) scan.fileDoc = fileDoc;
}

const MAX_TERMS = 300;
const MAX_FILE_TERMS = 800;

/** What `requiredStrategies` matches, as plain text: a necessary condition for any match in a span. */
const REQUIRES_STRATEGY = /AuthGuard\(|passport\.authenticate\(/;

/** A file's lines as written and with strings and comments blanked (`code`), and each code line's identifiers. */
interface FileText {
  lines: readonly string[];
  code: readonly string[];
  tokensAt(line: number): readonly string[];
  python: boolean;
  /** The file names a Passport strategy it requires somewhere (`REQUIRES_STRATEGY`). */
  requiresStrategies: boolean;
}

function fileTermsOf(lineCount: number, tokensAt: (line: number) => readonly string[]): string[] {
  const terms = new Set<string>();
  for (let line = 0; line < lineCount; line++)
    for (const token of tokensAt(line)) {
      if (token.length > 1 && !KEYWORDS.has(token)) terms.add(token);
      if (terms.size >= MAX_FILE_TERMS) return [...terms];
    }
  return [...terms];
}

/**
 * `test`: a test case's span. Its first line is not only a name: `it('add dev', _('vite -D', 'bun add vite -d'))`
 * is the whole test, so its identifiers count (the test call's own name aside), and so do its
 * strings: what a test feeds in and expects (`'bun remove -g eslint'`) states the behaviour it checks.
 */
function bodyAt(file: FileText, line: number, test = false): SymbolBody {
  const { lines, code, python } = file;
  const start = afterDecorators(code, line - 1);
  const indent = indentOf(lines[start] ?? '');
  let end = start;
  for (let i = start + 1; i < lines.length; i++) {
    const text = lines[i] as string;
    if (isBlank(text)) continue;
    const level = indentOf(text);
    // A closing bracket (or a signature's closing parenthesis) at the definition's level ends it and belongs to it.
    if (level < indent || (level === indent && !/^\s*[)\]}]/.test(text))) break;
    end = i;
    // `) {` or `) -> str:` closes a signature written over several lines and opens the body.
    if (level === indent && !/[({[:]\s*(?:#.*)?$/.test(text)) break;
  }
  const tokens: string[] = [];
  for (let i = start; i <= end; i++) for (const token of file.tokensAt(i)) tokens.push(token);
  // The definition line names the symbol; its body is everything after it.
  const bodyTokens = test ? tokens.filter((token) => !TEST_CALLEES.has(token)) : tokens.slice(file.tokensAt(start).length);
  // A test's one-letter names stay: `it('script', _('dev', 'npm run dev'))` tests through its helper `_`.
  const terms = [...new Set(bodyTokens.filter((token) => !KEYWORDS.has(token) && (token.length > 1 || test)))].slice(0, MAX_TERMS);
  const normalized = code
    .slice(start, end + 1)
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
  const body: SymbolBody = {
    end: end + 1,
    terms,
    size: bodyTokens.length,
    // One-shot `hash` (Node ≥ 20.12): no Hash object per symbol, same digest.
    hash: hash('sha1', normalized, 'hex').slice(0, 12),
  };
  const requires = requirementsOf(file, line - 1, start, end);
  if (requires.length > 0) body.requires = requires;
  // A doc comment sits above the decorators.
  const doc = python ? docstringAfter(lines, start, end) : commentAbove(lines, line - 1);
  if (doc) body.doc = doc;
  if (test) {
    const literals = stringsIn(lines.slice(start, end + 1).join('\n'), python);
    if (literals.length > 0) body.literals = literals;
  }
  return body;
}

/**
 * The definition's own line when `start` is a decorator above it (a TypeScript parser starts a
 * decorated method or class at its first decorator: `@Post()`, `@UseGuards(JwtAuthGuard)`).
 */
function afterDecorators(code: readonly string[], start: number): number {
  let depth = 0;
  let i = start;
  for (; i < code.length; i++) {
    const text = code[i] as string;
    if (depth === 0 && !/^\s*@/.test(text) && text.trim() !== '') break;
    for (const ch of text) depth += ch === '(' || ch === '[' || ch === '{' ? 1 : ch === ')' || ch === ']' || ch === '}' ? -1 : 0;
    if (depth < 0) depth = 0;
  }
  return i < code.length ? i : start;
}

/**
 * What a definition depends on outside its body: its decorators' identifiers (lines `first` to
 * `start`, the definition line's own `extends AuthGuard('jwt-refresh')` included) and the Passport
 * strategies named there or in the body.
 */
function requirementsOf(file: FileText, first: number, start: number, end: number): string[] {
  if (file.python) return [];
  const requires = new Set<string>();
  for (let i = first; i < start; i++) for (const token of file.tokensAt(i)) if (!KEYWORDS.has(token)) requires.add(token);
  if (file.requiresStrategies) for (const name of requiredStrategies(file.lines.slice(first, end + 1).join('\n'))) requires.add(name);
  return [...requires];
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
const NONE: readonly string[] = [];

/** The identifiers of a line, in order: `match` with a global pattern gives the strings without a match object each, as `matchAll` makes. */
function identifiersIn(line: string): readonly string[] {
  return line.match(IDENTIFIER) ?? NONE;
}

/** The calls that declare a test: its name, not its vocabulary. */
const TEST_CALLEES = new Set(['it', 'test', 'describe', 'suite', 'context', 'specify', 'only', 'skip', 'each', 'concurrent', 'todo']);

const MAX_LITERALS = 40;

const MESSAGE_CALL =
  /\b(?:skip|skipif|xfail|fail|warn|warning|log|info|debug|error|print|Error|Exception)\s*\(\s*(?:(?:reason|msg|message)\s*=\s*)?$/;

/** The string literals of a test's span, as written (a template's `${…}` left out); long texts (a fixture inlined) are cut. */
function stringsIn(text: string, python: boolean): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(python ? PYTHON_NOISE : JS_NOISE)) {
    const raw = match[0];
    const quote = /^[rRbBuUfF]{0,2}("{3}|'{3}|["'`])/.exec(raw);
    if (!quote) continue; // a comment
    // `pytest.skip("Generate .mo with …")`, `console.log(…)`, `new Error(…)`: a message, not what is checked.
    if (MESSAGE_CALL.test(text.slice(Math.max(0, (match.index ?? 0) - 40), match.index))) continue;
    const inner = raw
      .slice(quote[0].length, raw.length - (quote[1] as string).length)
      .replace(/\$\{[^}]*\}/g, ' ')
      .trim();
    if (inner !== '' && !out.includes(inner)) out.push(inner.slice(0, 200));
    if (out.length > MAX_LITERALS) break;
  }
  return out;
}

/** Words that are syntax, not vocabulary. */
const KEYWORDS = new Set(
  (
    'const let var function return if else for while do switch case break continue new this await async try catch finally throw ' +
    'typeof instanceof in of export import from default class extends super null undefined true false void yield static get set ' +
    'def pass raise None True False elif lambda with as is not and or assert del global nonlocal except self cls print'
  ).split(' '),
);

/** How many whitespace characters (as `trimStart` counts them) a line starts with. */
function indentOf(line: string): number {
  let i = 0;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    // Other whitespace (form feed, a no-break space, …) is rare: `trimStart` decides.
    if (c < 128 && c !== 11 && c !== 12 && c !== 13) return i;
    return line.length - line.trimStart().length;
  }
  return i;
}

const NON_SPACE = /\S/;

/** `line.trim() === ''` without the copy (`\s` is exactly what `trim` removes). */
function isBlank(line: string): boolean {
  return !NON_SPACE.test(line);
}

/** `/** ... *\/` or `//` lines right above a definition (decorators and blank lines skipped). */
function commentAbove(lines: readonly string[], start: number): string | undefined {
  let i = start - 1;
  while (i >= 0 && /^\s*@/.test(lines[i] as string)) i--;
  const out: string[] = [];
  if (i >= 0 && /\*\/\s*$/.test(lines[i] as string)) {
    for (; i >= 0; i--) {
      out.unshift(lines[i] as string);
      if (/\/\*/.test(lines[i] as string)) break;
    }
  } else {
    for (; i >= 0 && /^\s*\/\//.test(lines[i] as string); i--) out.unshift(lines[i] as string);
  }
  const text = cleanComment(out.join('\n'));
  return text === '' ? undefined : text.slice(0, 600);
}

/** A Python docstring: the first statement under the definition line(s). */
function docstringAfter(lines: readonly string[], start: number, end: number): string | undefined {
  let i = start;
  while (i <= end && !/:\s*(?:#.*)?$/.test(lines[i] as string)) i++;
  i++;
  while (i <= end && (lines[i] as string).trim() === '') i++;
  const first = (lines[i] ?? '').trim();
  const quote = /^[rRuU]?("""|''')/.exec(first)?.[1];
  if (!quote) return undefined;
  const out: string[] = [];
  for (let j = i; j <= end; j++) {
    out.push(lines[j] as string);
    if ((j === i ? first.slice(first.indexOf(quote) + 3) : (lines[j] as string)).includes(quote)) break;
  }
  const text = out
    .join('\n')
    .replace(/^[\s\S]*?("""|''')/, '')
    .replace(/("""|''')[\s\S]*$/, '')
    .trim();
  return text === '' ? undefined : text.slice(0, 600);
}

/** The comment or docstring a file opens with (after a shebang). */
function leadingDoc(lines: readonly string[], python: boolean): string | undefined {
  let i = 0;
  while (i < lines.length && (/^#!/.test(lines[i] as string) || (lines[i] as string).trim() === '')) i++;
  if (python) {
    if (!/^[rRuU]?("""|''')/.test((lines[i] ?? '').trim())) return undefined;
    return docstringAfter(['x:', ...lines], 0, Math.min(lines.length, i + 60));
  }
  const out: string[] = [];
  if (/^\s*\/\*/.test(lines[i] ?? '')) {
    for (; i < lines.length; i++) {
      out.push(lines[i] as string);
      if (/\*\//.test(lines[i] as string)) break;
    }
  } else for (; i < lines.length && /^\s*\/\//.test(lines[i] as string); i++) out.push(lines[i] as string);
  const text = cleanComment(out.join('\n'));
  return text === '' ? undefined : text.slice(0, 600);
}

function cleanComment(text: string): string {
  return text
    .replace(/\/\*\*?|\*\/|^\s*\*|^\s*\/\/+/gm, ' ')
    .replace(/@(?:param|returns?|type|typedef|see|throws|example)\b[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The content with string literals and comments blanked out (newlines kept, so lines still
 * line up): identifiers inside a message or a comment are not code.
 */
export function stripStringsAndComments(content: string, python: boolean): string {
  const pattern = python ? PYTHON_NOISE : JS_NOISE;
  return content.replace(pattern, (match) => {
    // A key or a command name in quotes ('upgrade-interactive', "naturalsize") is vocabulary of
    // the code; a message (it has spaces) or a comment is not.
    const key = /^[rRbBuU]?(['"])([A-Za-z_][\w@.:/-]{1,40})\1$/.exec(match);
    if (key) return ` ${(key[2] as string).replace(/[@.:/-]/g, ' ')} `.padEnd(match.length, ' ');
    return match.replace(/[^\n]/g, ' ');
  });
}

const JS_NOISE = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\[\s\S]|[^`\\])*`/g;
const PYTHON_NOISE = /#[^\n]*|[rRbBuUfF]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/g;
