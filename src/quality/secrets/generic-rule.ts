import { isNeverSecret } from './never-secret.js';
import { hasSequentialRun, isPlaceholder, shannonEntropy } from './placeholders.js';

/** The generic rule's prefilter: a line must hold one of these before its candidates are read. */
export const genericKeywords = ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential', 'bearer', 'conn', 'dsn'];

const secretWords = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'secrets',
  'token',
  'apikey',
  'apitoken',
  'credential',
  'credentials',
  'creds',
  'bearer',
  'secretkey',
  'privatekey',
  'accesskey',
  'accesstoken',
  'authtoken',
  'refreshtoken',
  'clientsecret',
  'appsecret',
  'apisecret',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'sessionkey',
  'licensekey',
  'connectionstring',
  'connstr',
  'dbpass',
  'dbpassword',
  'pat',
  'psk',
  'sas',
]);
/** `X_key` is secret for these X: `api_key`, `private_key`, `license_key`… (a bare `key` is not). */
const keyQualifiers = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'encryption',
  'encrypt',
  'signing',
  'sign',
  'master',
  'app',
  'client',
  'license',
  'service',
  'account',
  'session',
  'admin',
  'root',
  'server',
  'shared',
  'hmac',
  'jwt',
  'crypt',
  'cipher',
  'storage',
  'subscription',
  'consumer',
  'write',
  'read',
  'ingest',
  'deploy',
  'webhook',
  'integration',
  'personal',
]);
/** A key ending in one of these names something about a secret, not the secret. */
const notSecretTail = new Set([
  'url',
  'uri',
  'urls',
  'path',
  'file',
  'dir',
  'name',
  'names',
  'type',
  'field',
  'label',
  'length',
  'len',
  'min',
  'max',
  'regex',
  'pattern',
  'prompt',
  'hint',
  'placeholder',
  'id',
  'ids',
  'expiry',
  'expires',
  'expiration',
  'expire',
  'ttl',
  'header',
  'param',
  'count',
  'policy',
  'format',
  'endpoint',
  'enabled',
  'enable',
  'required',
  'rotation',
  'version',
  'location',
  'ref',
  'env',
  'var',
  'prefix',
  'suffix',
  'hash',
  'hashed',
  'digest',
  'algorithm',
  'algo',
  'mode',
  'size',
  'timeout',
  'store',
  'manager',
  'provider',
  'class',
  'method',
  'generator',
  'validator',
  'input',
  'question',
  'reset',
  'text',
  'title',
  'description',
  'desc',
  'help',
  'message',
  'msg',
  'error',
  'key',
  'keys',
  'arn',
  'region',
  'org',
  'site',
  'host',
  'port',
  'user',
  'username',
  'login',
  'email',
  'account',
  'project',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'kind',
  'source',
  'store',
  'vault',
  'ssm',
  'parameter',
  'lifetime',
  'age',
  'duration',
  'interval',
  'limit',
  'policy',
  'confirmation',
  'confirm',
  'strength',
  'visible',
  'visibility',
  'toggle',
  'icon',
  'button',
  'form',
  'flag',
  'callback',
  'handler',
  'fn',
  'func',
  'service',
  'client',
  'cache',
  'storage',
  'len',
  'bytes',
  'bits',
  'salt',
  'rounds',
  'cost',
]);

const publicWords = new Set(['public', 'publishable', 'pub', 'csrf', 'xsrf']);

/** Splits `apiKey`, `API_KEY`, `api-key`, `spring.datasource.password` into lower-case words. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a key names a secret (`password`, `DB_PASS`, `apiKey`, `client_secret`), not a field about one. */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1] ?? '';
  if (!words.length) return false;
  // A public or publishable key, a CSRF or Rails authenticity token: shipped to every browser.
  // Unless the key also says secret, private or password (`NEXT_PUBLIC_STRIPE_SECRET_KEY` is a leak).
  if (
    (words.some((word) => publicWords.has(word)) || (words.includes('authenticity') && last === 'token')) &&
    !words.some((word) => word === 'secret' || word === 'private' || /^pass(?:word|wd)?$/.test(word))
  )
    return false;
  if (notSecretTail.has(last) && !(last === 'key' && keyQualifiers.has(words[words.length - 2] ?? ''))) return false;
  if (secretWords.has(last) || secretWords.has(words.join(''))) return true;
  if (last === 'key' || last === 'token' || last === 'secret') return true;
  return words.some(
    (word, i) =>
      secretWords.has(word) ||
      /pass(?:word|wd)|secret|(?:token|apikey)$/.test(word) ||
      (word === 'key' && keyQualifiers.has(words[i - 1] ?? '')),
  );
}

/** True when a key speaks of ids, names or urls (so even a provider-shaped value there is no secret). */
export function isNonSecretKey(key: string): boolean {
  const words = keyWords(key);
  return notSecretTail.has(words[words.length - 1] ?? '') && !isSecretKey(key);
}

/**
 * The generic rule's judgement of a candidate value: long and random enough to be a credential,
 * and not a placeholder, a hash, an id, a path, a URL or a code expression.
 */
export function isGenericSecretValue(value: string, key: string, quoted: boolean): boolean {
  if (value.length < 8 || value.length > 256 || /\s/.test(value)) return false;
  if (value.toLowerCase() === key.toLowerCase()) return false;
  if (isPlaceholder(value) || isNeverSecret(value, key)) return false;
  if (looksLikeWords(/%[0-9A-F]{2}/i.test(value) ? safeDecode(value) : value) || /\{[^}]*\}/.test(value)) return false;
  if (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ||
    /^[./~]/.test(value) ||
    /^[\w.-]+\.(?:pem|key|json|txt|crt|cer|p12|pfx|jks|env|ya?ml|der|pub|gpg)$/i.test(value)
  )
    return false;
  if (!quoted && (/[(){}[\]]/.test(value) || isMemberChain(value))) return false;
  if (!/\d/.test(value) && !/[^A-Za-z0-9]/.test(value.slice(1, -1))) return value.length >= 20 && shannonEntropy(value) >= 4;
  if (!/[A-Za-z]/.test(value)) return false;
  if (hasSequentialRun(value.toLowerCase(), 5)) return false;
  return shannonEntropy(value) >= (value.length >= 20 ? 3.5 : 3);
}

/**
 * `process.env.API_KEY`, `config.auth.secret`: a bare dotted chain of identifiers is code. A chain
 * with a long segment mixing letters and digits at random (`dt0c01.gf57…x9`, a Dynatrace or
 * Mapbox token) is data.
 */
function isMemberChain(value: string): boolean {
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
  return !value
    .split('.')
    .some((segment) => segment.length >= 16 && /\d/.test(segment) && /[A-Za-z]/.test(segment) && shannonEntropy(segment) >= 3.5);
}

/**
 * Words joined by separators (`apples/oranges`, `test_schema_2`, `secured_password`, `YOUR_APP_SECRET`)
 * are names and examples; credentials mix cases and digits at random.
 */
export function looksLikeWords(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '').length;
  if (/^[a-z][a-z0-9]*(?:[^A-Za-z0-9]+[a-z0-9]*)*$/.test(value.replace(/^[^A-Za-z0-9]+/, '')) && digits <= 2) return true;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value) && digits <= 2) return true;
  return /^(?:[A-Z]?[a-z]+)+\d{0,4}[!?.]?$/.test(value) && !/[A-Z].*[A-Z].*[A-Z]/.test(value.slice(1));
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
