import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSpec } from '../../../src/spec/parse-spec.js';
import { specFixture } from './fixtures.js';

const seed = () => parseSpec(specFixture('seed.md'), 'PROJECT_SPEC.md');

test('the seed parses into its four features with ids, complexity and lines', () => {
  const spec = seed();
  assert.is(spec.title, 'PROJECT_SPEC: Build 3A - Advanced Orchestration + Quality Systems');
  assert.equal(
    spec.features.map((f) => f.id),
    ['build-orchestrator-enhancement', 'gap-analyzer-and-completion-assurance', 'code-quality-system', 'architecture-drift-prevention'],
  );
  assert.equal(
    spec.features.map((f) => f.complexity),
    ['complex', 'complex', 'medium', 'medium'],
  );
  assert.equal(
    spec.features.map((f) => f.line),
    [13, 44, 75, 111],
  );
  assert.is(spec.warnings.length, 0);
  assert.ok(spec.overview.startsWith('Build advanced orchestration'));
});

test('the seed features carry requirements, files and acceptance criteria', () => {
  const [orchestrator, , quality, drift] = seed().features;
  assert.is(orchestrator!.requirements.length, 5);
  assert.is(orchestrator!.requirements[0]!.text, 'Dependency graph builder for build plan analysis');
  assert.is(orchestrator!.requirements[0]!.line, 21);
  assert.ok(orchestrator!.requirements[0]!.id.startsWith('build-orchestrator-enhancement/req-'));
  assert.equal(orchestrator!.files.slice(0, 2), ['core/build_orchestrator.py', 'core/dependency_graph_builder.py']);
  assert.is(orchestrator!.fileLines[0], 28);
  assert.is(orchestrator!.acceptanceCriteria[4]!.text, 'All tests pass with coverage ≥ 85%');
  assert.ok(orchestrator!.description.startsWith('Enhance the existing task orchestrator'));
  assert.is(quality!.requirements.length, 7);
  assert.ok(quality!.files.includes('.buildrunner/quality-standards.yaml'));
  assert.is(drift!.gate, null);
});

test('a dependency written as part of a name resolves to the feature', () => {
  const drift = seed().features[3]!;
  assert.equal(drift.dependsOn, ['gap-analyzer-and-completion-assurance']);
  assert.equal(drift.dependencyTexts, [
    { text: 'Requires Gap Analyzer (for spec parsing)', line: 126, resolved: 'gap-analyzer-and-completion-assurance' },
  ]);
});

test('the seed tech stack gives names without versions or parentheticals', () => {
  const spec = seed();
  assert.equal(spec.techStack.dependencies, ['python', 'GitPython', 'pytest', 'pytest-cov', 'rich', 'typer']);
  assert.equal(spec.techStack.tools, ['Black', 'Ruff', 'mypy', 'Bandit', 'safety', 'detect-secrets']);
  assert.is(spec.performanceRequirements.length, 4);
  assert.is(spec.performanceRequirements[0], 'Task decomposition: < 2 seconds for 100 features');
});

test('the seed file structure becomes a list of paths', () => {
  const files = seed().fileStructure;
  assert.ok(files.includes('core/build_orchestrator.py'));
  assert.ok(files.includes('core/quality_checkers/__init__.py'));
  assert.ok(files.includes('.buildrunner/quality-standards.yaml'));
  assert.ok(files.includes('tests/test_architecture_guard.py'));
  assert.not.ok(files.includes('core'));
  assert.is(files.length, 26);
});

test('CRLF line endings parse exactly like LF', () => {
  const lf = parseSpec(specFixture('seed.md'), 'PROJECT_SPEC.md');
  const crlf = parseSpec(specFixture('seed.md').replace(/\n/g, '\r\n'), 'PROJECT_SPEC.md');
  assert.equal(crlf, lf);
});

