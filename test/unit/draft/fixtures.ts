/** Small repositories the drafter is tested on: file path → content. */

/** An Express app: a server that mounts a router, the router's handlers in a controller, a helper in TypeScript. */
export const JS_APP: Record<string, string> = {
  'package.json': JSON.stringify(
    {
      name: 'shop',
      description: 'A small shop with an orders API',
      type: 'module',
      dependencies: { express: '^4.19.0' },
      devDependencies: { vitest: '^1.6.0' },
    },
    null,
    2,
  ),
  'README.md':
    '# shop\n\n[![ci](https://example.com/badge.svg)](https://example.com)\n\nA shop that takes orders.\nIt has an API.\n\n## Use\n\n```sh\nnpm start\n```\n',
  'src/server.js': [
    "import express from 'express';",
    "import { router } from './routes/orders.js';",
    '',
    'const app = express();',
    "app.use('/api/orders', router);",
    'app.listen(3000);',
    '',
  ].join('\n'),
  'src/routes/orders.js': [
    "import { Router } from 'express';",
    "import { getOrder, listOrders } from '../controllers/orders.js';",
    '',
    'export const router = Router();',
    "router.get('/', listOrders);",
    "router.get('/:id', getOrder);",
    '',
  ].join('\n'),
  'src/controllers/orders.js': [
    'export function listOrders(req, res) {',
    '  res.json([]);',
    '}',
    '',
    'export function getOrder(req, res) {',
    '  res.json({ id: req.params.id });',
    '}',
    '',
  ].join('\n'),
  'src/lib/format.ts': ['export function formatPrice(cents: number): string {', '  return `$${(cents / 100).toFixed(2)}`;', '}', ''].join(
    '\n',
  ),
  'src/lib/noop.js': 'export function noop() {}\n',
  'scripts/seed.js': "console.log('seed');\n",
  'test/orders.test.js': "import { listOrders } from '../src/controllers/orders.js';\nconsole.log(listOrders);\n",
};

/** A Python package in a src layout with a pyproject.toml. */
export const PY_PACKAGE: Record<string, string> = {
  'pyproject.toml': [
    '[project]',
    'name = "tally"',
    'description = "Count things"',
    'dependencies = ["click>=8"]',
    '',
    '[project.optional-dependencies]',
    'tests = ["pytest"]',
    '',
  ].join('\n'),
  'src/tally/__init__.py': '',
  'src/tally/counter.py': [
    '"""Counting."""',
    '',
    '',
    'def count(items: list[str]) -> int:',
    '    """Count items."""',
    '    return len(items)',
    '',
    '',
    'class Counter:',
    '    """A running count."""',
    '',
    '    def __init__(self) -> None:',
    '        """Start at zero."""',
    '        self.total = 0',
    '',
  ].join('\n'),
  'src/tally/cli.py': [
    '"""The command line."""',
    '',
    'import click',
    '',
    '',
    '@click.command()',
    'def main() -> None:',
    '    """Print a count."""',
    '    click.echo("0")',
    '',
  ].join('\n'),
  'tests/test_counter.py':
    'from tally.counter import count\n\n\ndef test_count() -> None:\n    """Counts."""\n    assert count(["a"]) == 1\n',
};
