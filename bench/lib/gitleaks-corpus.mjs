// The test cases of gitleaks' own rules, as a corpus for br-guard's secrets benchmark.
// gitleaks builds each default rule in cmd/generate/config/rules/*.go and checks it against true
// positives (`tps`) and false positives (`fps`) built in the same function, mostly by helpers
// (utils.GenerateSampleSecrets: one secret in ~27 file forms; secrets.NewSecret: a random string
// matching a regex). Those samples are evaluated here, at bench time, from the Go source of a
// gitleaks checkout: a small interpreter of the Go subset the rule files use (strings, `+`,
// slices, maps, append, locals, package-level vars, for/if, fmt.Sprintf, strings.*, base64, the
// utils generators ported from utils/*.go) and a seeded port of the regex sampler gitleaks uses
// (lucasjones/reggen over Go's regexp/syntax, Generate(1)). Nothing is copied from br-guard and no
// sample is hard-coded: the corpus is whatever that gitleaks commit tests.
// A rule function whose samples cannot be evaluated is listed in `skipped` with the reason.
import { execFileSync } from 'node:child_process';
import { seeded } from './seeded-random.mjs';

const RULES_DIR = 'cmd/generate/config/rules';

/**
 * Evaluates every rule function of the gitleaks checkout in `gitDir` (a bare git dir; HEAD is read).
 * Returns the rules' samples, with `.skipped` (functions not evaluated) and `.commit` on the array.
 * Entries: { rule, fn, file, regex?, secretGroup?, tps: string[], tpForms: string[], fps: string[],
 * tpPaths?, fpPaths? }: tpForms names the GenerateSampleSecrets template of each tp ('other' when
 * written out or built otherwise in the function); paths only for rules validated with file paths, aligned with tps/fps.
 */
export async function gitleaksCorpus(gitDir, { seed = 1 } = {}) {
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const commit = git('rev-parse', 'HEAD').trim();
  const files = git('ls-tree', '--name-only', `HEAD:${RULES_DIR}`)
    .split('\n')
    .filter((name) => name.endsWith('.go') && !name.endsWith('_test.go'))
    .sort();
  readUtils((path) => git('show', `HEAD:${path}`));
  const program = new Program(seeded(seed));
  for (const name of files) program.load(name, git('show', `HEAD:${RULES_DIR}/${name}`));
  const corpus = [];
  const skipped = [];
  for (const fn of program.ruleFunctions()) {
    try {
      const records = program.runRule(fn);
      if (!records.length) {
        skipped.push({ fn: fn.name, file: fn.file, reason: 'no utils.Validate call (no test cases in the function)' });
        continue;
      }
      for (const record of records) corpus.push({ ...record, fn: fn.name, file: fn.file });
    } catch (error) {
      skipped.push({ fn: fn.name, file: fn.file, reason: String(error?.message ?? error) });
    }
  }
  corpus.skipped = skipped;
  corpus.commit = commit;
  return corpus;
}

// ---------------------------------------------------------------------------------------------
// Go tokenizer (with the automatic semicolons of the Go spec).

// prettier-ignore
const OPS = [
  '...', '&&=', '&^=', '<<=', '>>=', ':=', '==', '!=', '<=', '>=', '&&', '||', '<-', '++', '--', '+=', '-=',
  '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '&^', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=',
  '!', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '~',
];

function tokenize(src, file) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const semi = () => {
    const last = tokens[tokens.length - 1];
    if (!last) return false;
    if (['ident', 'int', 'float', 'string', 'char'].includes(last.t)) return true;
    return last.t === 'op' && [')', ']', '}', '++', '--'].includes(last.v);
  };
  const push = (t, v) => tokens.push({ t, v, line, file });
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      if (semi()) push(';', '\n');
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const body = src.slice(i, end + 2);
      const newlines = body.split('\n').length - 1;
      if (newlines && semi()) push(';', '\n');
      line += newlines;
      i = end + 2;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_]/.test(src[j])) j++;
      push('ident', src.slice(i, j));
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i;
      while (j < src.length && /[0-9a-fA-FxXoObB_.]/.test(src[j])) j++;
      const text = src.slice(i, j).replace(/_/g, '');
      push(text.includes('.') ? 'float' : 'int', Number(text));
      i = j;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const body = src.slice(i + 1, end).replace(/\r/g, '');
      push('string', body);
      line += body.split('\n').length - 1;
      i = end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let out = '';
      while (src[j] !== c) {
        if (src[j] === '\\') {
          const [value, next] = goEscape(src, j, c);
          out += value;
          j = next;
        } else out += src[j++];
      }
      if (c === '"') push('string', out);
      else push('char', out.codePointAt(0));
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Error(`${file}:${line}: unexpected character ${JSON.stringify(c)}`);
    push(op === ';' ? ';' : 'op', op);
    i += op.length;
  }
  if (semi()) push(';', '\n');
  push('eof', null);
  return tokens;
}

/** One escape of an interpreted string or rune literal at src[j] (a backslash): [text, next index]. */
function goEscape(src, j, quote) {
  const e = src[j + 1];
  const simple = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (e in simple) return [simple[e], j + 2];
  if (e === quote) return [quote, j + 2];
  if (e === 'x') return [String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)), j + 4];
  if (e === 'u') return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 6), 16)), j + 6];
  if (e === 'U') return [String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16)), j + 10];
  if (/[0-7]/.test(e)) return [String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8)), j + 4];
  throw new Error(`unknown escape \\${e}`);
}

// ---------------------------------------------------------------------------------------------
// Parser: the subset of Go the rule files use, into plain AST objects.

class Parser {
  constructor(tokens) {
    this.tokens = tokens;
    this.pos = 0;
    this.noLit = 0;
  }
  get tok() {
    return this.tokens[this.pos];
  }
  peek(n = 1) {
    return this.tokens[this.pos + n];
  }
  is(v, t = 'op') {
    return this.tok.t === t && (t === ';' || this.tok.v === v);
  }
  isKw(v) {
    return this.tok.t === 'ident' && this.tok.v === v;
  }
  next() {
    return this.tokens[this.pos++];
  }
  expect(v, t = 'op') {
    if (!this.is(v, t)) this.fail(`expected ${v}`);
    return this.next();
  }
  fail(message) {
    const { file, line, v } = this.tok;
    throw new Error(`${file}:${line}: ${message}, found ${JSON.stringify(v)}`);
  }
  skipSemis() {
    while (this.tok.t === ';') this.next();
  }

