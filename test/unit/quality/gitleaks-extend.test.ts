import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ProjectFileReader } from '../../../src/adapters/project-files.js';
import { loadGitleaksConfig, parseGitleaksConfig } from '../../../src/quality/secrets/gitleaks-config.js';
import { scanFile } from '../../../src/quality/secrets/scan-file.js';

/** A repository of small config files, read as the index or a commit would be. */
function files(map: Record<string, string>): ProjectFileReader {
  return Object.assign(async (path: string) => map[path] ?? null, { where: 'the index (stage it)' });
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
