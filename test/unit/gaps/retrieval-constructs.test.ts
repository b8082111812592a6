import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ABSENT_TERM_SHARE, codeTermsOf, queryTerms } from '../../../src/gaps/retrieval.js';
import { splitWords, stem } from '../../../src/gaps/words.js';
import { shortFlags } from '../../../src/gaps/synonyms.js';
import { scanSequentially } from '../../../src/gaps/scan-many.js';
import { buildCodeIndex } from '../../../src/gaps/code-index.js';
import { evaluateRequirement, evaluateAcceptance } from '../../../src/gaps/evaluate-items.js';
import type { FileScan } from '../../../src/gaps/scanner/types.js';
import type { SpecFeature } from '../../../src/domain/spec.js';

// Constructs of real repositories (bench/realworld) that retrieval missed; one fixture each.

async function indexOf(files: Record<string, string>, specText = '') {
  const scans = (await scanSequentially(Object.entries(files).map(([path, content]) => ({ path, content })))).filter(
    (scan): scan is FileScan => scan !== null,
  );
  return buildCodeIndex(Object.keys(files).sort(), scans, [], specText);
}

const feature = (files: string[]): SpecFeature => ({
  id: 'f',
  name: 'F',
  complexity: null,
  description: '',
  requirements: [],
  files,
  fileLines: files.map(() => 1),
  acceptanceCriteria: [],
  dependsOn: [],
  dependencyTexts: [],
  gate: null,
  line: 1,
});
const requirement = (text: string) => ({ id: 'f/req', featureId: 'f', kind: 'requirement' as const, text });
const criterion = (text: string) => ({ id: 'f/acc', featureId: 'f', kind: 'acceptance' as const, text });

test('tRPC is one word in prose and in code', () => {
  assert.equal(splitWords('tRPC router'), ['trpc', 'router']);
  assert.equal(splitWords('fastifyTRPCPlugin'), ['fastify', 'trpc', 'plugin']);
  assert.equal(splitWords('tRPCClient'), ['trpc', 'client']);
  assert.equal(splitWords('aValue'), ['a', 'value']);
});

test('phrases: log in, sign in, server-sent events, real time; not printing', () => {
  assert.ok(queryTerms('Log in with email').includes('login'));
  assert.not.ok(queryTerms('Log in with email').includes(queryTerms('print')[0] as string));
  assert.ok(codeTermsOf('signIn').has(queryTerms('Sign in with Google')[0] as string));
  assert.ok(queryTerms('Real-time notifications over server-sent events').includes('sse'));
  assert.ok(codeTermsOf('useNotificationsSSE').has('sse'));
  assert.not.ok(queryTerms('Expense table through Drizzle').includes(stem('through')));
});

test('stems: add meets adds; pg is postgres; pick is choose', () => {
  assert.is(stem('add'), stem('adds'));
  assert.is(stem('add'), stem('adding'));
  assert.is(stem('run'), stem('running'));
  assert.ok(codeTermsOf('pgTable').has(queryTerms('Postgres')[0] as string));
  assert.ok(codeTermsOf('choices').has(queryTerms('Pick')[0] as string));
});

test('short flags are terms, case kept; long options and hyphenated words are not', () => {
  assert.equal(shortFlags('ni with a package and -D adds'), ['-D']);
  assert.equal(shortFlags('nun -g foo'), ['-g']);
  assert.equal(shortFlags('--frozen x-y e-mail'), []);
  assert.ok(queryTerms('nun with -g removes').includes('-g'));
  assert.ok(codeTermsOf('nun -g foo').has('-g'));
});

test('a file set up in top-level statements is evidence through its statements', async () => {
  const files = {
    'server/db/schema/expenses.ts':
      "import { pgTable, serial, text } from 'drizzle-orm/pg-core'\nexport const expenses = pgTable('expenses', { id: serial('id'), title: text('title') })\n",
    'server/app.ts':
      "import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify'\napp.register(fastifyTRPCPlugin, { prefix: '/v1', trpcOptions: { router: appRouter } })\n",
  };
  const index = await indexOf(files);
  const expense = evaluateRequirement(
    requirement('Expense table in Postgres through Drizzle'),
    index,
    feature(['server/db/schema/expenses.ts']),
  );
  assert.is(expense.status, 'done');
  const mounted = evaluateRequirement(requirement('tRPC router mounted on Fastify under /v1'), index, feature(['server/app.ts']));
  assert.is(mounted.status, 'done');
  assert.is(mounted.evidence[0]?.file, 'server/app.ts');
  // The statements gone, the evidence goes with them.
  const gone = await indexOf({ ...files, 'server/app.ts': 'export const app = fastify()\n' });
  assert.is.not(
    evaluateRequirement(requirement('tRPC router mounted on Fastify under /v1'), gone, feature(['server/app.ts'])).status,
    'done',
  );
});