  file() {
    const imports = new Map();
    const decls = [];
    this.skipSemis();
    if (this.isKw('package')) {
      this.next();
      this.next();
    }
    this.skipSemis();
    while (this.isKw('import')) {
      this.next();
      const one = () => {
        let alias = null;
        if (this.tok.t === 'ident' || this.is('.') || this.is('_')) alias = this.next().v;
        const path = this.next().v;
        imports.set(alias ?? path.split('/').pop(), path);
      };
      if (this.is('(')) {
        this.next();
        this.skipSemis();
        while (!this.is(')')) {
          one();
          this.skipSemis();
        }
        this.next();
      } else one();
      this.skipSemis();
    }
    while (this.tok.t !== 'eof') {
      if (this.isKw('func')) decls.push(this.funcDecl());
      else if (this.isKw('var') || this.isKw('const')) decls.push(...this.varDecl().specs.map((s) => ({ kind: 'var', ...s })));
      else if (this.isKw('type')) this.skipBalancedUntilSemi();
      else this.fail('unexpected top-level token');
      this.skipSemis();
    }
    return { imports, decls };
  }
  skipBalancedUntilSemi() {
    let depth = 0;
    while (!(depth === 0 && this.tok.t === ';') && this.tok.t !== 'eof') {
      if (['(', '[', '{'].includes(this.tok.v) && this.tok.t === 'op') depth++;
      if ([')', ']', '}'].includes(this.tok.v) && this.tok.t === 'op') depth--;
      this.next();
    }
  }
  funcDecl() {
    const at = this.tok;
    this.expect('func', 'ident');
    if (this.is('(')) this.fail('methods are not supported');
    const name = this.next().v;
    this.expect('(');
    const params = [];
    let depth = 0;
    let entry = [];
    const flush = () => {
      if (entry.length) params.push(entry[0].v);
      entry = [];
    };
    while (!(depth === 0 && this.is(')'))) {
      if (this.is('(') || this.is('[') || this.is('{')) depth++;
      if (this.is(')') || this.is(']') || this.is('}')) depth--;
      if (depth === 0 && this.is(',')) {
        flush();
        this.next();
        continue;
      }
      entry.push(this.next());
    }
    flush();
    // `(a, b string)`: every name of a group is a parameter; the type follows the last one.
    this.next();
    let result = '';
    while (!this.is('{')) result += `${this.next().v}`;
    const body = this.block();
    return { kind: 'func', name, params, result, body, file: at.file, line: at.line };
  }
  block() {
    this.expect('{');
    const stmts = [];
    this.skipSemis();
    while (!this.is('}')) {
      stmts.push(this.stmt());
      if (!this.is('}')) this.expect(';', ';');
      this.skipSemis();
    }
    this.next();
    return stmts;
  }
  varDecl() {
    const kw = this.next().v;
    const specs = [];
    const spec = () => {
      const names = [this.next().v];
      while (this.is(',')) {
        this.next();
        names.push(this.next().v);
      }
      let type = null;
      if (!this.is('=') && this.tok.t !== ';' && !this.is(')')) type = this.type();
      let values = null;
      if (this.is('=')) {
        this.next();
        values = this.exprList();
      }
      specs.push({ names, type, values, line: this.tok.line, file: this.tok.file });
    };
    if (this.is('(')) {
      this.next();
      this.skipSemis();
      while (!this.is(')')) {
        spec();
        this.skipSemis();
      }
      this.next();
    } else spec();
    return { kind: kw, specs };
  }
  stmt() {
    const t = this.tok;
    if (t.t === 'ident') {
      switch (t.v) {
        case 'var':
        case 'const':
          return this.varDecl();
        case 'return': {
          this.next();
          const values = this.tok.t === ';' || this.is('}') ? [] : this.exprList();
          return { kind: 'return', values };
        }
        case 'break':
        case 'continue':
          this.next();
          return { kind: t.v };
        case 'if':
          return this.ifStmt();
        case 'for':
          return this.forStmt();
        case 'switch':
        case 'go':
        case 'defer':
        case 'select':
        case 'goto':
          this.fail(`statement ${t.v} is not supported`);
      }
    }
    if (this.is('{')) return { kind: 'block', body: this.block() };
    return this.simpleStmt();
  }
  simpleStmt() {
    const lhs = this.exprList();
    if (this.is(':=') || this.is('=')) {
      const op = this.next().v;
      if (this.isKw('range')) {
        this.next();
        return { kind: 'range', lhs, define: op === ':=', expr: this.expr() };
      }
      return { kind: 'assign', op, lhs, rhs: this.exprList() };
    }
    if (this.tok.t === 'op' && /^[-+*/%&|^]=$|^<<=$|^>>=$/.test(this.tok.v)) {
      const op = this.next().v;
      return { kind: 'assign', op, lhs, rhs: this.exprList() };
    }
    if (this.is('++') || this.is('--')) return { kind: 'incdec', op: this.next().v, target: lhs[0] };
    return { kind: 'expr', expr: lhs[0] };
  }
  ifStmt() {
    this.next();
    this.noLit++;
    let init = null;
    let cond = this.simpleStmt();
    if (this.tok.t === ';') {
      this.next();
      init = cond;
      cond = this.simpleStmt();
    }
    this.noLit--;
    const then = this.block();
    let otherwise = null;
    if (this.isKw('else')) {
      this.next();
      otherwise = this.isKw('if') ? [this.ifStmt()] : this.block();
    }
    return { kind: 'if', init, cond: cond.expr, then, otherwise };
  }
  forStmt() {
    this.next();
    if (this.is('{')) return { kind: 'for', body: this.block() };
    this.noLit++;
    let init = null;
    let cond = null;
    let post = null;
    if (this.isKw('range')) {
      this.next();
      const expr = this.expr();
      this.noLit--;
      return { kind: 'for', range: { kind: 'range', lhs: [], define: false, expr }, body: this.block() };
    }
    const first = this.tok.t === ';' ? null : this.simpleStmt();
    if (first?.kind === 'range') {
      this.noLit--;
      return { kind: 'for', range: first, body: this.block() };
    }
    if (this.tok.t === ';') {
      this.next();
      init = first;
      cond = this.tok.t === ';' ? null : this.expr();
      this.expect(';', ';');
      post = this.is('{') ? null : this.simpleStmt();
    } else cond = first.expr;
    this.noLit--;
    return { kind: 'for', init, cond, post, body: this.block() };
  }
  exprList() {
    const list = [this.expr()];
    while (this.is(',')) {
      this.next();
      list.push(this.expr());
    }
    return list;
  }
  expr(prec = 1) {
    const PREC = {
      '||': 1,
      '&&': 2,
      '==': 3,
      '!=': 3,
      '<': 3,
      '<=': 3,
      '>': 3,
      '>=': 3,
      '+': 4,
      '-': 4,
      '|': 4,
      '^': 4,
      '*': 5,
      '/': 5,
      '%': 5,
      '<<': 5,
      '>>': 5,
      '&': 5,
      '&^': 5,
    };
    let left = this.unary();
    for (;;) {
      const p = this.tok.t === 'op' ? PREC[this.tok.v] : undefined;
      if (!p || p < prec) return left;
      const op = this.next().v;
      const right = this.expr(p + 1);
      left = { kind: 'binary', op, left, right };
    }
  }
  unary() {
    if (this.tok.t === 'op' && ['+', '-', '!', '^', '*', '&', '<-'].includes(this.tok.v)) {
      const op = this.next().v;
      return { kind: 'unary', op, operand: this.unary() };
    }
    return this.primary();
  }
  type() {
    if (this.is('[')) {
      this.next();
      let len = null;
      if (!this.is(']')) len = this.is('...') ? this.next().v : this.expr();
      this.expect(']');
      return { kind: 'type', type: 'slice', elem: this.type(), len };
    }
    if (this.isKw('map')) {
      this.next();
      this.expect('[');
      const key = this.type();
      this.expect(']');
      return { kind: 'type', type: 'map', key, elem: this.type() };
    }
    if (this.is('*')) {
      this.next();
      return { kind: 'type', type: 'pointer', elem: this.type() };
    }
    if (this.isKw('func') || this.isKw('struct') || this.isKw('interface') || this.isKw('chan')) this.fail('type not supported');
    let name = this.next().v;
    if (this.is('.')) {
      this.next();
      name += `.${this.next().v}`;
    }
    return { kind: 'type', type: 'named', name };
  }
  primary() {
    let x;
    const t = this.tok;
    if (t.t === 'string' || t.t === 'int' || t.t === 'float' || t.t === 'char') {
      this.next();
      x = { kind: 'lit', value: t.t === 'char' ? t.v : t.v, rune: t.t === 'char' };
    } else if (this.is('(')) {
      this.next();
      this.noLit++;
      const saved = this.noLit;
      this.noLit = 0;
      x = this.expr();
      this.noLit = saved - 1;
      this.expect(')');
    } else if (this.is('[') || this.isKw('map')) {
      x = this.type();
    } else if (this.isKw('func')) {
      this.fail('function literals are not supported');
    } else if (t.t === 'ident') {
      this.next();
      x = { kind: 'ident', name: t.v, line: t.line, file: t.file };
    } else if (this.is('{')) {
      x = null; // an element of a composite literal with its type elided
      return this.compositeLit(null);
    } else this.fail('unexpected token in expression');
    for (;;) {
      if (this.is('.')) {
        this.next();
        if (this.is('(')) this.fail('type assertions are not supported');
        x = { kind: 'selector', x, name: this.next().v, line: this.tok.line, file: this.tok.file };
      } else if (this.is('(')) {
        this.next();
        const args = [];
        let spread = false;
        const saved = this.noLit;
        this.noLit = 0;
        this.skipSemis();
        while (!this.is(')')) {
          args.push(this.expr());
          if (this.is('...')) {
            this.next();
            spread = true;
          }
          if (this.is(',')) this.next();
          this.skipSemis();
        }
        this.noLit = saved;
        this.next();
        x = { kind: 'call', fn: x, args, spread, line: t.line, file: t.file };
      } else if (this.is('[')) {
        this.next();
        const lo = this.is(':') ? null : this.expr();
        if (this.is(':')) {
          this.next();
          const hi = this.is(']') ? null : this.expr();
          this.expect(']');
          x = { kind: 'slice', x, lo, hi };
        } else {
          this.expect(']');
          x = { kind: 'index', x, index: lo };
        }
      } else if (this.is('{') && (x.kind === 'type' || (this.noLit === 0 && isTypeName(x)))) {
        x = this.compositeLit(x);
      } else return x;
    }
  }
  compositeLit(type) {
    this.expect('{');
    const saved = this.noLit;
    this.noLit = 0;
    const elems = [];
    this.skipSemis();
    while (!this.is('}')) {
      let key = null;
      let value = this.is('{') ? this.compositeLit(null) : this.expr();
      if (this.is(':')) {
        this.next();
        key = value;
        value = this.is('{') ? this.compositeLit(null) : this.expr();
      }
      elems.push({ key, value });
      if (this.is(',')) this.next();
      this.skipSemis();
    }
    this.next();
    this.noLit = saved;
    return { kind: 'composite', type, elems };
  }
}

