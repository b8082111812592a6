import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { measureTypeScript } from '../../../src/quality/complexity/ts-complexity.js';
import { measurePython } from '../../../src/quality/complexity/python-complexity.js';

const ts = `
export function plain(a: number) {
  return a + 1;
}

function branchy(a: number, b: number, c: boolean) {
  if (a > 0) {                 // +1 cyclo, +1 cognitive (nesting 0)
    for (const x of [a, b]) {  // +1, +2 (nesting 1)
      if (x && c || b) {       // +1 +2 boolean ops; +3 (nesting 2) +2 sequences
        return x;
      }
    }
  } else if (b > 0) {          // +1, +1
    return b;
  } else {                     // +1 cognitive
    return c ? 1 : 2;          // +1, +2 (nesting 1)
  }
  switch (a) {                 // +0 cyclo, +1 cognitive
    case 1: return 1;          // +1 cyclo
    case 2: return 2;          // +1 cyclo
    default: return 0;
  }
}

const arrow = (x: number) => x ?? 0;
class K {
  method(a: number, b: number, c: number, d: number, e: number, f: number) {
    try { return a; } catch { return b; }
  }
}
`;

test('TypeScript: cyclomatic, cognitive, nesting, params, length per function', async () => {
  const metrics = await measureTypeScript('x.ts', ts);
  const byName = new Map(metrics.map((m) => [m.name, m]));
  assert.equal(byName.get('plain'), { name: 'plain', line: 2, column: 8, length: 3, params: 1, cyclomatic: 1, cognitive: 0, nesting: 0 });
  const branchy = byName.get('branchy');
  // cyclomatic: 1 + if + for + inner if + 2 boolean ops + else-if + ternary + 2 cases = 10
  assert.is(branchy?.cyclomatic, 10);
  // cognitive: if 1 + for 2 + inner if 3 + boolean sequences 2 + else if 1 + else 1 + ternary 2 + switch 1 = 13
  assert.is(branchy?.cognitive, 13);
  assert.is(branchy?.nesting, 3);
  assert.is(branchy?.params, 3);
  assert.is(byName.get('arrow')?.cyclomatic, 2);
  assert.is(byName.get('method')?.params, 6);
  assert.is(byName.get('method')?.cyclomatic, 2);
});

test('TypeScript: JSX files parse; syntax errors throw', async () => {
  const metrics = await measureTypeScript(
    'x.jsx',
    'export const A = () => <div>{x ? 1 : 2}</div>;\nexport default function () { return 1 }',
  );
  assert.equal(
    metrics.map((m) => m.name),
    ['A', '<anonymous>'],
  );
  assert.is(metrics[0]?.cyclomatic, 2);
  try {
    await measureTypeScript('x.ts', 'function (');
    assert.unreachable();
  } catch (error) {
    assert.instance(error, Error);
  }
});

const py = `
def plain(a):
    return a

def branchy(self, a, b, c):
    if a and b or c:
        for x in a:
            while x:
                x -= 1
    elif b:
        pass
    else:
        try:
            return 1 if a else 2
        except ValueError:
            return 3
    match a:
        case 1:
            return 1
        case _:
            return [y for y in b if y]

async def nested():
    def inner(p, q):
        return p
    return inner
`;

test('Python: the same metrics through tree-sitter', async () => {
  const metrics = await measurePython(py);
  const byName = new Map(metrics.map((m) => [m.name, m]));
  assert.equal(byName.get('plain'), { name: 'plain', line: 2, column: 1, length: 2, params: 1, cyclomatic: 1, cognitive: 0, nesting: 0 });
  const branchy = byName.get('branchy');
  // cyclomatic: 1 + if + 2 bool ops + for + while + elif + ternary + except + 2 cases + comprehension for + if = 13
  assert.is(branchy?.cyclomatic, 13);
  // cognitive: if 1 + bool seqs 2 + for 2 + while 3 + elif 1 + else 1 + ternary 2 (inside else → level 1) + except 2 + match 1 = 15
  assert.is(branchy?.cognitive, 15);
  assert.is(branchy?.nesting, 3);
  assert.is(branchy?.params, 3, 'self is not counted');
  assert.is(byName.get('inner')?.params, 2);
  assert.is(byName.get('nested')?.cyclomatic, 1);
});

test.run();