test("the spec's words split a run-together name; a doc example's call is not a word", async () => {
  const router = "export const appRouter = router({\n  healthcheck: publicProcedure.query(() => 'yay'),\n})\n";
  const files = { 'src/server/routers/_app.ts': router };
  const item = requirement('Health check procedure');
  const own = feature(['src/server/routers/_app.ts']);
  assert.is(evaluateRequirement(item, await indexOf(files, item.text), own).status, 'done');
  assert.is.not(evaluateRequirement(item, await indexOf(files), own).status, 'done');
  const py = {
    'src/filesize.py':
      'def naturalsize(value, binary=False):\n    """Format bytes.\n\n    >>> naturalsize(3000)\n    """\n    return str(value)\n',
    'tests/test_i18n.py': 'def test_naturalsize_binary():\n    assert naturalsize(1, True)\n',
  };
  const sized = evaluateAcceptance(criterion('Natural size in binary units'), undefined, await indexOf(py, 'Natural size in binary units'));
  assert.ok(sized.judgement?.candidates[0]?.matched.includes(stem('size')));
});

test('tests: tap.test titles, titles from a value, folders of the test path', async () => {
  const index = await indexOf({
    'src/auth/create-token.test.ts': "import tap from 'tap'\ntap.test('creates a token and parses it back', (t) => {\n  t.end()\n})\n",
    'test/programmatic/detect.spec.ts':
      'fixtures.forEach(fixture => describe(fixture, () => agents.forEach((agent) => {\n  it(agent, detectTest(fixture, agent))\n})))\n',
    'test/nun/npm.spec.ts': "it('global', _('eslint -g', 'npm uninstall -g eslint'))\n",
    'src/pattern.ts': "export const ok = (s: string) => pattern.test('abc')\n",
  });
  assert.is(evaluateAcceptance(criterion('Creates a token and parses it back'), undefined, index).status, 'done');
  const detection = evaluateAcceptance(criterion('Detection finds the agent of each fixture'), undefined, index);
  assert.is(detection.judgement?.candidates[0]?.file, 'test/programmatic/detect.spec.ts');
  assert.ok(detection.judgement?.candidates[0]?.matched.includes('agent'));
  const nun = evaluateAcceptance(criterion('nun removes a global package'), undefined, index);
  assert.ok(nun.judgement?.candidates[0]?.matched.includes('nun'));
  assert.not.ok(index.tests.some((t) => t.file === 'src/pattern.ts'));
});

test("a one-line test's strings and helper are its case; a matrix test's check builder names it", async () => {
  const helper = "function _(arg: string, expected: string) {\n  return () => expect(parseNun('bun', arg.split(' '))).toBe(expected)\n}\n";
  const index = await indexOf({
    'test/nun/bun.spec.ts': `import { parseNun } from '../../src/parse'\n${helper}it('global', _('eslint ni -g', 'bun remove -g eslint ni'))\n`,
    'test/programmatic/detect.spec.ts':
      'fixtures.forEach(fixture => describe(fixture, () => agents.forEach((agent) => {\n  it(agent, detectTest(fixture, agent))\n})))\n',
  });
  const global = index.retrieval.tests.find((doc) => doc.label === 'global');
  const strings = global?.fields.find((field) => field.name === 'case');
  assert.ok(strings?.terms.has('-g'), 'the flag the test feeds in');
  assert.ok(strings?.terms.has(queryTerms('remove')[0] as string), 'the command it expects');
  const nun = evaluateAcceptance(criterion('nun with -g removes a global package'), undefined, index);
  assert.is(nun.judgement?.candidates[0]?.label, 'global');
  assert.ok(nun.judgement?.candidates[0]?.matched.includes('-g'));
  const matrix = index.retrieval.tests.find((doc) => doc.file === 'test/programmatic/detect.spec.ts');
  assert.ok(matrix?.fields.find((field) => field.name === 'title')?.terms.has(queryTerms('detection')[0] as string));
  // A literal title is the test's name; the call beside it is not read into it.
  const literal = await indexOf({ 'test/a.spec.ts': "it('empty', detectTest('x'))\n" });
  assert.not.ok(
    literal.retrieval.tests[0]?.fields.find((field) => field.name === 'title')?.terms.has(queryTerms('detection')[0] as string),
  );
});