function isTypeName(x) {
  return x.kind === 'ident' || (x.kind === 'selector' && x.x.kind === 'ident');
}

// ---------------------------------------------------------------------------------------------
// Evaluator.

class GoError extends Error {}
const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

class Return {
  constructor(values) {
    this.values = values;
  }
}

/** A struct field that failed to evaluate: an error only when it is read. */
class Poison {
  constructor(error) {
    this.error = error;
  }
}

class GoRegexp {
  constructor(source) {
    this.source = source;
  }
}

class Scope {
  constructor(parent) {
    this.parent = parent;
    this.vars = new Map();
  }
  lookup(name) {
    if (this.vars.has(name)) return this;
    return this.parent ? this.parent.lookup(name) : null;
  }
  get(name) {
    const s = this.lookup(name);
    if (!s) throw new GoError(`undefined: ${name}`);
    return s.vars.get(name);
  }
  set(name, value) {
    const s = this.lookup(name);
    if (!s) throw new GoError(`assignment to undefined ${name}`);
    s.vars.set(name, value);
  }
  define(name, value) {
    if (name !== '_') this.vars.set(name, value);
  }
}

const RANGE_END = 0x10ffff;

class Program {
  constructor(random) {
    this.random = random;
    this.funcs = new Map();
    this.globals = new Map(); // name -> { spec, index, file imports, value?, state }
    this.imports = new Map(); // file -> import map
    this.records = null;
    this.stack = [];
    /** Sample text → the helper form that made it, to say which forms a detector misses. */
    this.forms = new Map();
  }
  load(file, src) {
    const ast = new Parser(tokenize(src, file)).file();
    this.imports.set(file, ast.imports);
    for (const decl of ast.decls) {
      if (decl.kind === 'func') this.funcs.set(decl.name, { ...decl, file });
      else decl.names.forEach((name, index) => this.globals.set(name, { decl, index, file, state: 'new' }));
    }
  }
  ruleFunctions() {
    return [...this.funcs.values()].filter((f) => f.params.length === 0 && /config\.Rule/.test(f.result));
  }
  runRule(fn) {
    this.records = [];
    this.top = fn.name;
    this.call(fn, []);
    const records = this.records;
    this.records = null;
    return records;
  }
  global(name) {
    const g = this.globals.get(name);
    if (!g) return undefined;
    if (g.state === 'done') return g;
    if (g.state === 'busy') throw new GoError(`initialisation cycle at ${name}`);
    g.state = 'busy';
    const values = g.decl.values ? this.evalList(g.decl.values, new Scope(null), g.file) : [];
    g.value = values.length === 1 && g.decl.names.length > 1 ? values[0][g.index] : values[g.index];
    if (g.value === undefined) g.value = zeroValue(g.decl.type);
    g.state = 'done';
    return g;
  }
  call(fn, args) {
    const scope = new Scope(null);
    fn.params.forEach((p, i) => scope.define(p, args[i]));
    this.stack.push(fn.name);
    try {
      const out = this.execBlock(fn.body, scope, fn.file);
      if (out instanceof Return) return out.values.length === 1 ? out.values[0] : out.values;
      return undefined;
    } finally {
      this.stack.pop();
    }
  }
  execBlock(stmts, parent, file) {
    const scope = new Scope(parent);
    for (const s of stmts) {
      const out = this.exec(s, scope, file);
      if (out !== undefined) return out;
    }
    return undefined;
  }
  exec(s, scope, file) {
    switch (s.kind) {
      case 'var':
      case 'const':
        for (const spec of s.specs) {
          const values = spec.values ? this.evalList(spec.values, scope, file) : [];
          spec.names.forEach((n, i) => scope.define(n, values.length ? tupleAt(values, i, spec.names.length) : zeroValue(spec.type)));
        }
        return undefined;
      case 'assign': {
        const values = this.evalList(s.rhs, scope, file);
        s.lhs.forEach((target, i) => {
          let value = tupleAt(values, i, s.lhs.length);
          if (s.op !== '=' && s.op !== ':=') value = binary(s.op.slice(0, -1), this.eval(target, scope, file), value);
          if (s.op === ':=') {
            if (target.kind !== 'ident') throw new GoError(':= to a non-identifier');
            scope.define(target.name, value);
          } else this.assign(target, value, scope, file);
        });
        return undefined;
      }
      case 'incdec':
        this.assign(s.target, this.eval(s.target, scope, file) + (s.op === '++' ? 1 : -1), scope, file);
        return undefined;
      case 'expr':
        this.eval(s.expr, scope, file);
        return undefined;
      case 'return':
        return new Return(this.evalList(s.values, scope, file));
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'block':
        return this.execBlock(s.body, scope, file);
      case 'if': {
        const inner = new Scope(scope);
        if (s.init) this.exec(s.init, inner, file);
        if (this.eval(s.cond, inner, file)) return this.execBlock(s.then, inner, file);
        if (s.otherwise) return this.execBlock(s.otherwise, inner, file);
        return undefined;
      }
      case 'for':
        return this.execFor(s, scope, file);
      default:
        throw new GoError(`statement ${s.kind} not supported`);
    }
  }
  execFor(s, scope, file) {
    const inner = new Scope(scope);
    let guard = 0;
    const step = (body) => {
      if (++guard > 100_000) throw new GoError('loop ran over 100,000 iterations');
      const out = this.execBlock(body, inner, file);
      if (out === BREAK) return 'break';
      if (out instanceof Return) return out;
      return undefined;
    };
    if (s.range) {
      const target = this.eval(s.range.expr, inner, file);
      const entries =
        target instanceof Map
          ? [...target.entries()]
          : typeof target === 'string'
            ? [...target].map((c, i) => [i, c.codePointAt(0)])
            : target.map((v, i) => [i, v]);
      for (const [k, v] of entries) {
        const [kt, vt] = s.range.lhs;
        for (const [t, value] of [
          [kt, k],
          [vt, v],
        ]) {
          if (!t) continue;
          if (s.range.define) inner.define(t.name, value);
          else this.assign(t, value, inner, file);
        }
        const out = step(s.body);
        if (out === 'break') break;
        if (out) return out;
      }
      return undefined;
    }
    if (s.init) this.exec(s.init, inner, file);
    while (!s.cond || this.eval(s.cond, inner, file)) {
      const out = step(s.body);
      if (out === 'break') break;
      if (out) return out;
      if (s.post) this.exec(s.post, inner, file);
    }
    return undefined;
  }
  assign(target, value, scope, file) {
    if (target.kind === 'ident') {
      if (target.name === '_') return;
      if (scope.lookup(target.name)) scope.set(target.name, value);
      else if (this.globals.has(target.name)) this.global(target.name).value = value;
      else throw new GoError(`assignment to undefined ${target.name}`);
    } else if (target.kind === 'index') {
      const container = this.eval(target.x, scope, file);
      const key = this.eval(target.index, scope, file);
      if (container instanceof Map) container.set(key, value);
      else container[key] = value;
    } else if (target.kind === 'selector') {
      this.eval(target.x, scope, file)[target.name] = value;
    } else throw new GoError(`cannot assign to ${target.kind}`);
  }
  evalList(list, scope, file) {
    return list.map((e) => this.eval(e, scope, file));
  }
  eval(e, scope, file) {
    switch (e.kind) {
      case 'lit':
        return e.value;
      case 'ident': {
        if (e.name === 'nil') return null;
        if (e.name === 'true') return true;
        if (e.name === 'false') return false;
        if (scope.lookup(e.name)) return scope.get(e.name);
        const g = this.global(e.name);
        if (g) return g.value;
        if (this.funcs.has(e.name)) return { goFunc: this.funcs.get(e.name) };
        throw new GoError(`undefined: ${e.name}`);
      }
      case 'binary': {
        if (e.op === '&&') return this.eval(e.left, scope, file) && this.eval(e.right, scope, file);
        if (e.op === '||') return this.eval(e.left, scope, file) || this.eval(e.right, scope, file);
        return binary(e.op, this.eval(e.left, scope, file), this.eval(e.right, scope, file));
      }
      case 'unary': {
        const v = this.eval(e.operand, scope, file);
        if (e.op === '&' || e.op === '*' || e.op === '+') return v;
        if (e.op === '-') return -v;
        if (e.op === '!') return !v;
        throw new GoError(`unary ${e.op} not supported`);
      }
      case 'composite':
        return this.composite(e, scope, file, null);
      case 'index': {
        const c = this.eval(e.x, scope, file);
        const k = this.eval(e.index, scope, file);
        if (c instanceof Map) return c.has(k) ? c.get(k) : undefined;
        if (typeof c === 'string') return c.charCodeAt(k);
        if (k < 0 || k >= c.length) throw new GoError('index out of range');
        return c[k];
      }
      case 'slice': {
        const c = this.eval(e.x, scope, file);
        return c.slice(e.lo ? this.eval(e.lo, scope, file) : 0, e.hi ? this.eval(e.hi, scope, file) : undefined);
      }
      case 'selector':
        return this.selector(e, scope, file);
      case 'call':
        return this.callExpr(e, scope, file);
      case 'type':
        return { goType: e };
      default:
        throw new GoError(`expression ${e.kind} not supported`);
    }
  }
  packageOf(x, scope, file) {
    if (x.kind !== 'ident' || scope.lookup(x.name) || this.globals.has(x.name)) return null;
    return this.imports.get(file)?.get(x.name) ?? null;
  }
  selector(e, scope, file) {
    const pkg = this.packageOf(e.x, scope, file);
    if (pkg) return this.packageMember(pkg, e.name);
    const v = this.eval(e.x, scope, file);
    if (v instanceof Poison) throw v.error;
    if (v && typeof v === 'object' && e.name in v) {
      const field = v[e.name];
      if (field instanceof Poison) throw field.error;
      return field;
    }
    if (v && typeof v === 'object' && v.__type) return { method: e.name, recv: v };
    if (v instanceof GoRegexp || (v && v.base64)) return { method: e.name, recv: v };
    if (v && typeof v === 'object' && v.__type === undefined && !(v instanceof Map) && !Array.isArray(v)) return undefined;
    throw new GoError(`selector .${e.name} on ${describe(v)}`);
  }
  packageMember(pkg, name) {
    const short = pkg.split('/').pop();
    const key = `${short}.${name}`;
    if (short === 'base64' && /Encoding$/.test(name)) return { base64: name };
    if (short === 'config' && /^AllowlistMatch/.test(name)) return name;
    if (key in BUILTINS) return { builtin: key };
    throw new GoError(`${key} is not supported`);
  }
  callExpr(e, scope, file) {
    // Conversions: []byte(s), string(b), and named types.
    if (
      e.fn.kind === 'type' ||
      (e.fn.kind === 'ident' && ['string', 'int', 'byte', 'rune', 'float64', 'int64'].includes(e.fn.name) && !scope.lookup(e.fn.name))
    ) {
      const v = this.eval(e.args[0], scope, file);
      if (e.fn.kind === 'ident' && e.fn.name === 'string' && typeof v === 'number') return String.fromCodePoint(v);
      return v;
    }
    if (e.fn.kind === 'ident' && !scope.lookup(e.fn.name) && !this.globals.has(e.fn.name) && !this.funcs.has(e.fn.name)) {
      return this.goBuiltin(e, scope, file);
    }
    const fn = this.eval(e.fn, scope, file);
    let args = this.evalList(e.args, scope, file);
    if (e.spread) args = [...args.slice(0, -1), ...args[args.length - 1]];
    if (fn?.goFunc) return this.call(fn.goFunc, args);
    if (fn?.builtin) return BUILTINS[fn.builtin].call(this, ...args);
    if (fn?.method) return this.method(fn.recv, fn.method, args);
    throw new GoError(`cannot call ${describe(fn)}`);
  }
  goBuiltin(e, scope, file) {
    const name = e.fn.name;
    const args = this.evalList(e.args, scope, file);
    switch (name) {
      case 'append': {
        const [base, ...rest] = args;
        const extra = e.spread ? [...rest.slice(0, -1), ...rest[rest.length - 1]] : rest;
        return [...(base ?? []), ...extra];
      }
      case 'len':
        return args[0] instanceof Map ? args[0].size : (args[0] ?? []).length;
      case 'make':
        return e.args[0].type === 'map' ? new Map() : [];
      case 'panic':
        throw new GoError(`panic: ${args[0]}`);
      default:
        throw new GoError(`builtin ${name} is not supported`);
    }
  }
  method(recv, name, args) {
    if (recv instanceof GoRegexp) {
      const re = jsRegExp(recv.source);
      if (name === 'MatchString') return re.test(args[0]);
      if (name === 'String') return recv.source;
      if (name === 'FindString') return args[0].match(re)?.[0] ?? '';
    }
    if (recv?.base64 && name === 'EncodeToString') return base64Encode(recv.base64, args[0]);
    if (recv?.__type === 'config.Allowlist' && name === 'ContainsStopWord') {
      // config/allowlist.go: lower-cased, the first stop word the secret contains.
      const s = args[0];
      if (!s) return [false, ''];
      const lower = s.toLowerCase();
      for (const word of recv.StopWords ?? []) if (lower.includes(word)) return [true, word];
      return [false, ''];
    }
    throw new GoError(`method ${name} on ${describe(recv)} is not supported`);
  }
  composite(e, scope, file, elided) {
    const type = e.type ?? elided;
    const elemType = type?.kind === 'type' && (type.type === 'slice' || type.type === 'map') ? type.elem : null;
    const evalValue = (v) =>
      v.kind === 'composite' && !v.type ? this.composite(v, scope, file, derefType(elemType)) : this.eval(v, scope, file);
    if (type?.kind === 'type' && type.type === 'map') {
      const map = new Map();
      for (const { key, value } of e.elems) map.set(this.eval(key, scope, file), evalValue(value));
      return map;
    }
    if (type?.kind === 'type' && type.type === 'slice') return e.elems.map(({ value }) => evalValue(value));
    const keyed = e.elems.some((el) => el.key);
    if (!keyed) return e.elems.map(({ value }) => evalValue(value));
    // A struct: fields evaluate independently, so a field this evaluator does not know (an
    // allowlist's options) fails only if it is read.
    const typeName = type?.kind === 'type' ? type.name : type ? typeText(type) : null;
    const struct = { __type: typeName };
    for (const { key, value } of e.elems) {
      if (key.kind !== 'ident') throw new GoError('struct literal with a non-field key');
      try {
        struct[key.name] = evalValue(value);
      } catch (error) {
        struct[key.name] = new Poison(error);
      }
    }
    return struct;
  }
  record(r, tps, fps, paths) {
    if (this.stack[this.stack.length - 1] !== this.top) return;
    if (r instanceof Poison) throw r.error;
    const id = r?.RuleID;
    if (id instanceof Poison) throw id.error;
    if (typeof id !== 'string' || !id) throw new GoError('rule without a RuleID');
    const entry = { rule: id };
    // The rule's own regex (Go syntax), for checking the samples; absent for path-only rules.
    if (r.Regex instanceof GoRegexp) entry.regex = r.Regex.source;
    if (typeof r.SecretGroup === 'number') entry.secretGroup = r.SecretGroup;
    if (paths) {
      entry.tpPaths = [...(tps ?? new Map()).keys()];
      entry.tps = [...(tps ?? new Map()).values()];
      entry.fpPaths = [...(fps ?? new Map()).keys()];
      entry.fps = [...(fps ?? new Map()).values()];
    } else {
      entry.tps = [...(tps ?? [])];
      entry.fps = [...(fps ?? [])];
    }
    for (const s of [...entry.tps, ...entry.fps]) if (typeof s !== 'string') throw new GoError(`sample is not a string: ${describe(s)}`);
    // Which helper form each true positive came from (a GenerateSampleSecrets template, or not).
    entry.tpForms = entry.tps.map((s) => this.forms.get(s) ?? 'other');
    this.records.push(entry);
  }
}

