import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liteLine, liteProgram, parseSource } from '../../../src/gaps/scanner/lite-estree.js';
import { commentsOf } from '../../../src/gaps/scanner/ts-comments.js';
import { LEAVES, SKIP_KEYS, scanTypeScript } from '../../../src/gaps/scanner/scan-typescript.js';
import type { EsNode } from '../../../src/gaps/scanner/ts-url.js';

const require = createRequire(import.meta.url);
const ts = require('typescript') as typeof import('typescript');
const estree = require('@typescript-eslint/typescript-estree') as typeof import('@typescript-eslint/typescript-estree');

/** Fields the scanner reads besides child nodes. */
const READ_FIELDS = ['name', 'value', 'operator', 'computed', 'kind', 'method', 'shorthand'];

function describe(node: EsNode): string {
  if (node.type === 'Identifier') return `Identifier(${node.name})`;
  if (node.type === 'Literal') return `Literal(${String(node.value)})`;
  if (node.type === 'TemplateElement') return `TemplateElement(${node.value.cooked}|${node.value.raw})`;
  return node.type;
}

/**
 * What the scanner's walk sees, node by node in visiting order: each entered node's type and
 * line, its child nodes per key (in key order) and the fields the scanner reads.
 */
function walkShape(program: EsNode, line: (node: EsNode) => number): string[] {
  const out: string[] = [];
  const visit = (node: EsNode): void => {
    const parts = [`${node.type}@${line(node)}`];
    const fields: string[] = [];
    const children: EsNode[] = [];
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        const nodes = value.filter((child) => child && typeof child.type === 'string') as EsNode[];
        if (nodes.length > 0) parts.push(`${key}[${nodes.map(describe).join(', ')}]`);
        children.push(...nodes);
      } else if (value && typeof value === 'object' && typeof value.type === 'string') {
        parts.push(`${key}: ${describe(value)}`);
        children.push(value);
      } else if (READ_FIELDS.includes(key) && value !== undefined && node.type !== 'TemplateElement') {
        fields.push(`${key}=${String(value)}`);
      }
    }
    out.push([...parts, ...fields.sort()].join(' '));
    for (const child of children) if (!LEAVES.has(child.type)) visit(child);
  };
  visit(program);
  return out;
}

function compare(code: string, jsx: boolean): void {
  const reference = estree.parse(code, { loc: true, range: true, jsx, jsDocParsingMode: 'none', suppressDeprecatedPropertyWarnings: true });
  const source = parseSource(ts, code, jsx);
  const expected = walkShape(reference as unknown as EsNode, (node) => node.loc?.start.line ?? 0);
  const actual = walkShape(liteProgram(ts, source), (node) => liteLine(source, node));
  assert.equal(actual, expected);
}

