import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProjectFileReader } from '../../../src/adapters/project-files.js';
import { loadGitleaksConfig, parseGitleaksConfig } from '../../../src/quality/secrets/gitleaks-config.js';
import { scanFile } from '../../../src/quality/secrets/scan-file.js';

/** A repository of small config files, read as the index or a commit would be. */
function files(map: Record<string, string>): ProjectFileReader {
  return Object.assign(async (path: string) => map[path] ?? null, {
    where: 'the index (stage it)',
    fromWorkTree: false,
    versions: async (paths: readonly string[]) => new Map(paths.map((path) => [path, map[path] === undefined ? null : path])),
  });
}

// Made-up token shapes of two in-house rules; assembled here so the file holds none whole.
const acme = ['acme', '_'].join('') + 'q7w2e9r4t6y1';
const beta = ['beta', '-'].join('') + 'Z8x3C5v7B1n4';
const ghp = ['gh', 'p_'].join('') + 'Zq8wX2vN5kR7tY1uB4mC6dF9gH3jL0pS2aE8';
const ACME_RULE = "[[rules]]\nid = \"acme-key\"\nregex = '''acme_[a-z0-9]{12}'''\nkeywords = [\"acme_\"]\n";
const BETA_RULE = "[[rules]]\nid = \"beta-key\"\nregex = '''beta-[A-Za-z0-9]{12}'''\n";

const rulesFound = (config: Awaited<ReturnType<typeof parseGitleaksConfig>>, path: string, text: string) =>
  scanFile(config, path, text).map((hit) => hit.rule);

test('[extend] path: the other file rules and allowlists apply, this file rules replace same ids', async () => {
  const read = files({
    '.gitleaks.toml': `[extend]\npath = "config/base.toml"\ndisabledRules = ["beta-key"]\n${ACME_RULE.replace('acme_[a-z0-9]{12}', 'acme_[a-z0-9]{12}x?')}`,
    'config/base.toml': `${ACME_RULE}${BETA_RULE}[[rules]]\nid = "p12"\npath = '''\\.p12$'''\n[[allowlists]]\npaths = ['''^fixtures/''']\n`,
  });
  const config = await loadGitleaksConfig(read);
  assert.equal(
    config.sources.map((s) => s.file),
    ['.gitleaks.toml', 'config/base.toml'],
  );
  assert.equal(rulesFound(config, 'a.txt', `k = ${acme}`), ['acme-key'], 'the own acme rule, once');
  assert.is(config.rules.rules.filter((rule) => rule.id === 'acme-key')[0]?.pattern?.source.endsWith('x?'), true);
  assert.equal(rulesFound(config, 'a.txt', `k = ${beta}`), [], 'disabledRules drops an extended rule');
  assert.equal(rulesFound(config, 'fixtures/a.txt', `k = ${acme}`), [], 'the extended allowlist applies');
  assert.equal(rulesFound(config, 'certs/a.p12', 'x'), ['p12'], 'and its path rules');
  assert.equal(rulesFound(config, 'a.txt', `t = ${ghp}`), [], 'without useDefault anywhere, br-guard rules stay off');
});

test('[extend] chains: a file that extends one that uses the defaults gets them too', async () => {
  const read = files({
    '.gitleaks.toml': '[extend]\npath = "./team.toml"\n',
    'team.toml': `[extend]\nuseDefault = true\n${ACME_RULE}`,
  });
  const config = await loadGitleaksConfig(read);
  assert.equal(rulesFound(config, 'a.txt', `t = ${ghp}`), ['github-token']);
  assert.equal(rulesFound(config, 'a.txt', `k = ${acme}`), ['acme-key']);
  assert.equal(
    config.sources.map((s) => s.file),
    ['.gitleaks.toml', 'team.toml'],
  );
  const none = await loadGitleaksConfig(files({}));
  assert.equal([none.file, none.sources.length, rulesFound(none, 'a.txt', `t = ${ghp}`)], [null, 0, ['github-token']]);
});

// A password the generic keyword+entropy rule reports, and a Heroku key (a keyed rule: a UUID under a key naming Heroku).
const password = ['Qz', 'r8Lk2', 'Vn5Xw7!'].join('');
const heroku = ['3f2b8c1e', '9a4d', '4e7f', 'a1b2', 'c3d4e5f60718'].join('-');