function derefType(t) {
  return t?.kind === 'type' && t.type === 'pointer' ? t.elem : t;
}

function typeText(x) {
  if (x.kind === 'ident') return x.name;
  if (x.kind === 'selector') return `${typeText(x.x)}.${x.name}`;
  return x.kind;
}

function zeroValue(type) {
  if (!type) return null;
  if (type.type === 'named' && type.name === 'string') return '';
  if (type.type === 'named' && ['int', 'int64', 'float64', 'byte', 'rune'].includes(type.name)) return 0;
  if (type.type === 'named' && type.name === 'bool') return false;
  return null;
}

function tupleAt(values, i, count) {
  if (values.length === 1 && count > 1) {
    if (!Array.isArray(values[0])) throw new GoError('multi-value assignment from a single value');
    return values[0][i];
  }
  return values[i];
}

function binary(op, a, b) {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return typeof a === 'number' && Number.isInteger(a) ? Math.trunc(a / b) : a / b;
    case '%':
      return a % b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      throw new GoError(`operator ${op} not supported`);
  }
}

function describe(v) {
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (typeof v === 'object') return v.__type ?? Object.keys(v).join(',');
  return typeof v;
}

function base64Encode(kind, s) {
  const bytes = Buffer.from(s, 'utf8');
  const url = kind.includes('URL');
  let out = bytes.toString(url ? 'base64url' : 'base64');
  if (url) out = out.replace(/=+$/, '');
  if (kind.startsWith('Raw')) out = out.replace(/=+$/, '');
  else if (url) out += '='.repeat((4 - (out.length % 4)) % 4);
  return out;
}

