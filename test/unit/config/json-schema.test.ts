import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultConfig, defaultQualityStandards } from '../../../src/config/defaults.js';
import { JSON_SCHEMA_DRAFT, toJsonSchema, type JsonSchema } from '../../../src/config/json-schema.js';
import { qualityStandardsSchema } from '../../../src/config/quality-standards-schema.js';
import { schemaKeys } from '../../../src/config/schema-reference.js';
import { configSchema } from '../../../src/config/schema.js';
import { runCli } from '../../helpers/run-cli.js';

// Ajv 6 (draft-07) comes with ESLint; the test says so rather than pass without it.
type Ajv = {
  validateSchema(schema: unknown): boolean;
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown };
  errors?: unknown;
};
const AjvClass = (() => {
  try {
    return createRequire(import.meta.url)('ajv') as new (options?: object) => Ajv;
  } catch {
    return null;
  }
})();

/** The subschema at a reference key path: `a.b` properties, `[]` items, `<name>` a record's values. */
function at(schema: JsonSchema, key: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of key.split(/\.|(?=\[\])/)) {
    if (!node) return undefined;
    if (part === '[]') node = node.items as JsonSchema;
    else if (part.startsWith('[]')) node = at(node.items as JsonSchema, part.slice(2));
    else if (part === '<name>') node = node.additionalProperties as JsonSchema;
    else node = (node.properties as Record<string, JsonSchema> | undefined)?.[part];
  }
  return node;
}

test('the JSON Schema is generated from the one schema: every key of the reference, its description and default', () => {
  for (const [node, title] of [
    [configSchema, 'config'],
    [qualityStandardsSchema, 'standards'],
  ] as const) {
    const schema = toJsonSchema(node, title);
    assert.is(schema.$schema, JSON_SCHEMA_DRAFT);
    const keys = schemaKeys(node);
    assert.ok(keys.length > 20);
    for (const key of keys) {
      const sub = at(schema, key.key.replace(/\[\]\./g, '[].'));
      assert.ok(sub, `${key.key} in the JSON Schema`);
      assert.is(sub.description, key.description, key.key);
    }
  }
  const config = toJsonSchema(configSchema, 'config');
  assert.equal(at(config, 'build.onFailure')?.enum, ['gate', 'fail']);
  assert.is(at(config, 'build.onFailure')?.default, undefined, 'an optional key has no default');
  assert.equal(at(config, 'build.concurrency')?.type, ['integer', 'null']);
  assert.is(at(config, 'build.checkpoints.keepAutomatic')?.minimum, 0);
  assert.is(config.additionalProperties, false);
});

test('the JSON Schema is valid draft-07 and judges configs as the loader does', () => {
  if (!AjvClass) {
    console.log('skipped: ajv is not installed (it comes with eslint)');
    return;
  }
  const ajv = new AjvClass({ allErrors: true });
  for (const [node, good] of [
    [configSchema, defaultConfig()],
    [qualityStandardsSchema, defaultQualityStandards()],
  ] as const) {
    const schema = toJsonSchema(node, 't');
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    const validate = ajv.compile(schema);
    assert.ok(validate(good), JSON.stringify(validate.errors));
    assert.ok(validate({}), 'every key is optional');
  }
  const validate = ajv.compile(toJsonSchema(configSchema, 't'));
  assert.not.ok(validate({ build: { concurrency: 'many' } }));
  assert.not.ok(validate({ build: { onFailure: 'maybe' } }));
  assert.not.ok(validate({ architectur: {} }), 'unknown keys are errors');
  assert.ok(validate({ build: { onFailure: 'fail', tasks: { a: { run: 'make', gate: 'ok?' } } } }));
});

test('br-guard config --schema prints it; --schema quality-standards; anything else exit 2', () => {
  const cwd = process.cwd();
  const config = runCli(['config', '--schema'], { cwd });
  assert.is(config.code, 0, config.stderr);
  assert.equal(config.json(), toJsonSchema(configSchema, 'br-guard configuration (.br-guardrc.yaml, package.json#br-guard, ...)'));
  const standards = runCli(['config', '--schema', 'quality-standards'], { cwd });
  assert.is(standards.code, 0);
  assert.ok(standards.json<JsonSchema>().properties && 'gates' in (standards.json<JsonSchema>().properties as object));
  const bad = runCli(['config', '--schema', 'nope'], { cwd });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--schema: expected config or quality-standards, got "nope"/);
});

test.run();
