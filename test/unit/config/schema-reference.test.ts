import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { configReference, schemaKeys } from '../../../src/config/schema-reference.js';
import { configSchema } from '../../../src/config/schema.js';
import { qualityStandardsSchema } from '../../../src/config/quality-standards-schema.js';

test('every key of both schemas is documented with a description', () => {
  const keys = [...schemaKeys(configSchema), ...schemaKeys(qualityStandardsSchema)];
  assert.ok(keys.length > 40);
  for (const key of keys) assert.ok(key.description.length > 0, key.key);
  const names = keys.map((k) => k.key);
  for (const name of [
    'spec',
    'architecture.layers[].paths',
    'build.tasks.<name>.gate',
    'gates.maxFunctionLength',
    'dimensions.<name>.weight',
    'overrides[].gates.minScore',
  ]) {
    assert.ok(names.includes(name), name);
  }
});

test('docs/config.md carries the generated key reference', () => {
  const docs = readFileSync(new URL('../../../../docs/config.md', import.meta.url), 'utf8');
  assert.ok(docs.includes(configReference()), 'regenerate with: br-guard config --reference');
});

test.run();
