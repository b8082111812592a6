import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadSystem, SystemNotBuiltError } from '../../../src/hooks/system-deps.js';
import { rejection } from '../../helpers/fake-hook-systems.js';

test('a missing system module is "not built"; other errors pass through', async () => {
  const missing = Object.assign(new Error("Cannot find module '/x/dist/src/drift/run-drift-check.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
  const error = await rejection(() => loadSystem('drift', 'drift/run-drift-check.js', async () => Promise.reject(missing)));
  assert.ok(error instanceof SystemNotBuiltError);
  assert.is((error as SystemNotBuiltError).system, 'drift');
  assert.match(error.message, /src\/drift\/run-drift-check\.ts is missing/);
  const inner = Object.assign(new Error("Cannot find module '/x/dist/src/spec/other.js'"), { code: 'ERR_MODULE_NOT_FOUND' });
  assert.is(await rejection(() => loadSystem('drift', 'drift/run-drift-check.js', async () => Promise.reject(inner))), inner);
  assert.equal(await loadSystem('x', 'x.js', async () => ({ ok: 1 })), { ok: 1 });
});

test.run();
