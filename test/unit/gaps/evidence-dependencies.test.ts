import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanSequentially } from '../../../src/gaps/scan-many.js';
import { buildCodeIndex } from '../../../src/gaps/code-index.js';
import { describeObjection, endpointRecords, handlerAt, objectionsTo, recordsFor } from '../../../src/gaps/evidence-memory.js';
import { servingEndpoint } from '../../../src/gaps/explicit-evidence.js';
import { linkEndpoints } from '../../../src/gaps/scanner/link-endpoints.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';

async function indexOf(files: Record<string, string>) {
  const scans = (await scanSequentially(Object.entries(files).map(([path, content]) => ({ path, content })))).filter(
    (scan): scan is FileScan => scan !== null,
  );
  return buildCodeIndex(Object.keys(files).sort(), scans, linkEndpoints(scans).endpoints);
}

const LOGIN = [
  'from app.core import security',
  '',
  '@router.post("/login/access-token")',
  'def login_access_token(form):',
  '    user = authenticate(form.username, form.password)',
  '    return security.create_access_token(user.id, expires_delta)',
  '',
].join('\n');
const SECURITY =
  'def create_access_token(subject, expires_delta):\n    to_encode = {"exp": expires_delta, "sub": str(subject)}\n    return jwt.encode(to_encode, key)\n';

test('a remembered definition notes what it calls; deleting that while the call stays is an objection', async () => {
  const files = {
    'app/login.py': LOGIN,
    'app/core/security.py': SECURITY,
    'app/auth.py': 'def authenticate(name, password):\n    return lookup(name)\n',
  };
  const index = await indexOf(files);
  const [record] = recordsFor([{ file: 'app/login.py', line: 4, symbol: 'login_access_token' }], index);
  assert.equal(
    record?.uses?.map((use) => [use.name, use.file]),
    [
      ['authenticate', 'app/auth.py'],
      ['create_access_token', 'app/core/security.py'],
    ],
  );
  const remembered = { text: 'OAuth2 login', records: [record!] };
  assert.equal(objectionsTo(remembered, index), []);
  const gone = objectionsTo(remembered, await indexOf({ ...files, 'app/core/security.py': 'SECRET = 1\n' }));
  assert.equal(
    gone.map((o) => [o.what, o.use?.name]),
    [['dangling', 'create_access_token']],
  );
  assert.match(
    describeObjection(gone[0]!),
    /create_access_token \(app\/core\/security\.py\), which login_access_token in app\/login\.py still calls, was deleted/,
  );
  // Moved to another module: still defined, nothing dangles.
  assert.equal(
    objectionsTo(remembered, await indexOf({ ...files, 'app/core/security.py': 'X = 1\n', 'app/core/tokens.py': SECURITY })),
    [],
  );
  // The caller stopped calling it (a refactor): deleting the helper breaks nothing.
  const refactored = LOGIN.replace(
    'security.create_access_token(user.id, expires_delta)',
    'jwt.encode({"sub": user.id, "exp": expires_delta}, key)',
  );
  assert.equal(objectionsTo(remembered, await indexOf({ ...files, 'app/login.py': refactored, 'app/core/security.py': 'X = 1\n' })), []);
  // A staged check scans only the touched file: the untouched caller still calls it.
  const staged = await indexOf({ 'app/core/security.py': 'X = 1\n' });
  assert.equal(
    objectionsTo(remembered, staged, new Set(['app/core/security.py'])).map((o) => o.use?.name),
    ['create_access_token'],
  );
});