test('the titles of the tests that exercise a definition describe it, through a helper of the test file', async () => {
  const parse = "export const parseNr = (agent: string, args: string[]) => {\n  return getCommand(agent, 'run', args)\n}\n";
  const tests =
    "import { parseNr } from '../../src/commands'\nfunction _(arg: string, expected: string) {\n  return () => expect(parseNr('npm', arg.split(' '))).toBe(expected)\n}\nit('script', _('dev', 'npm run dev'))\nit('script with arguments', _('build --watch', 'npm run build -- --watch'))\n";
  const item = requirement('Translate run script commands');
  const own = feature(['src/parse.ts']);
  const tested = evaluateRequirement(item, await indexOf({ 'src/parse.ts': parse, 'test/nr/npm.spec.ts': tests }), own);
  assert.is(tested.status, 'done');
  assert.is(tested.evidence[0]?.symbol, 'parseNr');
  assert.ok(tested.evidence[0]?.matched?.includes(queryTerms('script')[0] as string));
  assert.is.not(evaluateRequirement(item, await indexOf({ 'src/parse.ts': parse }), own).status, 'done');
  // Two definitions of one name: which one the test exercises is not known.
  const twice = await indexOf({ 'src/parse.ts': parse, 'src/other.ts': parse, 'test/nr/npm.spec.ts': tests });
  assert.not.ok(twice.retrieval.code.some((doc) => doc.fields.some((field) => field.name === 'tested')));
});

test("a criterion word that neither tests nor code use is the spec's wording; one only the code uses is a missing test", async () => {
  const index = await indexOf({
    'src/jobs.ts': 'export function cancelJob(id: string) {\n  return id\n}\n',
    'test/jobs.test.ts': "it('starts a job', () => {\n  expect(startJob('a')).toBe('a')\n})\n",
  });
  const idf = index.retrieval.idf;
  const [cancel, project] = queryTerms('cancel project');
  assert.ok(idf(project as string, 'tests') < idf(cancel as string, 'tests'));
  assert.ok(Math.abs(idf(cancel as string, 'tests') * ABSENT_TERM_SHARE - idf('unseen', 'tests')) < 1e-9);
});

test('a matrix over a list of strings: each title from the list says which cases it runs', async () => {
  const index = await indexOf({
    'test/programmatic/runCli.spec.ts':
      "const agents = [...Object.keys(AGENTS), 'unknown']\nconst fixtures = ['lockfile', 'packager']\n" +
      'fixtures.forEach(fixture => describe(fixture, () => agents.forEach(agent => describe(agent, () => {\n' +
      "  it('ni foo -D', runCliTest(fixture, agent, parseNi, ['foo', '-D']))\n}))))\n" +
      'const modes = compute()\nmodes.forEach((mode) => it(mode, check(mode)))\n',
  });
  const labels = index.retrieval.tests.map((doc) => doc.label);
  assert.ok(labels.includes('fixture (lockfile, packager) › agent (…, unknown) › ni foo -D'), labels.join(' | '));
  // A list the scanner cannot read is left as its name.
  assert.ok(labels.includes('mode'), labels.join(' | '));
  const dev = evaluateAcceptance(criterion('ni in a packager fixture with -D'), undefined, index);
  assert.ok(dev.judgement?.candidates[0]?.matched.includes(queryTerms('packager')[0] as string));
});

test("a word only a build tool's config uses is the spec's wording, not an untested feature", async () => {
  const files = {
    'build.config.ts': 'export default defineBuildConfig({ inlineDependencies: true })\n',
    'test/a.spec.ts': "it('adds', () => {\n  expect(add()).toBe(1)\n})\n",
  };
  const [dependency] = queryTerms('dependency');
  const tooling = (await indexOf(files)).retrieval.idf;
  const product = (await indexOf({ ...files, 'src/deps.ts': 'export function addDependency() {\n  return 1\n}\n' })).retrieval.idf;
  assert.ok(tooling(dependency as string, 'tests') < product(dependency as string, 'tests'));
});

test('a test reads in the words of the definitions it exercises: their names and doc comments', async () => {
  const number = (doc: string) => `def scientific(value, precision=2):\n    ${doc}\n    return str(value)\n`;
  const tests = 'import humanize\n\n\ndef test_scientific():\n    assert humanize.scientific(1000, 1) == "1.0 x 10"\n';
  const item = criterion('Scientific notation uses the given precision');
  const documented = await indexOf({
    'src/humanize/number.py': number(
      '"""Return number in scientific notation.\n\n    Args:\n        precision (int): Number of decimals.\n    """',
    ),
    'tests/test_number.py': tests,
  });
  const judged = evaluateAcceptance(item, undefined, documented);
  assert.is(judged.status, 'done');
  assert.ok(
    documented.retrieval.tests[0]?.fields.find((field) => field.name === 'exercises')?.terms.has(queryTerms('notation')[0] as string),
  );
  const bare = await indexOf({ 'src/humanize/number.py': number('x = 1'), 'tests/test_number.py': tests });
  assert.is.not(evaluateAcceptance(item, undefined, bare).status, 'done');
});

test.run();
