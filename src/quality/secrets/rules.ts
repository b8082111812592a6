import { cloudRules } from './rules-cloud.js';
import { serviceRules } from './rules-services.js';
import { isGenericSecretValue } from './generic-rule.js';
import { prefixed, type SecretRule } from './secret-rule.js';

/** A password in a URL is judged like any other: `scott:tiger@` and `{PASSWORD}` are examples. */
const urlPassword = (value: string): boolean => isGenericSecretValue(decodeURIComponentSafe(value), 'password', true);

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type { SecretRule } from './secret-rule.js';

function decodesToJsonWith(segment: string, key: string): boolean {
  try {
    const json = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof json === 'object' && json !== null && key in json;
  } catch {
    return false;
  }
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
    validate: (value) => decodesToJsonWith(value.split('.')[0] ?? '', 'alg'),
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