test('a common method name is a use when it is called through its class', async () => {
  const files = {
    'flaskr/controllers/user_controller.py':
      'class UserController:\n    @staticmethod\n    def create(data):\n        db.session.add(UserModel(**data))\n        db.session.commit()\n',
    'flaskr/controllers/task_controller.py':
      'class TaskController:\n    @staticmethod\n    def create(data):\n        db.session.add(TaskModel(**data))\n',
    'flaskr/routes/user_route.py':
      'from flaskr.controllers.user_controller import UserController\n\n@blp.route("/")\nclass Users(MethodView):\n    def post(self, data):\n        return UserController.create(data)\n',
  };
  const index = await indexOf(files);
  const [record] = recordsFor([{ file: 'flaskr/routes/user_route.py', line: 4, symbol: 'Users' }], index);
  assert.ok(record?.uses?.some((use) => use.name === 'create' && use.container === 'UserController'));
  const remembered = { text: 'Create an account', records: [record!] };
  assert.equal(objectionsTo(remembered, index), []);
  const without = files['flaskr/controllers/user_controller.py'].replace(/    @staticmethod\n    def create[\s\S]*$/, '    pass\n');
  const gone = objectionsTo(remembered, await indexOf({ ...files, 'flaskr/controllers/user_controller.py': without }));
  assert.equal(
    gone.map((o) => `${o.what} ${o.use?.container}.${o.use?.name}`),
    ['dangling UserController.create'],
    "TaskController.create is another class's method",
  );
});

test('an injected instance named after its class makes its methods uses (NestJS services)', async () => {
  const files = {
    'communities.service.ts':
      'export class CommunitiesService {\n  async create(dto) {\n    return this.repository.save(this.repository.create(dto))\n  }\n}\n',
    'users.service.ts': 'export class UsersService {\n  async create(dto) {\n    return this.users.save(dto)\n  }\n}\n',
    'communities.controller.ts':
      'export class CommunitiesController {\n  constructor(private readonly communitiesService: CommunitiesService) {}\n  async create(dto) {\n    return this.communitiesService.create(dto)\n  }\n}\n',
  };
  const index = await indexOf(files);
  const [record] = recordsFor([{ file: 'communities.controller.ts', line: 3, symbol: 'create' }], index);
  assert.equal(record?.uses, [{ name: 'create', file: 'communities.service.ts', container: 'CommunitiesService' }]);
  const { 'communities.service.ts': _deleted, ...rest } = files;
  const gone = objectionsTo({ text: 'Create communities', records: [record!] }, await indexOf(rest));
  assert.equal(
    gone.map((o) => o.what),
    ['dangling'],
  );
});

test("a decorated method's body starts below its decorators (a parser starts the method at its first decorator)", async () => {
  const index = await indexOf({
    'c.controller.ts':
      'export class C {\n  /** Creates a community. */\n  @Post()\n  @UseGuards(\n    JwtAuthGuard,\n  )\n  async create(@Body() dto) {\n    const community = await this.communitiesService.create(dto)\n    return CommunityResponseDto.fromEntity(community)\n  }\n}\n',
  });
  const scan = index.scans.get('c.controller.ts')!;
  const at = scan.symbols.findIndex((symbol) => symbol.name === 'create');
  const body = scan.symbolBodies?.[at];
  assert.ok(body?.terms.includes('communitiesService'), String(body?.terms));
  assert.ok(body?.terms.includes('fromEntity'));
  assert.is(body?.end, 10);
  assert.is(body?.doc, 'Creates a community.');
});

test('a whole file remembers what it imports from its own modules; a stub is never remembered', async () => {
  const files = {
    'src/commands/nr.ts':
      "import { dump, load } from '../storage'\nimport prompts from 'prompts'\nexport async function run() {\n  const storage = await load()\n  await dump(storage)\n}\n",
    'src/storage.ts':
      'export async function load() {\n  return JSON.parse(await readText(path))\n}\nexport async function dump(storage) {\n  await writeText(path, JSON.stringify(storage))\n}\n',
    'src/guard.ts': 'export class C {\n  googleAuth() {}\n}\n',
  };
  const index = await indexOf(files);
  const records = recordsFor(
    [
      { file: 'src/commands/nr.ts', line: 1 },
      { file: 'src/guard.ts', line: 2, symbol: 'googleAuth' },
    ],
    index,
  );
  assert.equal(
    records.map((record) => [record.file, record.symbol, record.uses?.map((use) => use.name)]),
    [['src/commands/nr.ts', null, ['dump', 'load']]],
    'the empty method is a stub already: not evidence',
  );
  const remembered = { text: 'Remember the last script', records };
  assert.equal(objectionsTo(remembered, index), []);
  const { 'src/storage.ts': _gone, ...rest } = files;
  assert.equal(
    objectionsTo(remembered, await indexOf(rest)).map((o) => o.use?.name),
    ['dump', 'load'],
  );
  // The file stopped importing them (a refactor): nothing dangles.
  assert.equal(
    objectionsTo(
      remembered,
      await indexOf({
        ...rest,
        'src/commands/nr.ts':
          "import { readState, writeState } from './state'\nexport async function run() {\n  const storage = await readState()\n  await writeState(storage)\n}\n",
      }),
    ),
    [],
  );
});

