import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { techNames } from '../../../src/spec/tech-stack.js';
import { filePathOf, parseFileTree } from '../../../src/spec/file-structure.js';
import { DependencyResolver, dependencyName, isNoDependency } from '../../../src/spec/resolve-dependencies.js';
import { findLabel, labelKind } from '../../../src/spec/labels.js';
import { explicitFeatureName, headingKey, implicitFeatureName, sectionKind } from '../../../src/spec/section-kind.js';

test('tech names drop versions, parentheticals and descriptions', () => {
  assert.equal(techNames('Python 3.11+'), ['python']);
  assert.equal(techNames('GitPython (for git operations)'), ['GitPython']);
  assert.equal(techNames('Black - Python formatting'), ['Black']);
  assert.equal(techNames('react@18.2.0'), ['react']);
  assert.equal(techNames('@types/node@20'), ['@types/node']);
  assert.equal(techNames('requests>=2.31'), ['requests']);
  assert.equal(techNames('Frontend: React 18, Vite'), ['React', 'Vite']);
  assert.equal(techNames('constructor'), ['constructor']);
  assert.equal(techNames('(only a note)'), []);
});

test('file trees resolve indentation and drawing characters into paths', () => {
  assert.equal(parseFileTree('core/\n  a.py\n  sub/\n    b.py\ncli/\n  c.py\nREADME.md\n'), [
    'core/a.py',
    'core/sub/b.py',
    'cli/c.py',
    'README.md',
  ]);
  assert.equal(parseFileTree('src\n├── index.ts   # entry\n└── lib\n    └── util.ts\n'), ['src/index.ts', 'src/lib/util.ts']);
  assert.equal(parseFileTree('./a.ts\n'), ['a.ts']);
  // A folder drawn with nothing under it stands for whatever lives in it.
  assert.equal(parseFileTree('src/\n  domain/\n  cli/\n    main.ts\nbench/\n'), ['src/domain/', 'src/cli/main.ts', 'bench/']);
});

test('file paths come out of described list items', () => {
  assert.is(filePathOf('`core/x.py` - the entry'), 'core/x.py');
  assert.is(filePathOf('core/x.py (new)'), 'core/x.py');
  assert.is(filePathOf('./a/b.ts: helper'), 'a/b.ts');
  assert.is(filePathOf('not a path at all'), null);
  assert.is(filePathOf(''), null);
});

test('dependency names lose verbs and reasons', () => {
  assert.is(dependencyName('Requires Gap Analyzer (for spec parsing)'), 'Gap Analyzer');
  assert.is(dependencyName('Depends on: Cart - for totals'), 'Cart');
  assert.ok(isNoDependency('None'));
  assert.ok(isNoDependency('N/A'));
  assert.not.ok(isNoDependency('Nonexistent'));
});

test('the resolver tries exact slug, prefix, then word containment', () => {
  const resolver = new DependencyResolver([
    { id: 'gap-analyzer-and-completion-assurance', name: 'Gap Analyzer and Completion Assurance' },
    { id: 'code-quality-system', name: 'Code Quality System' },
    { id: 'order-service', name: 'Order Service' },
    { id: 'order-history', name: 'Order History' },
  ]);
  assert.is(resolver.resolve('Requires Gap Analyzer (for spec parsing)'), 'gap-analyzer-and-completion-assurance');
  assert.is(resolver.resolve('code-quality-system'), 'code-quality-system');
  assert.is(resolver.resolve('the Quality System'), 'code-quality-system');
  assert.is(resolver.resolve('Completion Assurance'), 'gap-analyzer-and-completion-assurance');
  assert.is(resolver.resolve('Order'), null, 'ambiguous');
  assert.is(resolver.resolve('Billing'), null);
  assert.is(resolver.resolve('(nothing)'), null);
  assert.is(resolver.resolve('the'), null);
});

test('labels: bold, bold with outside colon, bare bold, plain known, plain unknown', () => {
  const line = (text: string, strong: string | null = null) => ({ text, strong, line: 1 });
  assert.equal(findLabel(line('Files: a.py', 'Files:')), { label: 'Files', kind: 'files', value: 'a.py' });
  assert.equal(findLabel(line('Complexity: high', 'Complexity')), { label: 'Complexity', kind: 'complexity', value: 'high' });
  assert.equal(findLabel(line('Requirements', 'Requirements')), { label: 'Requirements', kind: 'requirements', value: '' });
  assert.is(findLabel(line('Important do this', 'Important')), null);
  assert.equal(findLabel(line('Owner: Sam', 'Owner:')), { label: 'Owner', kind: null, value: 'Sam' });
  assert.equal(findLabel(line('Acceptance Criteria:')), { label: 'Acceptance Criteria', kind: 'acceptance', value: '' });
  assert.is(findLabel(line('Note: prose')), null);
  assert.is(findLabel(line('no colon here')), null);
  assert.is(labelKind('**Depends On**'), 'dependencies');
  assert.is(labelKind('constructor'), null);
});

test('section kinds and feature names from headings', () => {
  assert.is(headingKey('2. Core Dependencies:'), 'core dependencies');
  assert.is(sectionKind('Core Dependencies'), 'dependencies');
  assert.is(sectionKind('Quality Tools'), 'tools');
  assert.is(sectionKind('File Structure'), 'structure');
  assert.is(sectionKind('Performance Requirements'), 'performance');
  assert.is(sectionKind('Features'), 'features');
  assert.is(sectionKind('Technical Requirements'), 'other');
  assert.is(explicitFeatureName('Feature: Cart'), 'Cart');
  assert.is(explicitFeatureName('Feature 3 - Cart'), 'Cart');
  assert.is(explicitFeatureName('Features'), null);
  assert.is(implicitFeatureName('2. Cart'), 'Cart');
  assert.is(implicitFeatureName('Cart:'), 'Cart');
});

test.run();
