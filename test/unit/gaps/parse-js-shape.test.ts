import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as oxc from 'oxc-parser';
import { oxcParser, typescriptEstreeParser, type ParsedJs } from '../../../src/adapters/parse-js.js';
import { LEAVES, SKIP_KEYS, scanTypeScript } from '../../../src/gaps/scanner/scan-typescript.js';
import type { EsNode } from '../../../src/gaps/scanner/ts-url.js';

// typescript-estree is the reference the oxc tree is checked against, node by node.
const reference = typescriptEstreeParser({ parser: 'typescript-estree' });
const native = oxcParser(oxc);

/** Fields the scanner reads besides child nodes (null and absent are the same to it: oxc sets `RestElement.value: null`). */
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
    // Keys sorted: the parsers order a node's keys differently; the walk uses fixed visitor keys.
    for (const key of Object.keys(node).sort()) {
      if (SKIP_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        const nodes = value.filter((child) => child && typeof child.type === 'string') as EsNode[];
        if (nodes.length > 0) parts.push(`${key}[${nodes.map(describe).join(', ')}]`);
        children.push(...nodes);
      } else if (value && typeof value === 'object' && typeof value.type === 'string') {
        parts.push(`${key}: ${describe(value)}`);
        children.push(value);
      } else if (READ_FIELDS.includes(key) && value != null && node.type !== 'TemplateElement') {
        fields.push(`${key}=${String(value)}`);
      }
    }
    out.push([...parts, ...fields.sort()].join(' '));
    for (const child of children) if (!LEAVES.has(child.type)) visit(child);
  };
  visit(program);
  return out;
}

function shape(parsed: ParsedJs): string[] {
  assert.equal(parsed.errors, []);
  return walkShape(parsed.program, (node) => parsed.lineOf(node));
}

function compare(code: string, path: string): void {
  assert.equal(shape(native.parse(path, code)), shape(reference.parse(path, code)));
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

test('the oxc tree walks like typescript-estree: same nodes, keys, order, fields and lines (TypeScript)', () => {
  compare(TYPESCRIPT, 'src/all.ts');
});

test('the oxc tree walks like typescript-estree: JSX, fragments, attributes, spread children (TSX, JSX in .js)', () => {
  compare(TSX, 'src/app.tsx');
  compare(TSX.replace(': Props', ''), 'src/app.js');
});

test('comments are the ones typescript-estree lists: not inside strings, regexes, templates or JSX text', () => {
  for (const [code, path] of [
    [TSX, 'src/app.tsx'],
    [TYPESCRIPT, 'src/all.ts'],
    ['const s = "// no"; // yes\nconst t = `/* no */`; /* yes */\n', 'src/s.ts'],
  ] as const) {
    const lines = (parsed: ParsedJs): string[] => parsed.comments.map((c) => `${parsed.lines.lineAt(c.start)}:${c.value}`);
    const expected = lines(reference.parse(path, code));
    assert.ok(expected.length >= 1);
    assert.equal(lines(native.parse(path, code)), expected);
  }
});

test('markers come from comments only; a syntax error is reported with its line, by either parser', async () => {
  const marked = await scanTypeScript('src/a.ts', "// TODO: wire the client\nconst s = '// TODO: not a comment';\nfetch('/x');\n");
  assert.equal(marked.todos, [{ tag: 'TODO', text: 'wire the client', line: 1 }]);
  assert.equal(marked.calls.length, 1);
  for (const parser of [native, reference]) {
    const broken = await scanTypeScript('src/b.ts', "fetch('/x');\nconst = ;\n", parser);
    assert.ok(broken.error && broken.error.length > 0);
    assert.is(broken.errorLine, 2);
    assert.equal(broken.calls, []);
  }
});

test.run();