test('plain labels, heading labels, numbered, starred, checkbox and nested lists', () => {
  const spec = parseSpec(specFixture('plain-labels.md'), 'spec.md');
  const [cart, checkout] = spec.features;
  assert.is(cart!.complexity, 'simple');
  assert.is(cart!.description, 'Keeps what the customer picked.\nNote: prose with a colon stays in the description.');
  assert.equal(
    cart!.requirements.map((r) => r.text),
    ['Add an item', 'Remove an item', 'Add an item'],
  );
  assert.equal(cart!.files, ['src/cart.ts', 'src/cart-store.ts']);
  assert.equal(
    cart!.acceptanceCriteria.map((a) => a.text),
    ['Adding twice keeps one line with quantity 2', 'Removing the last item empties the cart'],
  );
  assert.is(checkout!.complexity, 'complex');
  assert.is(checkout!.description, 'Takes the money.');
  assert.equal(
    checkout!.requirements.map((r) => r.text),
    ['Charge the card', 'Send a receipt', 'Send a receipt: by e-mail', 'Send a receipt: as PDF'],
  );
  assert.equal(checkout!.files, ['src/checkout.ts', 'src/payment.ts', 'src/receipt.ts']);
  assert.equal(checkout!.dependsOn, ['cart']);
  assert.is(checkout!.gate, 'Confirm the payment provider account exists.');
  assert.equal(spec.techStack.dependencies, ['node', 'express', 'Fastify', 'Prisma', '@types/node']);
  assert.equal(spec.techStack.tools, ['ESLint', 'Prettier']);
  assert.equal(spec.warnings, [
    { line: 51, message: 'section "Rollout Plan" in feature "Checkout" is not a known label; its content is ignored' },
  ]);
});

test('exact duplicate items get a counter suffix; others keep their hash id', () => {
  const [cart] = parseSpec(specFixture('plain-labels.md'), 'spec.md').features;
  const ids = cart!.requirements.map((r) => r.id);
  assert.is(ids[2], `${ids[0]}-2`);
  assert.is.not(ids[1], ids[0]);
});

test('fenced code never becomes a feature; inline labels and gates work', () => {
  const spec = parseSpec(specFixture('fenced.md'), 'spec.md');
  assert.equal(
    spec.features.map((f) => f.name),
    ['Real One', 'Second Real'],
  );
  assert.equal(spec.features[0]!.files, ['src/real.ts']);
  assert.is(spec.features[0]!.gate, 'Ask the owner first');
  assert.equal(spec.features[1]!.dependsOn, ['real-one']);
  assert.equal(
    spec.warnings.map((w) => w.line),
    [8, 15],
  );
});

test('Technical Requirements and Core Dependencies are never features', () => {
  const spec = parseSpec(
    '# T\n\n## Features\n\n### One\n\n**Requirements:**\n- a\n\n## Technical Requirements\n\n### Core Dependencies\n- rich\n',
    's.md',
  );
  assert.equal(
    spec.features.map((f) => f.id),
    ['one'],
  );
  assert.equal(spec.techStack.dependencies, ['rich']);
});

test('## Feature: headings without a Features section, numbered names, Feature N: prefixes', () => {
  const spec = parseSpec(
    '# T\n\n## Feature: Alpha Beta\n\n- stray list\n\n**Files:** a.py, b.py\n\n## Feature 2: Gamma\n\n**Requirements:**\n- g\n\n## Features\n\n### 1. Delta\n\n**Requirements:** single inline\n\n### Feature:\n\ntext\n',
    's.md',
  );
  assert.equal(
    spec.features.map((f) => f.name),
    ['Alpha Beta', 'Gamma', 'Delta'],
  );
  assert.equal(spec.features[0]!.files, ['a.py', 'b.py']);
  assert.equal(
    spec.features[2]!.requirements.map((r) => r.text),
    ['single inline'],
  );
  assert.equal(
    spec.warnings.map((w) => w.message),
    ['list in feature "Alpha Beta" has no label (such as **Requirements:**); ignored', 'feature heading "Feature:" has no name; ignored'],
  );
});

test('unknown bold labels, tables and non-path files are reported as warnings', () => {
  const spec = parseSpec(
    '# T\n\n### Feature: X\n\n**Owner:** Sam\n- ignored\n\n**Files:**\n- some words here\n- `ok.ts`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n**Description:**\n- first point\n\n```\ncode\n```\n',
    's.md',
  );
  const feature = spec.features[0]!;
  assert.equal(feature.files, ['ok.ts']);
  assert.is(feature.description, '- first point');
  assert.equal(
    spec.warnings.map((w) => w.line),
    [5, 9, 12, 19],
  );
});

test('a spec without title or features parses to an empty spec', () => {
  const spec = parseSpec('just prose\n', 'x.md');
  assert.is(spec.title, '');
  assert.equal(spec.features, []);
});

test.run();
