import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTempRepo } from '../../helpers/temp-repo.js';
import { runCli } from '../../helpers/run-cli.js';

// Removals seen on real apps (bench/realworld): a controller function deleted while the route
// still names it, a route block with an anonymous handler deleted, and a handler deleted while a
// same-named client action lives on. Each must drop its requirement on the next run.
const test = suite('remembered evidence: routes and handlers');

type Report = { items: Array<{ kind: string; text: string; status: string }> };

function statusOf(report: Report, text: string): string | undefined {
  return report.items.find((item) => item.kind === 'requirement' && item.text.startsWith(text))?.status;
}

const SPEC = [
  '# PROJECT_SPEC: Shop',
  '',
  '## Features',
  '',
  '### Feature: Catalogue',
  '',
  '**Requirements:**',
  '- Search and paginate products with GET /api/products',
  '- Total spent by the signed-in user',
  '- Admins delete users',
  '',
  '**Files:**',
  '- server/routes.js',
  '- server/controller.js',
  '- server/expenses.js',
  '- server/users.js',
  '',
].join('\n');

const CONTROLLER = [
  "import { Product } from './model.js'",
  '',
  '/** Fetch all products, filtered by keyword, one page at a time */',
  'export const getProducts = async (req, res) => {',
  '  const pageSize = 10',
  '  const page = Number(req.query.pageNumber) || 1',
  '  const keyword = req.query.keyword ? { name: { $regex: req.query.keyword } } : {}',
  '  const count = await Product.countDocuments({ ...keyword })',
  '  const products = await Product.find({ ...keyword }).limit(pageSize).skip(pageSize * (page - 1))',
  '  res.json({ products, page, pages: Math.ceil(count / pageSize) })',
  '}',
  '',
].join('\n');

const ROUTES = [
  "import express from 'express'",
  "import { getProducts } from './controller.js'",
  'const router = express.Router()',
  "router.route('/').get(getProducts)",
  'export default router',
  '',
].join('\n');

const SERVER = [
  "import express from 'express'",
  "import products from './routes.js'",
  "import { expenses } from './expenses.js'",
  "import { users } from './users.js'",
  'const app = express()',
  "app.use('/api/products', products)",
  "app.use('/api/expenses', expenses)",
  "app.use('/api/users', users)",
  'app.listen(5000)',
  '',
].join('\n');

const EXPENSES_ROUTES = [
  "  .get('/total-spent', async (req, res) => {",
  '    const rows = await db.select().from(table).where(eq(table.userId, req.user.id))',
  '    const total = rows.reduce((sum, row) => sum + row.amount, 0)',
  '    res.json({ total })',
  '  })',
].join('\n');

const expenses = (withTotal: boolean): string =>
  [
    "import express from 'express'",
    "import { db, table, eq } from './db.js'",
    'export const expenses = express.Router()',
    "  .get('/', async (req, res) => {",
    '    res.json(await db.select().from(table).where(eq(table.userId, req.user.id)))',
    '  })',
    ...(withTotal ? [EXPENSES_ROUTES] : []),
    '',
  ].join('\n');

const USERS = [
  "import express from 'express'",
  "import { User } from './model.js'",
  'export const users = express.Router()',
  '/** Admins remove a user account */',
  'export const deleteUser = async (req, res) => {',
  '  const user = await User.findById(req.params.id)',
  '  if (!user) return res.status(404).json({ message: "User not found" })',
  '  await user.deleteOne()',
  '  res.json({ message: "User removed" })',
  '}',
  "users.delete('/:id', deleteUser)",
  '',
].join('\n');

// The client's action has the handler's name: finding it there is no move of the handler.
const ACTIONS = [
  "import axios from 'axios'",
  'export const deleteUser = (id) => async (dispatch) => {',
  "  dispatch({ type: 'USER_DELETE_REQUEST' })",
  '  await axios.delete(`/api/users/${id}`)',
  "  dispatch({ type: 'USER_DELETE_SUCCESS' })",
  '}',
  '',
].join('\n');

function shop() {
  const repo = createTempRepo();
  repo.commit('shop', {
    'PROJECT_SPEC.md': SPEC,
    'server/index.js': SERVER,
    'server/routes.js': ROUTES,
    'server/controller.js': CONTROLLER,
    'server/expenses.js': expenses(true),
    'server/users.js': USERS,
    'server/model.js': 'export const Product = {}\nexport const User = {}\n',
    'server/db.js': 'export const db = {}\nexport const table = {}\nexport const eq = () => 1\n',
    'client/actions.js': ACTIONS,
  });
  const intact = runCli(['gaps', '--json'], { cwd: repo.root });
  assert.is(intact.code, 0, intact.stderr);
  const report = intact.json<Report>();
  assert.is(statusOf(report, 'Search and paginate'), 'done');
  assert.is(statusOf(report, 'Total spent'), 'done');
  assert.is(statusOf(report, 'Admins delete users'), 'done');
  return repo;
}

function rerun(root: string): Report {
  const run = runCli(['gaps', '--json'], { cwd: root });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return run.json<Report>();
}

test('a handler deleted while the route still names it drops the item that names the route', () => {
  const repo = shop();
  try {
    writeFileSync(join(repo.root, 'server/controller.js'), "import { Product } from './model.js'\nexport const unrelated = 1\n");
    const after = rerun(repo.root);
    assert.is(statusOf(after, 'Search and paginate'), 'partial');
    assert.is(statusOf(after, 'Total spent'), 'done');
    const listed = runCli(['gaps', '--json'], { cwd: repo.root }).stdout;
    assert.match(listed, /getProducts in server\/controller\.js/);
  } finally {
    repo.cleanup();
  }
});

test('a route block with an anonymous handler deleted: the endpoint the item describes is no longer served', () => {
  const repo = shop();
  try {
    writeFileSync(join(repo.root, 'server/expenses.js'), expenses(false));
    const after = rerun(repo.root);
    // Its only code went with the block: the item is missing, not merely partial.
    assert.is(statusOf(after, 'Total spent'), 'missing');
    assert.is(statusOf(after, 'Search and paginate'), 'done');
  } finally {
    repo.cleanup();
  }
});

test('a handler deleted while a client action of the same name stays is a deletion, not a move', () => {
  const repo = shop();
  try {
    writeFileSync(join(repo.root, 'server/users.js'), USERS.replace(/\/\*\* Admins[\s\S]*?\n}\n/, ''));
    const after = rerun(repo.root);
    assert.is(statusOf(after, 'Admins delete users'), 'partial');
  } finally {
    repo.cleanup();
  }
});

test.run();