/** Go's strconv.Quote, for %q (ASCII and printable Unicode kept, the rest escaped). */
function goQuote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function sprintf(format, ...args) {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d*)(?:\.(\d+))?([%sqdvxXtc])/g, (whole, _flags, width, _prec, verb) => {
    if (verb === '%') return '%';
    const a = args[i++];
    let out;
    switch (verb) {
      case 's':
      case 'v':
        out = Array.isArray(a) ? `[${a.join(' ')}]` : a instanceof GoRegexp ? a.source : String(a);
        break;
      case 'q':
        out = goQuote(String(a));
        break;
      case 'd':
        out = String(Math.trunc(a));
        break;
      case 'x':
        out = typeof a === 'number' ? a.toString(16) : Buffer.from(a, 'utf8').toString('hex');
        break;
      case 'X':
        out = typeof a === 'number' ? a.toString(16).toUpperCase() : Buffer.from(a, 'utf8').toString('hex').toUpperCase();
        break;
      case 't':
        out = String(Boolean(a));
        break;
      case 'c':
        out = String.fromCodePoint(a);
        break;
      default:
        throw new GoError(`fmt verb %${verb} not supported`);
    }
    return width ? out.padStart(Number(width)) : out;
  });
}

// What utils/generate.go and utils/patterns.go define (the regex pieces, GenerateSampleSecrets'
// templates, the character-class helpers) is read from the checkout at bench time, not copied
// here: `readUtils` fills this before any rule function runs.
const utils = { constants: {}, templates: {}, patterns: {} };
const constant = (name) => {
  const value = utils.constants[name];
  if (value === undefined) throw new GoError(`utils constant ${name} not found in generate.go`);
  return value;
};