test("a definition that lost a sizeable part of its code with every identifier carrying one of the item's words was cut", async () => {
  const lines = (install: boolean) =>
    [
      'export async function detect(options) {',
      '  const lockPath = await findUp(Object.keys(LOCKS), { cwd: options.cwd })',
      '  const packageJsonPath = lockPath ? resolvePath(lockPath, "../package.json") : await findUp("package.json", options)',
      '  const packageManager = readPackageJson(packageJsonPath).packageManager',
      '  let agent = parseAgent(packageManager) ?? LOCKS[baseName(lockPath)]',
      ...(install
        ? [
            '  if (agent && !commandExists(agent)) {',
            '    const { tryInstall } = await prompts({ name: tryInstall, type: confirm, message: agentLink(agent, INSTALL_PAGE[agent]) })',
            '    if (!tryInstall) exitProcess(1)',
            '    await runCommand(globalInstallCommand(agent, version), { stdio: inherit, cwd: options.cwd })',
            '  }',
          ]
        : []),
      '  return agent',
      '}',
      '',
    ].join('\n');
  const index = await indexOf({ 'src/detect.ts': lines(true) });
  const records = recordsFor([{ file: 'src/detect.ts', line: 1, symbol: 'detect' }], index, [
    'offer',
    'install',
    'detect',
    'packag',
    'manag',
  ]);
  assert.equal(records[0]?.terms, ['install', 'manag', 'packag']);
  const cut = objectionsTo({ text: 'Offer to install', records }, await indexOf({ 'src/detect.ts': lines(false) }));
  assert.equal(
    cut.map((o) => [o.what, o.lost]),
    [['cut', ['install']]],
  );
  assert.match(describeObjection(cut[0]!), /lost the part of its code that carried the item's words \(install\)/);
  // A small edit of the body is no removal.
  const edited = lines(true).replace('  const packageManager = readPackageJson(packageJsonPath).packageManager\n', '');
  assert.equal(objectionsTo({ text: 'Offer to install', records }, await indexOf({ 'src/detect.ts': edited })), []);
});

test('a handler guarded by a Passport strategy depends on the file that provides it, directly or through a guard class', async () => {
  const files = {
    'auth/auth.controller.ts': [
      'export class AuthController {',
      "  @UseGuards(AuthGuard('google'))",
      '  async googleCallback(@Req() req) {',
      '    return this.authService.signIn(req.user)',
      '  }',
      '  @UseGuards(JwtRefreshGuard)',
      '  async refresh(@Req() req) {',
      '    return this.authService.renewAccessToken(req.user)',
      '  }',
      '}',
      '',
    ].join('\n'),
    'auth/guards/jwt-refresh.guard.ts': "export class JwtRefreshGuard extends AuthGuard('jwt-refresh') {}\n",
    'auth/strategies/google.strategy.ts':
      "export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {\n  validate(profile) {\n    return profile\n  }\n}\n",
    'auth/strategies/jwt-refresh.strategy.ts':
      "export class JwtRefreshStrategy extends PassportStrategy(\n  Strategy,\n  'jwt-refresh',\n) {\n  validate(payload) {\n    return payload\n  }\n}\n",
  };
  const index = await indexOf(files);
  assert.equal(index.scans.get('auth/strategies/jwt-refresh.strategy.ts')?.provides, ['passport:jwt-refresh']);
  const records = recordsFor(
    [
      { file: 'auth/auth.controller.ts', line: 2, symbol: 'googleCallback' },
      { file: 'auth/auth.controller.ts', line: 6, symbol: 'refresh' },
    ],
    index,
  );
  assert.equal(
    records.map((record) => record.uses?.map((use) => `${use.name}${use.via ? ` via ${use.via}` : ''}`)),
    [['passport:google'], ['JwtRefreshGuard', 'passport:jwt-refresh via JwtRefreshGuard']],
  );
  const remembered = { text: 'Sign in', records };
  assert.equal(objectionsTo(remembered, index), []);
  const { 'auth/strategies/google.strategy.ts': _g, 'auth/strategies/jwt-refresh.strategy.ts': _r, ...rest } = files;
  const gone = objectionsTo(remembered, await indexOf(rest));
  assert.equal(
    gone.map((o) => o.use?.name),
    ['passport:google', 'passport:jwt-refresh'],
  );
  assert.match(
    describeObjection(gone[1]!),
    /the Passport strategy 'jwt-refresh' \(auth\/strategies\/jwt-refresh\.strategy\.ts\), which refresh in auth\/auth\.controller\.ts still asks for through JwtRefreshGuard, is no longer provided/,
  );
});

test('a route registered with named handlers remembers them: deleting the handler leaves the route dangling', async () => {
  const files = {
    'backend/routes/productRoutes.js':
      "import express from 'express'\nimport { getTopProducts } from '../controllers/productController.js'\nconst router = express.Router()\nrouter.get('/top', getTopProducts)\nexport default router\n",
    'backend/controllers/productController.js':
      'export const getTopProducts = asyncHandler(async (req, res) => {\n  const products = await Product.find({}).sort({ rating: -1 }).limit(3)\n  res.json(products)\n})\n',
    'backend/server.js': "import productRoutes from './routes/productRoutes.js'\napp.use('/api/products', productRoutes)\n",
  };
  const index = await indexOf(files);
  const endpoint = index.endpoints.find((e) => e.path === '/api/products/top');
  assert.equal(endpoint?.handlers, ['getTopProducts']);
  const records = endpointRecords([endpoint!], index);
  assert.equal(records[0]?.uses, [{ name: 'getTopProducts', file: 'backend/controllers/productController.js' }]);
  const remembered = { text: 'Top rated products', records };
  assert.equal(objectionsTo(remembered, index), []);
  const gone = await indexOf({ ...files, 'backend/controllers/productController.js': 'export const other = 1\n' });
  assert.equal(
    objectionsTo(remembered, gone).map((o) => o.what),
    ['dangling'],
  );
});

test('a remembered route is served only by a route of its shape; the handler of a route is found by its line', async () => {
  const endpoints = [
    { method: 'DELETE', path: '/api/v1/users/me', file: 'users.py', line: 3 },
    { method: 'GET', path: '/api/v1/users/{user_id}', file: 'users.py', line: 9 },
  ];
  assert.is(servingEndpoint(endpoints, 'DELETE', '/api/v1/users/:user_id'), undefined);
  assert.is(servingEndpoint(endpoints, 'GET', '/api/v1/users/:id')?.line, 9);
  const index = await indexOf({
    'users.py': '@router.delete("/me")\ndef delete_user_me(session):\n    session.delete(current_user)\n\n\ndef helper():\n    return 1\n',
    'route.ts': 'export async function GET(request) {\n  const chats = await getChatsByUserId({ id })\n  return Response.json(chats)\n}\n',
  });
  const users = index.scans.get('users.py')!;
  assert.is(users.symbols[handlerAt(users, 1)]?.name, 'delete_user_me', 'the decorated definition below');
  const route = index.scans.get('route.ts')!;
  assert.is(route.symbols[handlerAt(route, 2)]?.name, 'GET', 'the definition holding the line');
  assert.is(handlerAt(users, 20), -1);
  const nest = await indexOf({
    'communities.controller.ts':
      "@Controller('communities')\nexport class CommunitiesController {\n  constructor(private readonly communitiesService: CommunitiesService) {}\n\n  @Post()\n  async create(@Body() dto) {\n    return this.communitiesService.create(dto)\n  }\n}\n",
  });
  const controller = nest.scans.get('communities.controller.ts')!;
  assert.is(controller.symbols[handlerAt(controller, 5)]?.name, 'create', 'the decorated method, not the class holding the decorator');
});

test.run();
