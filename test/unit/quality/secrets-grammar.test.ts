import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAddedLines } from '../../../src/quality/secrets/added-lines.js';
import { detectSecrets } from '../../../src/quality/secrets/detect-secrets.js';
import { isSecretKey, looksLikeWords } from '../../../src/quality/secrets/generic-rule.js';
import { parseGitleaksConfig } from '../../../src/quality/secrets/gitleaks-config.js';
import { parseGitleaksIgnore } from '../../../src/quality/secrets/gitleaks-ignore.js';
import { goRegex } from '../../../src/quality/secrets/go-regex.js';
import { isNeverSecret } from '../../../src/quality/secrets/never-secret.js';
import { scanFile } from '../../../src/quality/secrets/scan-file.js';

/** Format-valid fakes built at run time, so this file holds no complete token. */
const random = (seed: string, n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string =>
  [...createHash('sha512').update(seed).digest()]
    .slice(0, n)
    .map((byte) => alphabet[byte % alphabet.length])
    .join('');
const ghp = ['gh', 'p_'].join('') + random('ghp', 36);
const uuid = (seed: string): string => {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const heroku = uuid('heroku');
const password = `Qz${random('pw', 10)}7!`;

const forms: Array<[string, string, string]> = [
  ['.env bare', '.env', `DB_PASSWORD=${password}\n`],
  ['shell export', 'run.sh', `export DB_PASSWORD=${password}\n`],
  ['YAML bare', 'c.yml', `db:\n  password: ${password}\n`],
  ['Dockerfile ENV with a space', 'Dockerfile', `FROM x\nENV DB_PASSWORD ${password}\n`],
  ['Makefile ?=', 'Makefile', `DB_PASSWORD ?= ${password}\n`],
  ['INI', 'a.ini', `[db]\npassword = ${password}\n`],
  ['properties', 'a.properties', `spring.datasource.password=${password}\n`],
  ['Go typed var', 'a.go', `var dbPassword string = "${password}"\n`],
  ['PHP .=', 'a.php', `<?php\n$dbPassword .= '${password}';\n`],
  ['Java setProperty', 'A.java', `System.setProperty("db.password", "${password}");\n`],
  ['C# verbatim', 'a.cs', `var dbPassword = @"${password}";\n`],
  ['Python annotated', 'a.py', `DB_PASSWORD: str = "${password}"\n`],
  ['escaped JSON', 'a.json', `{"cfg": "{\\"db_password\\": \\"${password}\\"}"}\n`],
  ['XML element on its own lines', 'a.xml', `<cfg>\n  <dbPassword>\n    ${password}\n  </dbPassword>\n</cfg>\n`],
  ['XML key/value attributes', 'web.config', `<add key="DbPassword" value="${password}" />\n`],
  ['YAML block scalar', 'b.yaml', `db_password: |\n  ${password}\n`],
  ['Makefile :::=', 'Makefile', `DB_PASSWORD :::= "${password}"\n`],
  ['a file inside a JSON string, its line breaks escaped', 'a.json', `{"config.ini": "DB_PASSWORD=${password}\\nDEBUG=true"}\n`],
];

test('the value grammar reads every form people write a secret in', () => {
  for (const [name, path, text] of forms) {
    const hits = detectSecrets(text, { path });
    assert.is(hits.length, 1, `${name}: ${hits.map((h) => h.rule).join(',')}`);
    assert.is(hits[0]?.rule, 'generic-secret', name);
    assert.not.ok(JSON.stringify(hits).includes(password.slice(4)), `${name}: leaked`);
  }
});

test('a bare word in code is an expression, not a value; the same word in .env is', () => {
  assert.is(detectSecrets(`password = ${password}\n`, { path: 'a.py' }).length, 0);
  assert.is(detectSecrets(`password = ${password}\n`, { path: '.env' }).length, 1);
});

test('a bare dotted value is code unless a segment is long and random (a token such as dt0c01.<id>.<secret>)', () => {
  const token = `dt0c01.${random('dt1', 24)}.${random('dt2', 64)}`;
  assert.is(detectSecrets(`dynatrace_token: ${token}\n`, { path: 'c.yml' }).length, 1);
  assert.equal(detectSecrets('api_key: process.env.API_KEY\nsecret: config.auth.secret_value2\n', { path: 'c.yml' }), []);
});

test('public and publishable keys, CSRF tokens and values cut short with an ellipsis are not reported', () => {
  const value = random('pub', 40);
  assert.equal(
    detectSecrets(`publicToken = "${value}"\nSTRIPE_PUBLISHABLE_KEY="${value}"\ncsrf_token = "${value}"\n`, { path: 'a.env' }),
    [],
  );
  assert.equal(detectSecrets(`<input type="hidden" name="authenticity_token" value="${value}" />\n`, { path: 'a.html' }), []);
  assert.is(detectSecrets(`NEXT_PUBLIC_STRIPE_SECRET_KEY="${value}"\n`, { path: '.env' }).length, 1);
  assert.equal(detectSecrets(`export OP_SERVICE_ACCOUNT_TOKEN=ops_${value.slice(0, 30)}...\n`, { path: 'README.md' }), []);
});

test('curl -u user:password, also on a continued line; variables and placeholders are not', () => {
  const secret = random('curl', 16, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
  assert.is(
    detectSecrets(`curl -k -X POST https://h/api \\\n  -H 'Accept: text/plain' \\\n  -u developer:${secret}\n`)[0]?.rule,
    'curl-user-password',
  );
  assert.is(detectSecrets(`curl --user kevin:'${secret}' https://h\n`)[0]?.rule, 'curl-user-password');
  assert.equal(
    detectSecrets('curl -u "$USER:$TOKEN" https://h\ncurl -u <user:password> https://h\ncurl --user neo4j:[PASSWORD] http://h\n'),
    [],
  );
});

test('a Kubernetes Secret manifest with values; not a ConfigMap in another document of the same file, not a certificate', () => {
  const value = Buffer.from(`Qz${random('k8s', 14)}`).toString('base64');
  const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  # base64\n  password: ${value}\n`;
  assert.is(detectSecrets(secret, { path: 'k8s/db.yaml' })[0]?.rule, 'kubernetes-secret-manifest');
  const configMap = `kind: Secret\nmetadata:\n  name: x\n---\nkind: ConfigMap\ndata:\n  mode: ${value}\n`;
  assert.equal(detectSecrets(configMap, { path: 'k8s/cm.yaml' }), []);
  const cert = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');
  assert.equal(detectSecrets(`kind: Secret\ndata:\n  ca.pem: ${cert}\n`, { path: 'k8s/ca.yaml' }), []);
});

test("keyed rules: the provider's name must start a word of the key, not hide inside one", () => {
  const okta = `00${random('okta', 40)}`;
  assert.is(detectSecrets(`OKTA_API_TOKEN = ${okta}\n`, { path: '.env' })[0]?.rule, 'okta-api-token');
  assert.is(detectSecrets(`oktaApiToken: "${okta}"\n`, { path: 'a.ts' })[0]?.rule, 'okta-api-token');
  assert.not.ok(detectSecrets(`rookTable = ${okta}\n`, { path: '.env' }).some((hit) => hit.rule === 'okta-api-token'));
  // …and end at a word's end: `sumOfExposures` starts with `sumo` across two words.
  const sumo = random('sumo', 64);
  assert.is(detectSecrets(`SUMO_ACCESS_KEY = "${sumo}"\n`, { path: '.env' })[0]?.rule, 'sumologic-access-key');
  assert.not.ok(detectSecrets(`sumOfExposures = "${sumo}"\n`, { path: '.env' }).some((hit) => hit.rule === 'sumologic-access-key'));
});

test('redacted and made-up tokens are placeholders: #### runs, …TokenHere, an all-digit last part of a Slack token', () => {
  const slack = ['xo', 'xp-'].join('');
  assert.equal(detectSecrets(`"t": "${slack}572370529330-573807301142-572331691188-####################"\n`), []);
  assert.equal(detectSecrets(`x = "xoxe.${slack}1-SlackAppConfigurationAccessTokenHere"\n`), []);
  assert.is(
    detectSecrets(`"t": "${slack}572370529330-573807301142-572331691188-${random('sl', 32, 'abcdef0123456789')}"\n`)[0]?.rule,
    'slack-token',
  );
});

test('keyed rules: a UUID under a key naming its provider is a token; under an id key it is not', () => {
  assert.is(detectSecrets(`HEROKU_API_KEY=${heroku}\n`, { path: '.env' })[0]?.rule, 'heroku-api-key');
  assert.is(detectSecrets(`herokuApiKey: "${heroku}"\n`, { path: 'a.ts' })[0]?.rule, 'heroku-api-key');
  assert.equal(detectSecrets(`HEROKU_APP_ID=${heroku}\nrequest_id = "${heroku}"\n`, { path: '.env' }), []);
});

test('prefixed tokens are found in any form; a base64-wrapped JWT is decoded once', () => {
  assert.is(detectSecrets(`x=${ghp}`)[0]?.rule, 'github-token');
  // A Slack webhook written without its scheme, or with http.
  assert.is(detectSecrets(`hook: ${['hooks', 'slack', 'com'].join('.')}/services/${random('slack', 44)}\n`)[0]?.rule, 'slack-webhook');
  assert.is(
    detectSecrets(`hook: http://${['hooks', 'slack', 'com'].join('.')}/workflows/${random('slack2', 45)}\n`)[0]?.rule,
    'slack-webhook',
  );
  // The Firebase SDKs' published sample keys are documented examples.
  assert.equal(detectSecrets(`apiKey: "${['AIzaSyDMAScliyLx7F0', 'NPDEJi1QmyCgHIAODrlU'].join('')}"\n`, { path: 'a.js' }), []);
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: random('s', 10) })}.${random('sig', 43)}`;
  const wrapped = Buffer.from(jwt).toString('base64');
  const hits = detectSecrets(`data:\n  token: ${wrapped}\n`, { path: 'k8s.yaml' });
  assert.is(hits[0]?.rule, 'jwt');
  assert.match(hits[0]?.description ?? '', /base64-encoded/);
  assert.is(hits.length, 1);
  // A header without `alg` still makes a JWT when the payload is JSON too (RFC 7519's example).
  const signature = createHash('sha256').update('sig2').digest('base64url');
  const noAlg = `${b64({ apu: random('apu', 20) })}.${b64({ iss: 'joe', exp: 1300819380 })}.${signature}`;
  assert.is(detectSecrets(`x: ${Buffer.from(noAlg).toString('base64')}\n`, { path: 'a.yaml' })[0]?.rule, 'jwt');
});

test('hashes, ids, integrity strings and word-like values are never reported', () => {
  const bcrypt = `$2b$12$${random('salt', 22, './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}${random('h', 31)}`;
  const text = [
    `password: "${bcrypt}"`,
    `password = "$argon2id$v=19$m=65536,t=3,p=4$${random('a', 22)}$${random('b', 43)}"`,
    `commit = "${createHash('sha256').update('c').digest('hex').slice(0, 40)}"`,
    `integrity: sha512-${createHash('sha512').update('i').digest('base64')}`,
    `session_id = "${uuid('s')}"`,
    `secret = "apples/oranges"`,
    `token = f"{wildcard_key}:{token_type}"`,
    `DATABASE_URL=postgres://scott:tiger@localhost/test`,
  ].join('\n');
  assert.equal(detectSecrets(text, { path: 'fixtures.yml' }), []);
  assert.ok(isNeverSecret(createHash('sha256').update('x').digest('hex')));
  assert.not.ok(isNeverSecret(createHash('sha256').update('x').digest('hex'), 'api_key'));
  assert.ok(looksLikeWords('test_schema_2'));
  assert.not.ok(looksLikeWords(password));
});

test('secret-sounding keys, and the keys that only talk about secrets', () => {
  for (const key of ['password', 'DB_PASS', 'apiKey', 'client_secret', 'PGPASSWORD', 'SECRET_KEY_BASE', 'x-api-key'])
    assert.ok(isSecretKey(key), key);
  for (const key of ['password_hash', 'secret_name', 'token_url', 'passwordInput', 'cache_key', 'max_tokens', 'key'])
    assert.not.ok(isSecretKey(key), key);
});

test('.gitleaks.toml: custom rules, extend useDefault, allowlists, Go regex syntax', async () => {
  const config = await parseGitleaksConfig(
    [
      '[extend]',
      'useDefault = true',
      '[[rules]]',
      'id = "acme-key"',
      "regex = '''(?i)acme_[a-z0-9]{12}'''",
      'keywords = ["acme_"]',
      '[[allowlists]]',
      "paths = ['''^fixtures/''']",
      '[[allowlists]]',
      'stopwords = ["notreal"]',
    ].join('\n'),
  );
  assert.is(scanFile(config, 'a.txt', `k = ACME_${random('acme', 12).toLowerCase()}`)[0]?.rule, 'acme-key');
  assert.is(scanFile(config, 'a.txt', `t = ${ghp}`)[0]?.rule, 'github-token', 'useDefault keeps br-guard rules');
  assert.equal(scanFile(config, 'fixtures/a.txt', `t = ${ghp}`), []);
  assert.equal(scanFile(config, 'a.txt', 'k = acme_notreal12345'), []);
  const only = await parseGitleaksConfig('[[rules]]\nid = "acme-key"\nregex = "acme_[a-z0-9]{12}"\n');
  assert.equal(scanFile(only, 'a.txt', `t = ${ghp}`), [], 'without [extend], only the project rules apply');
  const pathRule = await parseGitleaksConfig("[[rules]]\nid = \"pkcs12-file\"\npath = '''\\.p12$'''\n");
  assert.is(scanFile(pathRule, 'certs/a.p12', 'x')[0]?.rule, 'pkcs12-file');
  assert.ok(goRegex('(?P<key>[[:alnum:]]+)\\z').test('abc'));
});

test('.gitleaks.toml errors name the line and the rule', async () => {
  const cases: Array<[string, RegExp]> = [
    ['title = "x"\n[[rules]\n', /invalid TOML/],
    ['[[rules]]\nid = "bad-one"\nregex = "([a-z"\n', /rule "bad-one": invalid regex/],
    ['[[rules]]\nid = "typo"\nregexx = "a"\n', /rule "typo": unknown key "regexx"/],
    ['colour = 1\n', /unknown key "colour"/],
  ];
  for (const [text, message] of cases) {
    const error = await parseGitleaksConfig(text).then(
      () => null,
      (e: Error & { location?: { line?: number } }) => e,
    );
    assert.ok(error, text);
    assert.match(error?.message ?? '', message);
    assert.ok((error?.location?.line ?? 0) >= 1, `${text}: a line`);
  }
});

test('.gitleaksignore: file and commit fingerprints, comments skipped', () => {
  assert.equal(
    parseGitleaksIgnore('# c\nsrc/a.ts:github-token:3\n0123456789abcdef0123456789abcdef01234567:b:c.env:generic-secret:9\nbad\n'),
    [
      { at: 2, commit: null, file: 'src/a.ts', rule: 'github-token', line: 3 },
      { at: 3, commit: '0123456789abcdef0123456789abcdef01234567', file: 'b:c.env', rule: 'generic-secret', line: 9 },
    ],
  );
});

test("added lines: symlinks (their target's name) and submodules (a commit id) are not text", () => {
  const out = [
    '\u0000commit abc',
    'diff --git a/link b/link',
    'new file mode 120000',
    'index 0000000..1111111',
    '--- /dev/null',
    '+++ b/link',
    '@@ -0,0 +1 @@',
    '+KEY=target-name',
    '\\ No newline at end of file',
    'diff --git a/lib b/lib',
    'index 2222222..3333333 160000',
    '--- a/lib',
    '+++ b/lib',
    '@@ -1 +1 @@',
    '-Subproject commit 2222222',
    '+Subproject commit 3333333',
    'diff --git a/was-file b/was-file',
    'old mode 100644',
    'new mode 120000',
    '--- a/was-file',
    '+++ b/was-file',
    '@@ -1 +1 @@',
    '+elsewhere',
    'diff --git a/a.txt b/a.txt',
    'new file mode 100644',
    'index 0000000..4444444',
    '--- /dev/null',
    '+++ b/a.txt',
    '@@ -0,0 +1 @@',
    '+text',
  ].join('\n');
  assert.equal(parseAddedLines(out), [{ commit: 'abc', file: 'a.txt', lines: [{ number: 1, text: 'text' }] }]);
});

test('added lines: numbers from the hunk headers, removed lines dropped, quoted paths unquoted', () => {
  const out = [
    '\u0000commit abc',
    'diff --git a/x.env b/x.env',
    '--- a/x.env',
    '+++ b/x.env',
    '@@ -1,0 +2,2 @@',
    '+A=1',
    '+B=2',
    '@@ -9 +10 @@',
    '-old',
    '+new',
    'diff --git "a/caf\\303\\251" "b/caf\\303\\251"',
    '+++ "b/caf\\303\\251"',
    '@@ -0,0 +1 @@',
    '+x',
  ].join('\n');
  assert.equal(parseAddedLines(out), [
    {
      commit: 'abc',
      file: 'x.env',
      lines: [
        { number: 2, text: 'A=1' },
        { number: 3, text: 'B=2' },
        { number: 10, text: 'new' },
      ],
    },
    { commit: 'abc', file: 'café', lines: [{ number: 1, text: 'x' }] },
  ]);
});

test.run();
