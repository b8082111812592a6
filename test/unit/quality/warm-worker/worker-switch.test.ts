import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allowWarmWorker, disallowWarmWorker, warmWorkerEnabled } from '../../../../src/quality/warm-worker/worker-switch.js';

test('off until the hook or quality check allows it; BR_GUARD_WORKER=0 wins; CI needs BR_GUARD_WORKER=1', () => {
  disallowWarmWorker();
  assert.not.ok(warmWorkerEnabled({}));
  assert.not.ok(warmWorkerEnabled({ BR_GUARD_WORKER: '1' }), 'a library caller never starts one');
  allowWarmWorker();
  try {
    assert.ok(warmWorkerEnabled({}));
    assert.not.ok(warmWorkerEnabled({ BR_GUARD_WORKER: '0' }));
    assert.not.ok(warmWorkerEnabled({ CI: 'true' }));
    assert.ok(warmWorkerEnabled({ CI: 'true', BR_GUARD_WORKER: '1' }));
    assert.ok(warmWorkerEnabled({ CI: 'false' }));
    assert.ok(warmWorkerEnabled({ CI: '0' }));
  } finally {
    disallowWarmWorker();
  }
});

test.run();