/** A Go string literal's value, through the tokenizer above. */
const goString = (literal) => tokenize(literal, 'literal')[0].v;
const STRING = String.raw`("(?:[^"\\\n]|\\.)*"|\x60[^\x60]*\x60)`;

/** Reads the constants, the sample templates and the pattern helpers of gitleaks' utils package. */
function readUtils(show) {
  const generate = show('cmd/generate/config/utils/generate.go');
  const block = /\nconst \(([\s\S]*?)\n\)/.exec(generate)?.[1] ?? '';
  for (const [, name, literal] of block.matchAll(new RegExp(String.raw`^\s*(\w+)\s*=\s*${STRING}`, 'gm')))
    utils.constants[name] = goString(literal);
  const samples = /samples := map\[string\]string\{([\s\S]*?)\n\t\}/.exec(generate)?.[1] ?? '';
  for (const [, key, value] of samples.matchAll(new RegExp(String.raw`^\s*${STRING}\s*:\s*${STRING},`, 'gm')))
    utils.templates[goString(key)] = goString(value);
  const patterns = show('cmd/generate/config/utils/patterns.go');
  for (const [, name, literal] of patterns.matchAll(
    new RegExp(String.raw`func (\w+)\(size string\) string \{\s*return fmt\.Sprintf\(${STRING}, size\)`, 'g'),
  ))
    utils.patterns[name] = (size) => goString(literal).replace('%s', size);
  for (const [, name, literal] of patterns.matchAll(new RegExp(String.raw`func (\w+)\(\) string \{\s*return ${STRING}`, 'g')))
    utils.patterns[name] = () => goString(literal);
  if (Object.keys(utils.templates).length < 10 || !utils.constants.secretSuffix || !utils.patterns.AlphaNumeric)
    throw new Error('gitleaks utils: generate.go or patterns.go no longer has the shape this bench reads');
}

/** The names of GenerateSampleSecrets' templates (after readUtils). */
export const sampleForms = () => Object.keys(utils.templates);

