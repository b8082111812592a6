/**
 * A small JavaScript/TypeScript tokenizer that knows just enough (comments, strings, template
 * literals, regular expressions, braces) to find import statements without loading a parser:
 * loading typescript-estree costs more than the whole pre-commit budget. Anything it cannot
 * tokenize with confidence throws `LexError`, and the caller falls back to the real parser.
 */

export type TokenType = 'id' | 'num' | 'str' | 'tpl' | 'regex' | 'punct' | 'eof';

export interface Token {
  type: TokenType;
  /** Identifier name, string/complete-template content, or the punctuation character. */
  value: string;
  line: number;
  /** False for a template literal with `${}` parts (not a static string). */
  complete: boolean;
}

export class LexError extends Error {}

const regexAfterKeyword = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

interface LexerState {
  pos: number;
  line: number;
  last: Token | null;
  depth: number;
  templates: number[];
}

export class JsLexer {
  private pos = 0;
  private line = 1;
  private last: Token | null = null;
  /** Brace depth, and the depths at which `${` opened a template substitution. */
  private depth = 0;
  private templates: number[] = [];

  constructor(private readonly src: string) {}

  save(): LexerState {
    return { pos: this.pos, line: this.line, last: this.last, depth: this.depth, templates: [...this.templates] };
  }

  restore(state: LexerState): void {
    Object.assign(this, { ...state, templates: [...state.templates] });
  }

  next(): Token {
    const token = this.read();
    if (token.type !== 'eof') this.last = token;
    return token;
  }

  private read(): Token {
    this.skipTrivia();
    const src = this.src;
    if (this.pos >= src.length) return this.token('eof', '');
    const c = src[this.pos] as string;
    if (/[A-Za-z_$\u0080-\uffff]/.test(c)) return this.token('id', this.take(/[\w$\u0080-\uffff]/));
    if (/[0-9]/.test(c)) return this.token('num', this.take(/[\w.]/));
    if (c === '"' || c === "'") return this.readString(c);
    if (c === '`') {
      this.pos++;
      return this.readTemplate();
    }
    if (c === '}' && this.templates.length > 0 && this.templates[this.templates.length - 1] === this.depth) {
      this.templates.pop();
      this.pos++;
      return this.readTemplate();
    }
    this.pos++;
    if (c === '{') this.depth++;
    if (c === '}') this.depth--;
    // `</` opens a JSX closing tag (`</p>`), never a regular expression.
    if (c === '/' && src[this.pos - 2] !== '<' && this.regexAllowed()) return this.readRegex();
    return this.token('punct', c);
  }

  private token(type: TokenType, value: string, complete = true, line = this.line): Token {
    return { type, value, line, complete };
  }

  private take(re: RegExp): string {
    const start = this.pos;
    while (this.pos < this.src.length && re.test(this.src[this.pos] as string)) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private skipTrivia(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (c === '\n') {
        this.line++;
        this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff' || c === '\u00a0') {
        this.pos++;
      } else if (c === '/' && src[this.pos + 1] === '/') {
        const end = src.indexOf('\n', this.pos);
        this.pos = end === -1 ? src.length : end;
      } else if (c === '/' && src[this.pos + 1] === '*') {
        const end = src.indexOf('*/', this.pos + 2);
        if (end === -1) throw new LexError('unterminated comment');
        this.countLines(this.pos, end);
        this.pos = end + 2;
      } else if (c === '#' && this.pos === 0 && src[1] === '!') {
        const end = src.indexOf('\n');
        this.pos = end === -1 ? src.length : end;
      } else {
        return;
      }
    }
  }

  private countLines(from: number, to: number): void {
    for (let i = from; i < to; i++) if (this.src[i] === '\n') this.line++;
  }

  private readString(quote: string): Token {
    const line = this.line;
    let value = '';
    for (let i = this.pos + 1; i < this.src.length; i++) {
      const c = this.src[i] as string;
      if (c === quote) {
        this.pos = i + 1;
        return this.token('str', value, true, line);
      }
      if (c === '\n') throw new LexError('unterminated string');
      if (c === '\\') {
        const escaped = this.src[++i];
        if (escaped === '\n') this.line++;
        else if (escaped !== '\r') value += escaped ?? '';
        continue;
      }
      value += c;
    }
    throw new LexError('unterminated string');
  }

  /** Reads template text up to its end or the next `${`, starting just after "`" or "}". */
  private readTemplate(): Token {
    const line = this.line;
    let value = '';
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i] as string;
      if (c === '`') {
        this.pos = i + 1;
        return this.token('tpl', value, true, line);
      }
      if (c === '$' && this.src[i + 1] === '{') {
        this.pos = i + 2;
        this.templates.push(this.depth);
        return this.token('tpl', value, false, line);
      }
      if (c === '\n') this.line++;
      if (c === '\\') {
        if (this.src[i + 1] === '\n') this.line++;
        i++;
        continue;
      }
      value += c;
    }
    throw new LexError('unterminated template literal');
  }

  private regexAllowed(): boolean {
    const last = this.last;
    if (!last) return true;
    if (last.type === 'id') return regexAfterKeyword.has(last.value);
    if (last.type === 'punct') return !(last.value === ')' || last.value === ']' || last.value === '}');
    return false;
  }

  private readRegex(): Token {
    let inClass = false;
    for (let i = this.pos; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\n') throw new LexError('unterminated regular expression');
      if (c === '\\') {
        i++;
      } else if (c === '[') {
        inClass = true;
      } else if (c === ']') {
        inClass = false;
      } else if (c === '/' && !inClass) {
        this.pos = i + 1;
        this.take(/[a-z]/);
        return this.token('regex', '');
      }
    }
    throw new LexError('unterminated regular expression');
  }
}
