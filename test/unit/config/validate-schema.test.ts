import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { s } from '../../../src/config/schema-node.js';
import { defaultOf, validateSchema } from '../../../src/config/validate-schema.js';
import { configSchema } from '../../../src/config/schema.js';
import { qualityStandardsSchema } from '../../../src/config/quality-standards-schema.js';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { formatKeyPath } from '../../../src/config/schema-errors.js';

const schema = s.object(
  {
    name: s.string('n', { default: 'x' }),
    level: s.string('l', { enum: ['a', 'b'], default: 'a' }),
    count: s.number('c', { integer: true, min: 1, max: 9, default: 2 }),
    ratio: s.number('r', { nullable: true, default: null }),
    on: s.boolean('o', { default: false }),
    tags: s.array(s.string('t'), 'tags'),
    extra: s.string('e', { optional: true }),
    map: s.record(s.object({ min: s.number('m', { default: 0 }), weight: s.number('w', { default: 1 }) }, 'v'), 'map', {
      default: { known: { min: 50, weight: 3 } },
    }),
    partial: s.object({ a: s.number('a', { default: 1 }) }, 'p', { partial: true }),
  },
  'root',
);

test('missing keys take their defaults; optional and partial keys stay absent', () => {
  const { value, problems } = validateSchema(schema, {});
  assert.equal(problems, []);
  assert.equal(value, {
    name: 'x',
    level: 'a',
    count: 2,
    ratio: null,
    on: false,
    tags: [],
    map: { known: { min: 50, weight: 3 } },
    partial: {},
  });
});

test('records merge with their defaults, per entry', () => {
  const { value } = validateSchema<{ map: unknown }>(schema, { map: { known: { min: 10 }, other: { weight: 5 } } });
  assert.equal(value.map, { known: { min: 10, weight: 3 }, other: { min: 0, weight: 5 } });
});

test('every wrong type and unknown key is reported with its path', () => {
  const { problems } = validateSchema(schema, {
    name: 3,
    level: 'c',
    count: 1.5,
    ratio: 'x',
    on: 'yes',
    tags: 'a',
    map: [],
    partial: { a: Infinity, b: 1 },
    nmae: 1,
  });
  assert.equal(
    problems.map((p) => `${formatKeyPath(p.path)}: ${p.message}`),
    [
      'nmae: unknown key "nmae" (did you mean "name"?)',
      'name: expected a string, got 3',
      'level: expected one of a, b, got "c"',
      'count: expected a whole number, got 1.5',
      'ratio: expected a number, got "x"',
      'on: expected true or false, got "yes"',
      'tags: expected a list, got "a"',
      'map: expected a mapping of keys, got a list',
      'partial.b: unknown key "b" (known keys: a)',
      'partial.a: expected a number, got Infinity',
    ],
  );
});

test('range checks, nested list paths and long strings', () => {
  const { problems } = validateSchema(schema, { count: 0, tags: ['ok', { x: 1 }], name: 'y'.repeat(60), extra: null, map: { k: 'v' } });
  assert.equal(
    problems.map((p) => [formatKeyPath(p.path), p.message]),
    [
      ['count', 'expected a number >= 1, got 0'],
      ['tags[1]', 'expected a string, got a mapping'],
      ['extra', 'expected a string, got null'],
      ['map.k', 'expected a mapping of keys, got "v"'],
    ],
  );
  assert.equal(validateSchema(schema, { count: 10 }).problems[0]!.message, 'expected a number <= 9, got 10');
  assert.equal(validateSchema(s.string('x'), 'z'.repeat(50)).value, 'z'.repeat(50));
  assert.match(validateSchema(s.number('x'), 'z'.repeat(50)).problems[0]!.message, /…"$/);
});

test('the config and standards schemas reproduce the built-in defaults', () => {
  assert.equal(validateSchema(configSchema, {}).value, defaultConfig());
  assert.equal(validateSchema(qualityStandardsSchema, {}).value, defaultQualityStandards());
  assert.equal(defaultOf(s.string('x')), undefined);
  assert.equal(defaultOf(s.string('x', { nullable: true })), null);
});

test('a build task keeps only the keys the user wrote', () => {
  const { value, problems } = validateSchema<ReturnType<typeof defaultConfig>>(configSchema, {
    build: { tasks: { orders: { run: 'npm run gen', gate: 'Confirm' } } },
  });
  assert.equal(problems, []);
  assert.equal(value.build.tasks, { orders: { run: 'npm run gen', gate: 'Confirm' } });
});

test.run();