/** strings.NewReplacer semantics: one left-to-right pass, replacements are not re-scanned. */
function replaceOnce(template, pairs) {
  let out = '';
  for (let i = 0; i < template.length;) {
    const hit = pairs.find(([from]) => template.startsWith(from, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else out += template[i++];
  }
  return out;
}

const pattern =
  (name) =>
  (...args) => {
    const make = utils.patterns[name];
    if (!make) throw new GoError(`utils.${name} not found in patterns.go`);
    return make(...args);
  };

const BUILTINS = {
  'utils.Numeric': pattern('Numeric'),
  'utils.Hex': pattern('Hex'),
  'utils.AlphaNumeric': pattern('AlphaNumeric'),
  'utils.AlphaNumericExtendedShort': pattern('AlphaNumericExtendedShort'),
  'utils.AlphaNumericExtended': pattern('AlphaNumericExtended'),
  'utils.AlphaNumericExtendedLong': pattern('AlphaNumericExtendedLong'),
  'utils.Hex8_4_4_4_12': pattern('Hex8_4_4_4_12'),
  'utils.GenerateSemiGenericRegex': (identifiers, secretRegex, isCaseInsensitive) => {
    const c = constant;
    const ids = c('identifierPrefix') + identifiers.join('|') + c('identifierSuffix');
    const head = isCaseInsensitive
      ? c('caseInsensitive') + ids
      : c('identifierCaseInsensitivePrefix') + ids + c('identifierCaseInsensitiveSuffix');
    return new GoRegexp(head + c('operator') + c('secretPrefix') + secretRegex + c('secretSuffix'));
  },
  'utils.GenerateUniqueTokenRegex': (secretRegex, isCaseInsensitive) =>
    new GoRegexp(
      (isCaseInsensitive ? constant('caseInsensitive') : '') + constant('secretPrefixUnique') + secretRegex + constant('secretSuffix'),
    ),
  'utils.MergeRegexps': (...regexps) => new GoRegexp(regexps.map((r) => r.source).join('|')),
  'utils.GenerateSampleSecret': function (identifier, secret) {
    const sample = `${identifier}_api_token = "${secret}"`;
    if (!this.forms.has(sample)) this.forms.set(sample, 'GenerateSampleSecret');
    return sample;
  },
  'utils.GenerateSampleSecrets': function (identifier, secret) {
    const pairs = [
      ['{i}', identifier],
      ['{I}', identifier.toUpperCase()],
      ['{s}', secret],
    ];
    return Object.entries(utils.templates).map(([form, t]) => {
      const sample = replaceOnce(t, pairs);
      if (!this.forms.has(sample)) this.forms.set(sample, form);
      return sample;
    });
  },
  'utils.Validate': function (r, tps, fps) {
    this.record(r, tps, fps, false);
    return r;
  },
  'utils.ValidateWithPaths': function (r, tps, fps) {
    this.record(r, tps, fps, true);
    return r;
  },
  'secrets.NewSecret': function (regex) {
    return sampleRegex(regex, this.random);
  },
  'regexp.MustCompile': (source) => new GoRegexp(source),
  'fmt.Sprintf': sprintf,
  'strings.Repeat': (s, n) => s.repeat(n),
  'strings.ToUpper': (s) => s.toUpperCase(),
  'strings.ToLower': (s) => s.toLowerCase(),
  'strings.Join': (list, sep) => list.join(sep),
  'strings.ReplaceAll': (s, a, b) => s.split(a).join(b),
  'strings.TrimSpace': (s) => s.trim(),
  'strings.Contains': (s, sub) => s.includes(sub),
};

/** A JavaScript RegExp for the simple Go regexes the rule files test at generation time. */
function jsRegExp(source) {
  let flags = '';
  const js = source
    .replace(/^\(\?([ims]+)\)/, (_, f) => {
      flags += f;
      return '';
    })
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  return new RegExp(js, flags);
}

// ---------------------------------------------------------------------------------------------
// Regex sampler: a port of lucasjones/reggen as gitleaks' secrets.NewSecret calls it
// (Generate(1)), over a parser of the RE2 syntax that follows Go's regexp/syntax where it changes
// the output: case folding of classes under (?i) (adds the other case and U+017F ſ / U+212A K),
// literals under (?i) stored as their smallest fold (so `(?i)ab` gives "AB"), negated classes
// drawn from reggen's printable characters.

const PRINTABLE = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r';
const PRINTABLE_NO_NL = PRINTABLE.slice(0, -2);
const PERL = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};
const POSIX = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

function negate(ranges) {
  const sorted = normalize(ranges);
  const out = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= RANGE_END) out.push([next, RANGE_END]);
  return out;
}

