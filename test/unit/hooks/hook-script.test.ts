import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BLOCK_END, BLOCK_START, callsBrGuard, managedBlock, upsertBlock } from '../../../src/hooks/init/hook-script.js';
import { prepareCommand, withPrepareScript } from '../../../src/hooks/init/package-prepare.js';
import { shellQuote } from '../../../src/hooks/init/legacy-hooks.js';

test('the block finds br-guard next to .husky, at the root, then globally; never npx', () => {
  const block = managedBlock('pre-commit', null);
  assert.ok(block.startsWith(BLOCK_START) && block.endsWith(BLOCK_END));
  assert.match(block, /"\$\{0%\/\*\}\/\.\." "\."/);
  assert.match(block, /node_modules\/br-guard\/hooks\/run-hook\.sh/);
  assert.match(block, /sh "\$br_guard_run" pre-commit "\$@"/);
  assert.match(block, /br-guard hook pre-commit "\$@"/);
  assert.not.match(block, /npx/);
  assert.ok(callsBrGuard(block));
});

test('a chained legacy pre-push hook and br-guard both get the pushed refs', () => {
  const block = managedBlock('pre-push', {
    pathExpression: '"$(git rev-parse --git-common-dir)/hooks/pre-push"',
    description: '.git/hooks/pre-push',
  });
  assert.match(block, /br_guard_refs="\$\(cat\)"/);
  assert.match(block, /printf '%s\\n' "\$br_guard_refs" \| sh "\$br_guard_run" pre-push/);
  assert.match(block, /if \[ -x "\$br_guard_legacy" \]; then printf '%s\\n' "\$br_guard_refs" \| "\$br_guard_legacy" "\$@"; fi/);
  assert.not.match(managedBlock('pre-commit', { pathExpression: 'x', description: 'y' }), /cat\)/);
});

test('upsert: new file, replace own block, keep other lines after it, drop husky 8 sourcing', () => {
  const block = managedBlock('pre-commit', null);
  assert.equal(upsertBlock(null, block), { content: `${block}\n`, changed: true });
  const withUser = upsertBlock('#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nnpm test\n', block);
  assert.ok(withUser.changed);
  assert.is(withUser.content, `#!/usr/bin/env sh\n${block}\n\nnpm test\n`);
  assert.equal(upsertBlock(withUser.content, block), { content: withUser.content, changed: false });
  const old = withUser.content.replace('sh "$br_guard_run"', 'sh  "$br_guard_run"');
  const again = upsertBlock(old, block);
  assert.ok(again.changed);
  assert.is(again.content, withUser.content);
  assert.is(upsertBlock('npm test', block).content, `${block}\nnpm test\n`);
});

test('callsBrGuard recognises the block, a direct call and the self-hosting script', () => {
  assert.ok(callsBrGuard('br-guard hook pre-commit'));
  assert.ok(callsBrGuard('sh hooks/run-hook.sh pre-commit'));
  assert.not.ok(callsBrGuard('npm test'));
});

test('prepare: husky at the root, cd + folder for a sub-package; kept when present', () => {
  assert.is(prepareCommand(''), 'husky');
  assert.is(prepareCommand('packages/web'), 'cd ../.. && husky packages/web/.husky');
  const added = withPrepareScript('{\n    "name": "x"\n}\n', 'husky')!;
  assert.is(added.text, '{\n    "name": "x",\n    "scripts": {\n        "prepare": "husky"\n    }\n}\n');
  assert.match(added.note, /added "prepare": "husky"/);
  const appended = withPrepareScript('{"scripts":{"prepare":"tsc"}}', 'husky')!;
  assert.match(appended.text, /"prepare": "tsc && husky"/);
  assert.match(appended.note, /appended/);
  assert.is(withPrepareScript('{"scripts":{"prepare":"tsc && husky"}}', 'husky'), null);
});

test('shellQuote quotes for sh', () => {
  assert.is(shellQuote("a b'c"), `'a b'\\''c'`);
});

test.run();