test('a rule with an inherited id extends it (gitleaks): allowlists, a path, extra keywords; no regex needed', async () => {
  const config = await loadGitleaksConfig(
    files({
      '.gitleaks.toml': [
        '[extend]\nuseDefault = true\n',
        // gitleaks's id of its GitHub PAT rule, with only an allowlist: extends br-guard's github-token.
        "[[rules]]\nid = \"github-pat\"\n[[rules.allowlists]]\npaths = ['''^fixtures/''']\n",
        // gitleaks's generic rule, with stopwords.
        '[[rules]]\nid = "generic-api-key"\n[[rules.allowlists]]\nstopwords = ["r8lk2"]\n',
        // A keyed rule limited to a path.
        "[[rules]]\nid = \"heroku-api-key\"\npath = '''^deploy/'''\n",
        // A description and an extra keyword; the regex stays.
        '[[rules]]\nid = "npm-token"\ndescription = "our npm token"\nkeywords = ["NPMRC"]\n',
      ].join(''),
    }),
  );
  assert.equal(rulesFound(config, 'src/a.ts', `t = "${ghp}"`), ['github-token']);
  assert.equal(rulesFound(config, 'fixtures/a.ts', `t = "${ghp}"`), [], 'the allowlist of github-pat applies to github-token');
  assert.equal(rulesFound(config, 'a.env', `DB_PASSWORD=${password}\n`), [], 'generic-api-key stopwords apply to the generic rule');
  assert.equal(rulesFound(config, 'a.env', `DB_PASSWORD=${password.replace('r8Lk2', 'm4Tq9')}\n`), ['generic-secret']);
  assert.equal(rulesFound(config, 'deploy/.env', `HEROKU_API_KEY=${heroku}\n`), ['heroku-api-key']);
  assert.equal(rulesFound(config, 'src/.env', `HEROKU_API_KEY=${heroku}\n`), [], 'the path limits the keyed rule');
  // The path is read from the start on every file (its regex is global).
  assert.equal(rulesFound(config, 'deploy/.env', `HEROKU_API_KEY=${heroku}\n`), ['heroku-api-key']);
  const npm = config.rules.rules.find((rule) => rule.id === 'npm-token');
  assert.equal([npm?.description, npm?.keywords], ['our npm token', ['npm_', 'npmrc']]);
  assert.is(config.rules.rules.length, (await loadGitleaksConfig(files({}))).rules.rules.length, 'no rule added or lost');
});

test('[extend] path: a path-only rule narrowed, a regex given to it, a new regex over an inherited one; disabledRules drops only inherited rules', async () => {
  const read = files({
    '.gitleaks.toml': [
      '[extend]\npath = "base.toml"\ndisabledRules = ["beta-key", "gone"]\n',
      "[[rules]]\nid = \"p12\"\npath = '''\\.pfx$'''\n",
      "[[rules]]\nid = \"keystore\"\nregex = '''storepass=(\\w{8,})'''\n",
      "[[rules]]\nid = \"acme-key\"\nregex = '''acme_[a-z0-9]{12}'''\nentropy = 3.5\n",
      BETA_RULE,
    ].join(''),
    'base.toml': `${ACME_RULE}${BETA_RULE}[[rules]]\nid = "p12"\npath = '''\\.p12$'''\n[[rules]]\nid = "keystore"\npath = '''\\.jks\\.txt$'''\n[[rules]]\nid = "gone"\npath = '''x'''\n`,
  });
  const config = await loadGitleaksConfig(read);
  assert.equal(rulesFound(config, 'a.p12', 'x'), [], 'the own path replaces the inherited one');
  assert.equal(rulesFound(config, 'a.pfx', 'x'), ['p12']);
  assert.equal(rulesFound(config, 'a.jks.txt', 'storepass=Zk3vQ9pL2m'), ['keystore'], 'a regex on a path rule keeps its path');
  assert.equal(rulesFound(config, 'b.txt', 'storepass=Zk3vQ9pL2m'), []);
  assert.equal(rulesFound(config, 'x', ''), [], 'a disabled path rule is gone');
  assert.equal(rulesFound(config, 'a.txt', `k = ${acme}`), ['acme-key'], 'entropy 3.5 is met');
  assert.equal(rulesFound(config, 'a.txt', 'k = acme_aaaaaaaaaaaa'), [], 'and a low-entropy match fails it');
  assert.equal(rulesFound(config, 'a.txt', `k = ${beta}`), ['beta-key'], 'this file writes beta-key itself: disabledRules leaves it');
});

