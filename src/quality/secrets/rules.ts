import { cloudRules } from './rules-cloud.js';
import { serviceRules } from './rules-services.js';
import { isGenericSecretValue } from './generic-rule.js';
import { isNeverSecret } from './never-secret.js';
import { isPlaceholder, shannonEntropy } from './placeholders.js';
import { prefixed, type SecretRule } from './secret-rule.js';

/** A password in a URL is judged like any other: `scott:tiger@` and `{PASSWORD}` are examples. */
const urlPassword = (value: string): boolean => isGenericSecretValue(decodeURIComponentSafe(value), 'password', true);

/**
 * A password typed into a credential slot (`curl -u user:…`): the slot says what it is, so a
 * letters-only password counts too; variables, templates, placeholders and low-entropy filler do not.
 */
function isTypedPassword(value: string): boolean {
  // A sentence's punctuation or a Markdown backtick after the value is not part of it.
  const bare = value.replace(/[,;.)\x60]+$/, '').replace(/^\{(.*)\}$/, '$1');
  if (/[<>[\]]/.test(bare) || /^[$%]|\$\{|\$\(/.test(bare) || isPlaceholder(bare) || isNeverSecret(bare, 'password')) return false;
  return shannonEntropy(bare) >= 2.5;
}

/** A Secret's value, base64-decoded where it is base64: a credential, not a certificate or filler. */
function isManifestSecretValue(value: string): boolean {
  const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0 ? Buffer.from(value, 'base64').toString('latin1') : value;
  const text = /^[\x20-\x7e\r\n\t]+$/.test(decoded) ? decoded : value;
  if (/-----BEGIN (?:CERTIFICATE|PUBLIC KEY)/.test(text)) return false;
  return isTypedPassword(text.trim().slice(0, 256));
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type { SecretRule } from './secret-rule.js';

function decodesToJsonWith(segment: string, key: string | null): boolean {
  try {
    const json = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof json === 'object' && json !== null && !Array.isArray(json) && (key === null || key in json);
  } catch {
    return false;
  }
}

/**
 * A JWS or JWE: a JSON header naming its `alg`; or, without `alg`, a JSON header and a JSON payload
 * (`{"iss":…}`) signed with bytes, not with text (`c2lnbmF0dXJlLWhlcmU` is "signature-here": made up).
 */
function isJsonWebToken(value: string): boolean {
  const [header = '', payload = '', signature = ''] = value.split('.');
  if (decodesToJsonWith(header, 'alg')) return true;
  if (!decodesToJsonWith(header, null) || !decodesToJsonWith(payload, null)) return false;
  const bytes = Buffer.from(signature, 'base64url');
  const printable = bytes.filter((byte) => byte >= 0x20 && byte <= 0x7e).length;
  return bytes.length > 0 && printable / bytes.length < 0.9;
}

/** Keys, tokens and URLs that no single provider owns. */
const commonRules: SecretRule[] = [
  {
    id: 'private-key',
    description: 'private key block',
    keywords: ['private key', 'openssh private', 'pgp private', 'encrypted private'],
    pattern:
      /(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:(?:\\+r)?\\+n|\r?\n|\s)+(?:[A-Za-z0-9-]+: [^\n]*\r?\n)*\s*[A-Za-z0-9+/=]{40,}[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)/g,
    multiline: true,
  },
  prefixed('putty-private-key', 'PuTTY private key', 'putty-user-key-file-', 'PuTTY-User-Key-File-\\d: [a-z0-9-]+', {
    validate: () => true,
    minEntropy: 0,
  }),
  prefixed('jwt', 'JSON Web Token', 'eyj', 'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}', {
    validate: isJsonWebToken,
  }),
  {
    id: 'database-url-password',
    description: 'database URL with a password',
    keywords: ['://'],
    pattern:
      /\b(?:postgres(?:ql)?|mysql(?:x)?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z]+|clickhouse|cockroachdb|neo4j(?:\+s)?|couchdb|cassandra|kafka|nats|memcached?)(?:\+[a-z0-9]+)?:\/\/[^\s:/@'"`]*:([^\s@'"`/]{3,})@[^\s'"`]+/gi,
    minEntropy: 0,
    validate: urlPassword,
  },
  {
    // `curl -u user:password` (also on a continued line of the same command): a password, typed
    // where a `-u "$USER:$TOKEN"` or a netrc file belongs.
    id: 'curl-user-password',
    description: 'password in curl -u user:password',
    keywords: ['curl'],
    pattern: /\bcurl\b(?:[^\n]|\\\r?\n)*?\s(?:-u|--user)(?:\s+|=)["']?[^\s"':]*["']?:["']?([^\s"']{6,})/g,
    multiline: true,
    minEntropy: 0,
    validate: isTypedPassword,
  },
  {
    // A Kubernetes Secret manifest with its values in it: `data:` (base64) or `stringData:` (plain),
    // `kind: Secret` in the same YAML document (a `---` ends one).
    // The first value of the block is reported; a manifest belongs in git with its values sealed
    // (SealedSecrets, SOPS) or referenced (External Secrets), never in the clear.
    id: 'kubernetes-secret-manifest',
    description: 'Kubernetes Secret manifest with its values',
    keywords: ['secret'],
    pattern: new RegExp(
      // The line start first: the look-arounds (which scan the document) run only at a `data:` line.
      String.raw`^(?=[ \t]*(?:data|stringData):)(?:(?<=(?:^|\n)[ \t]*kind:[ \t]*["']?[Ss]ecret["']?[ \t]*\r?\n(?:(?!\n---)[\s\S])*)|(?=(?:(?!\n---)[\s\S])*\n[ \t]*kind:[ \t]*["']?[Ss]ecret["']?[ \t]*(?:\r?\n|$)))` +
        String.raw`[ \t]*(?:data|stringData):[ \t]*\r?\n(?:[ \t]*#[^\n]*\r?\n)*[ \t]+["']?[\w.-]+["']?:[ \t]*(?:[|>][-+]?[ \t]*\r?\n[ \t]+)?["']?([^\s"'#]{4,})`,
      'gm',
    ),
    multiline: true,
    minEntropy: 0,
    validate: isManifestSecretValue,
  },
  {
    id: 'url-password',
    description: 'URL with a password',
    keywords: ['://'],
    pattern: /\b(?:https?|ftps?|sftp|ssh|smtps?|imaps?|ldaps?|git|svn)(?:\+[a-z]+)?:\/\/[^\s:/@'"`]+:([^\s@'"`/]{6,})@[a-z0-9.-]+/gi,
    minEntropy: 2.5,
    validate: urlPassword,
  },
];

/**
 * Every built-in provider rule. Each is written from the provider's documented token format and
 * anchored on its fixed prefix or on a key naming the provider, so look-alikes do not match.
 */
export const providerRules: SecretRule[] = [...commonRules, ...cloudRules, ...serviceRules];
