import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalizePypiName } from '../../../src/drift/deps/dependency.js';
import { addedDependencies, manifestParser } from '../../../src/drift/deps/parse-dependencies.js';
import { parsePackageJson } from '../../../src/drift/deps/parse-package-json.js';
import { parsePyproject } from '../../../src/drift/deps/parse-pyproject.js';
import { parseRequirements } from '../../../src/drift/deps/parse-requirements.js';

test('package.json: runtime and dev dependencies with lines; both means runtime', () => {
  const text = JSON.stringify({ dependencies: { '@scope/Pkg': '1', yaml: '2' }, devDependencies: { uvu: '1', yaml: '2' } }, null, 2);
  const deps = parsePackageJson('package.json', text);
  assert.equal(
    deps.map((d) => `${d.name}:${d.dev}:${d.line}`),
    ['@scope/pkg:false:3', 'yaml:false:4', 'uvu:true:7'],
  );
  assert.equal(parsePackageJson('package.json', '{broken'), []);
});

test('requirements files: names normalised, options and URLs skipped', () => {
  const deps = parseRequirements(
    'requirements-dev.txt',
    '# c\nDjango[argon2]>=4.2 ; python_version > "3"\n-r base.txt\nzope.interface==5\nhttps://x/y.whl\n\nPy_YAML  # comment\n',
  );
  assert.equal(
    deps.map((d) => `${d.name}:${d.line}:${d.dev}`),
    ['django:2:true', 'zope-interface:4:true', 'py-yaml:7:true'],
  );
});

test('pyproject: [project] deps, optional groups, poetry tables', () => {
  const text = [
    '[project]',
    'name = "x"',
    'dependencies = [',
    '  "requests>=2",  # comment',
    "  'Typer[all]',",
    ']',
    '[project.optional-dependencies]',
    'dev = ["pytest", "pytest-cov"]',
    '[tool.poetry.dependencies]',
    'python = "^3.11"',
    'GitPython = "^3"',
    '[tool.poetry.group.dev.dependencies]',
    'black = "*"',
    '[tool.other]',
    'dependencies = ["not-me"]',
    '[dependency-groups]',
    'lint = ["ruff", {include-group = "test"}]',
  ].join('\n');
  assert.equal(
    parsePyproject('pyproject.toml', text).map((d) => `${d.name}:${d.line}:${d.dev}`),
    ['requests:4:false', 'typer:5:false', 'pytest:8:true', 'pytest-cov:8:true', 'ruff:17:true', 'gitpython:11:false', 'black:13:true'],
  );
  assert.equal(parsePyproject('pyproject.toml', '[project\nbroken'), []);
  // Runtime and dev at once ships, so it is not dev; odd shapes are ignored, not fatal.
  const both = parsePyproject(
    'pyproject.toml',
    '[project]\ndependencies = ["Click"]\n[project.optional-dependencies]\ndev = ["click", "mypy"]\n[tool]\npoetry = 3\n',
  );
  assert.equal(
    both.map((d) => `${d.name}:${d.dev}`),
    ['click:false', 'mypy:true'],
  );
  assert.equal(parsePyproject('pyproject.toml', 'project = "x"\ndependency-groups = 1\n'), []);
});

test('manifest detection, PyPI normalisation, added dependencies per file', () => {
  assert.ok(manifestParser('package.json'));
  assert.ok(manifestParser('services/api/requirements.txt'));
  assert.ok(manifestParser('requirements/dev.txt'));
  assert.is(manifestParser('node_modules/x/package.json'), null);
  assert.is(manifestParser('README.md'), null);
  assert.is(normalizePypiName('Zope.Interface__x'), 'zope-interface-x');
  const a = { ecosystem: 'npm' as const, name: 'a', file: 'package.json', line: 1, dev: false };
  const b = { ...a, name: 'b' };
  assert.equal(addedDependencies([a], [a, b]), [b]);
});

test.run();