function normalize(ranges) {
  const sorted = ranges.map((r) => [...r]).sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** The case-fold orbit of an ASCII letter in Go (unicode.SimpleFold), incl. ſ for s and K for k. */
function foldOrbit(c) {
  const ch = String.fromCharCode(c);
  if (!/[A-Za-z]/.test(ch)) return [c];
  const orbit = [ch.toUpperCase().charCodeAt(0), ch.toLowerCase().charCodeAt(0)];
  if (/[sS]/.test(ch)) orbit.push(0x17f);
  if (/[kK]/.test(ch)) orbit.push(0x212a);
  return orbit;
}

function foldRanges(ranges) {
  const out = [...ranges];
  for (const [lo, hi] of ranges) {
    for (let c = Math.max(lo, 0x41); c <= Math.min(hi, 0x7a); c++) for (const f of foldOrbit(c)) out.push([f, f]);
    if (lo <= 0x17f && hi >= 0x17f) out.push([0x53, 0x53], [0x73, 0x73]);
    if (lo <= 0x212a && hi >= 0x212a) out.push([0x4b, 0x4b], [0x6b, 0x6b]);
  }
  return normalize(out);
}

function parseRegex(src) {
  let i = 0;
  const fail = (m) => {
    throw new GoError(`regex ${JSON.stringify(src)}: ${m} at ${i}`);
  };
  // A flag group such as (?i) holds to the end of its group, across `|`, so branches share `group`.
  const parseAlt = (flags) => {
    const group = { ...flags };
    const branches = [parseConcat(group)];
    while (src[i] === '|') {
      i++;
      branches.push(parseConcat(group));
    }
    return branches.length === 1 ? branches[0] : { op: 'alt', subs: branches };
  };
  const parseConcat = (flags) => {
    const items = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom(flags);
      if (atom === null) continue; // a flag group such as (?i) changes the flags of what follows
      for (;;) {
        const q = src[i];
        let min;
        let max;
        if (q === '*') [min, max] = [0, -1];
        else if (q === '+') [min, max] = [1, -1];
        else if (q === '?') [min, max] = [0, 1];
        else if (q === '{') {
          const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
          if (!m) break;
          min = Number(m[1]);
          max = m[2] ? (m[3] === '' ? -1 : Number(m[3])) : min;
          i += m[0].length - 1;
        } else break;
        i++;
        if (src[i] === '?') i++; // non-greedy: same strings
        const op = q === '*' ? 'star' : q === '+' ? 'plus' : q === '?' ? 'quest' : 'repeat';
        atom = { op, sub: atom, min, max };
      }
      items.push(atom);
    }
    return items.length === 1 ? items[0] : { op: 'concat', subs: items };
  };
  const parseAtom = (flags) => {
    const c = src[i];
    if (c === '(') {
      i++;
      let inner = { ...flags };
      if (src[i] === '?') {
        i++;
        if (src[i] === 'P' || src[i] === '<') {
          const end = src.indexOf('>', i);
          i = end + 1;
        } else {
          const m = /^([imsU]*)(?:-([imsU]*))?([:)])/.exec(src.slice(i));
          if (!m) fail('unknown group');
          const next = { ...flags };
          for (const f of m[1]) next[f] = true;
          for (const f of m[2] ?? '') next[f] = false;
          i += m[0].length;
          if (m[3] === ')') {
            Object.assign(flags, next);
            return null;
          }
          inner = next;
          const sub = parseAlt(inner);
          if (src[i] !== ')') fail('missing )');
          i++;
          return sub;
        }
      }
      const sub = parseAlt(inner);
      if (src[i] !== ')') fail('missing )');
      i++;
      return { op: 'capture', sub };
    }
    if (c === '[') return parseClass(flags);
    if (c === '.') {
      i++;
      return { op: flags.s ? 'any' : 'anyNotNL' };
    }
    if (c === '^' || c === '$') {
      i++;
      return { op: 'empty' };
    }
    if (c === '\\') {
      const e = src[i + 1];
      if ('bBAz'.includes(e)) {
        i += 2;
        return { op: 'empty' };
      }
      if (e === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const text = src.slice(i + 2, end < 0 ? src.length : end);
        i = end < 0 ? src.length : end + 2;
        return { op: 'concat', subs: [...text].map((ch) => literal(ch.codePointAt(0), flags)) };
      }
      const ranges = escapeRanges(flags);
      return ranges.literal !== undefined ? literal(ranges.literal, flags) : classNode(ranges.ranges, flags);
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (c === '{' && !/^\{\d+(,\d*)?\}/.test(src.slice(i))) {
        i++;
        return literal(0x7b, flags);
      }
      fail('missing argument to repetition operator');
    }
    const cp = src.codePointAt(i);
    i += cp > 0xffff ? 2 : 1;
    return literal(cp, flags);
  };
  /** An escape at src[i]: a literal code point or Perl class ranges. */
  const escapeRanges = () => {
    const e = src[i + 1];
    i += 2;
    if (e in PERL) return { ranges: PERL[e] };
    if (e.toLowerCase() in PERL && e === e.toUpperCase()) return { ranges: negate(PERL[e.toLowerCase()]) };
    const simple = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (e in simple) return { literal: simple[e] };
    if (e === 'x') {
      if (src[i] === '{') {
        const end = src.indexOf('}', i);
        const cp = parseInt(src.slice(i + 1, end), 16);
        i = end + 1;
        return { literal: cp };
      }
      const cp = parseInt(src.slice(i, i + 2), 16);
      i += 2;
      return { literal: cp };
    }
    if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(src[i])) digits += src[i++];
      return { literal: parseInt(digits, 8) };
    }
    if (e === 'p' || e === 'P') fail('unicode classes \\p are not supported');
    if (/[A-Za-z0-9]/.test(e)) fail(`unknown escape \\${e}`);
    return { literal: e.codePointAt(0) };
  };
  const parseClass = (flags) => {
    i++;
    let negated = false;
    if (src[i] === '^') {
      negated = true;
      i++;
    }
    const ranges = [];
    let first = true;
    while (src[i] !== ']' || first) {
      if (i >= src.length) fail('missing ]');
      first = false;
      if (src.startsWith('[:', i)) {
        const m = /^\[:(\^?)(\w+):\]/.exec(src.slice(i));
        if (m && POSIX[m[2]]) {
          ranges.push(...(m[1] ? negate(POSIX[m[2]]) : POSIX[m[2]]));
          i += m[0].length;
          continue;
        }
      }
      let lo;
      if (src[i] === '\\') {
        const r = escapeRanges(flags);
        if (r.ranges) {
          ranges.push(...r.ranges);
          continue;
        }
        lo = r.literal;
      } else {
        lo = src.codePointAt(i);
        i += lo > 0xffff ? 2 : 1;
      }
      let hi = lo;
      if (src[i] === '-' && src[i + 1] !== ']') {
        i++;
        if (src[i] === '\\') {
          const r = escapeRanges(flags);
          if (r.ranges) fail('bad class range');
          hi = r.literal;
        } else {
          hi = src.codePointAt(i);
          i += hi > 0xffff ? 2 : 1;
        }
        if (hi < lo) fail('bad class range');
      }
      ranges.push([lo, hi]);
    }
    i++;
    // Go folds the class before negating it.
    let set = flags.i ? foldRanges(normalize(ranges)) : normalize(ranges);
    if (negated) set = negate(set);
    return classNode(set, {});
  };
  const literal = (cp, flags) => {
    if (flags.i) return { op: 'lit', cp: Math.min(...foldOrbit(cp)) };
    return { op: 'lit', cp };
  };
  const classNode = (ranges, flags) => {
    let set = flags.i ? foldRanges(normalize(ranges)) : normalize(ranges);
    // Go turns a one-rune class into a literal, and a class of one fold orbit into a folded literal.
    if (set.length === 1 && set[0][0] === set[0][1]) return { op: 'lit', cp: set[0][0] };
    const runes = set.flatMap(([lo, hi]) => (hi - lo < 8 ? Array.from({ length: hi - lo + 1 }, (_, k) => lo + k) : [null]));
    if (!runes.includes(null) && runes.length <= 4) {
      const orbit = foldOrbit(runes[0]).sort((a, b) => a - b);
      if (orbit.length === runes.length && orbit.every((r, k) => r === runes[k])) return { op: 'lit', cp: orbit[0] };
    }
    return { op: 'class', ranges: set };
  };
  const tree = parseAlt({});
  if (i < src.length) fail('unexpected )');
  return tree;
}

/** One string matching the Go regex `src`: reggen's Generate(limit) with gitleaks' limit of 1. */
export function sampleRegex(src, random, limit = 1) {
  const intn = (n) => Math.floor(random() * n);
  const out = [];
  const gen = (node) => {
    switch (node.op) {
      case 'lit':
        out.push(String.fromCodePoint(node.cp));
        return;
      case 'class': {
        if (node.ranges.some(([, hi]) => hi === RANGE_END)) {
          const chars = [...PRINTABLE].filter((ch) => node.ranges.some(([lo, hi]) => ch.charCodeAt(0) >= lo && ch.charCodeAt(0) <= hi));
          if (chars.length) {
            out.push(chars[intn(chars.length)]);
            return;
          }
        }
        const total = node.ranges.reduce((sum, [lo, hi]) => sum + hi - lo + 1, 0);
        let r = intn(total);
        for (const [lo, hi] of node.ranges) {
          if (r <= hi - lo) {
            out.push(String.fromCodePoint(lo + r));
            return;
          }
          r -= hi - lo + 1;
        }
        return;
      }
      case 'any':
        out.push(PRINTABLE[intn(PRINTABLE.length)]);
        return;
      case 'anyNotNL':
        out.push(PRINTABLE_NO_NL[intn(PRINTABLE_NO_NL.length)]);
        return;
      case 'empty':
        return;
      case 'capture':
        gen(node.sub);
        return;
      case 'star': {
        const count = intn(limit + 1);
        for (let k = 0; k < count; k++) gen(node.sub);
        return;
      }
      case 'plus': {
        const count = intn(limit) + 1;
        for (let k = 0; k < count; k++) gen(node.sub);
        return;
      }
      case 'quest':
        if (intn(2)) gen(node.sub);
        return;
      case 'repeat': {
        // reggen clamps Max to the limit (so {n,m} gives n when n ≥ limit) and draws the count above Min.
        const max = Math.min(node.max, limit);
        const count = max > node.min ? intn(max - node.min + 1) : 0;
        for (let k = 0; k < node.min + count; k++) gen(node.sub);
        return;
      }
      case 'concat':
        for (const sub of node.subs) gen(sub);
        return;
      case 'alt':
        gen(node.subs[intn(node.subs.length)]);
        return;
      default:
        throw new GoError(`regex op ${node.op}`);
    }
  };
  gen(parseRegex(src));
  return out.join('');
}