test('a rule with neither regex nor path that extends nothing is exit 2 at its line', async () => {
  const error = await loadGitleaksConfig(
    files({ '.gitleaks.toml': '[extend]\nuseDefault = true\n\n[[rules]]\nid = "no-such-rule"\nkeywords = ["x"]\n' }),
  ).then(
    () => null,
    (e: Error & { location?: { file?: string; line?: number } }) => `${e.location?.file}:${e.location?.line}: ${e.message}`,
  );
  assert.is(error, '.gitleaks.toml:5: rule "no-such-rule": needs a "regex" or a "path": it extends no rule with this id');
  const alone = await parseGitleaksConfig('[[rules]]\nid = "a"\n').then(
    () => '',
    (e: Error) => e.message,
  );
  assert.is(alone, 'rule "a": needs a "regex" or a "path": it extends no rule with this id (there is no [extend])');
});

test('[extend] errors are exit 2 naming the file and the line of the path', async () => {
  const failure = async (map: Record<string, string>) =>
    loadGitleaksConfig(files(map)).then(
      () => null,
      (error: Error & { exitCode?: number; location?: { file?: string; line?: number } }) => ({
        exit: error.exitCode,
        where: `${error.location?.file}:${error.location?.line}`,
        message: error.message,
      }),
    );
  const missing = await failure({ '.gitleaks.toml': 'title = "t"\n\n[extend]\npath = "other.toml"\n' });
  assert.equal(missing, {
    exit: 2,
    where: '.gitleaks.toml:4',
    message: '[extend]: path "other.toml": no such file in the index (stage it)',
  });
  const cycle = await failure({
    '.gitleaks.toml': '[extend]\npath = "a.toml"\n',
    'a.toml': `${ACME_RULE}\n[extend]\npath = ".gitleaks.toml"\n`,
  });
  assert.equal(cycle?.where, 'a.toml:7');
  assert.match(cycle?.message ?? '', /makes a cycle: \.gitleaks\.toml → a\.toml → \.gitleaks\.toml/);
  const self = await failure({ '.gitleaks.toml': '[extend]\npath = ".gitleaks.toml"\n' });
  assert.match(self?.message ?? '', /cycle/);
  const inner = await failure({ '.gitleaks.toml': '[extend]\npath = "b.toml"\n', 'b.toml': '[[rules]]\nid = "x"\nregex = "([a"\n' });
  assert.equal(inner?.where, 'b.toml:3', 'a fault in the extended file names that file');
  const both = await failure({ '.gitleaks.toml': '[extend]\nuseDefault = true\npath = "b.toml"\n', 'b.toml': '' });
  assert.equal([both?.where, both?.message], ['.gitleaks.toml:3', '[extend]: useDefault and path cannot be used together: keep one']);
  const outside = await failure({ '.gitleaks.toml': '[extend]\npath = "../elsewhere.toml"\n' });
  assert.match(outside?.message ?? '', /inside the repository/);
  const url = await failure({ '.gitleaks.toml': '[extend]\nurl = "https://example.com/g.toml"\n' });
  assert.equal([url?.where, url?.message.startsWith('[extend]: url is not supported')], ['.gitleaks.toml:2', true]);
  const notText = await failure({ '.gitleaks.toml': '[extend]\npath = 3\n' });
  assert.match(notText?.message ?? '', /path must be a file name/);
  // Parsing a text on its own has no files to extend from.
  const alone = await parseGitleaksConfig('[extend]\npath = "x.toml"\n').then(
    () => '',
    (error: Error) => error.message,
  );
  assert.match(alone, /no such file in \(no repository\)/);
});

test.run();
