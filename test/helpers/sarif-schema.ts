import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import draft04 from 'ajv/lib/refs/json-schema-draft-04.json' with { type: 'json' };

// The official SARIF 2.1.0 schema (OASIS, Errata 01), committed with its notice: CI has no
// network, and no npm package ships it (test/fixtures/sarif/NOTICE.md). It is written in JSON
// Schema draft-04, which ajv 6 validates natively (`id`, not `$id`).
const schema = JSON.parse(readFileSync(new URL('../../../test/fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ schemaId: 'id', meta: false, allErrors: true });
ajv.addMetaSchema(draft04);
const validate = ajv.compile(schema);

/** Every way `log` breaks the SARIF 2.1.0 schema, one line each (`instancePath message`); empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.dataPath || '/'} ${error.message ?? 'is invalid'}`);
}