const TYPESCRIPT = `#!/usr/bin/env node
import def, { a as b, c, 'd-e' as de } from './m';
import * as ns from "./ns";
import type { T } from './t';
import './side';
export { b, c as cc };
export { x as y } from './x';
export * from './all';
export * as all2 from './all2';
export const api = axios.create({ baseURL: '/api', ['prefix']: \`/v\${1}\` });
export let counter = 0, other = counter++;
export default function () {
  return fetch('/a');
}
export async function load(id: string, { page = 1, ...rest }: Q = {}, [first, , third = 3, ...tail] = [], ...more: number[]): Promise<void> {
  await api.get(\`/items/\${id}?p=\${page}\`);
  for (const [k, v] of Object.entries(rest)) console.log(k, v, first, third, tail, more);
  for (const key in rest) delete rest[key];
  for (let i = 0, j = 1; i < 10; i++, j--) if (i % 2) continue; else break;
  label: while (true) { do { break label; } while (false); }
  switch (id) { case 'a': throw new Error('not implemented'); default: void 0; }
  try { typeof id; } catch ({ message }) { throw message; } finally { --counter; }
  try { id!.length; } catch { /* none */ }
  const r = /ab+c/gi, big = 1_000n, hex = 0x1f, t = true, f = false, n = null, u = undefined;
  const seq = (r, big, hex), cond = t ? f : n ?? u, logic = t && f || n;
  let x = 1; x += 2; x **= 2; x ??= 3; [x] = [4]; ({ x } = { x: 5 });
  const chained = api?.get('/c')?.then((res) => res.data).catch(() => null), member = api?.defaults.headers['x'], call = (api?.defaults).timeout;
  const assertion = <string>(id as unknown) satisfies string;
  const inst = load<string>;
  const tagged = String.raw\`\\unicode and \${id}\`;
  const meta = import.meta.url, dyn = await import('./lazy', { with: { type: 'json' } });
  function* gen() { yield* [1]; yield 2; }
  return new Promise((resolve) => setTimeout(resolve, 0)), undefined;
}
export function overloaded(a: string): void;
export function overloaded(a: unknown) {}
declare function declared(): void;
export declare const ambient: number;
export interface Shape { area(): number; get size(): number }
export type Alias = { get value(): string };
export enum Color { Red = 'red' }
export namespace Outer.Inner { export const deep = fetch('/deep'); }
declare module 'external' { export function ext(): void; }
declare global { interface Window { x: number } }
@Controller('users')
export class UsersController extends Base<T> implements Shape {
  static #count = 0;
  accessor label = 'x';
  declare readonly id: string;
  [key: string]: unknown;
  static { UsersController.#count++; }
  constructor(@Inject('svc') private readonly svc: Svc, public name = 'n', other?: string) { super(); }
  @Get(':id') find(@Param('id') id: string) { return this.svc.find(id); }
  @Post() async create(@Body() body: Dto = {}) { return this.svc.create(body); }
  get total(): number { return 1; }
  set total(value: number) {}
  'quoted'() {}
  ['computed']() {}
  method(): void;
  method() {}
  static constructor() {}
  arrow = () => {};
};
export abstract class Repo {
  abstract find(): void;
  protected abstract store: Map<string, string>;
  abstract accessor tag: string;
}
export default class {}
const anonymous = class Named { run() { return fetch('/named'); } };
const object = { method() { return 1; }, get value() { return 2; }, set value(v) {}, async *gen() {}, shorthand, [computed]: 1, 'quoted': 2, 3: 4, ...spread, nested: { deep: () => fetch('/x') } };
module.exports = function handler(req, res) { res.end(); };
exports.named = () => {};
if (require.main === module) main();
with2: for (;;) {}
export = object;
`;

const TSX = `import React from 'react';
// A comment at the top
export const App = ({ items }: Props) => {
  const [state, setState] = React.useState(0);
  return (
    <>
      {/* empty expression */}
      <List items={items} onClick={() => fetch('/api/click', { method: 'POST' })} {...rest} label="a // not a comment" />
      <div className="x" data-x={\`\${state}\`}>
        text // inside JSX text
        {items.map((item) => <Item key={item.id} {...item}>{item.name}</Item>)}
        {...children}
      </div>
      <ns:tag attr />
      <a.b.c />
    </>
  );
};
const url = 'http://example.com/path'; // trailing comment
const re = /\\/\\/not-a-comment/; /* block
   over lines */
export default App;
`;

test('the lite tree walks like typescript-estree: same nodes, keys, order, fields and lines (TypeScript)', () => {
  compare(TYPESCRIPT, false);
});

test('the lite tree walks like typescript-estree: JSX, fragments, attributes, spread children (TSX)', () => {
  compare(TSX, true);
});

test('comments are the ones typescript-estree lists: not inside strings, regexes, templates or JSX text', () => {
  for (const [code, jsx] of [
    [TSX, true],
    [TYPESCRIPT.replace('export = object;', ''), false],
    ['const s = "// no"; // yes\nconst t = `/* no */`; /* yes */\n', false],
  ] as const) {
    const reference = estree.parse(code, { comment: true, loc: true, jsx, jsDocParsingMode: 'none' });
    const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const expected = (reference.comments ?? []).map((comment) => `${comment.loc.start.line}:${comment.value}`);
    assert.ok(expected.length >= 1);
    assert.equal(
      commentsOf(ts, source).map((comment) => `${comment.loc.start.line}:${comment.value}`),
      expected,
    );
  }
});

test('markers come from the lite tree; a syntax error still reports typescript-estree’s message', async () => {
  const marked = await scanTypeScript('src/a.ts', "// TODO: wire the client\nconst s = '// TODO: not a comment';\nfetch('/x');\n");
  assert.equal(marked.todos, [{ tag: 'TODO', text: 'wire the client', line: 1 }]);
  assert.equal(marked.calls.length, 1);
  const broken = await scanTypeScript('src/b.ts', "fetch('/x'\nconst = ;\n");
  assert.ok(broken.error && broken.error.length > 0);
  assert.equal(broken.calls, []);
});

test.run();
