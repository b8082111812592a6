/**
 * Values that look random but are never credentials: password hashes, digests, UUIDs, git object
 * ids and lockfile integrity strings. Reporting them is the noise that makes people stop reading.
 */
const hashFormats: RegExp[] = [
  /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, // bcrypt
  /^\$argon2(?:id|i|d)\$/, // argon2 PHC string
  /^\$(?:scrypt|7|y|gy)\$/, // scrypt, yescrypt
  /^\$(?:1|5|6|sha1|md5|apr1)\$[^$\s]*\$[./A-Za-z0-9]+$/, // crypt(3)
  /^\$pbkdf2(?:-sha\d+)?\$/,
  /^pbkdf2_sha(?:1|256|512)\$\d+\$/, // Django
  /^(?:sha1|md5|bcrypt|argon2)\$/, // Django and passlib prefixes
  /^\{(?:SSHA|SHA|SMD5|MD5|CRYPT|PBKDF2)[^}]*\}/i, // LDAP
  /^sha(?:1|224|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/, // lockfile / SRI integrity
  /^(?:sha(?:1|256|384|512)|md5|blake2b|xxh64):[a-f0-9]{32,128}$/i, // content digests
];

// Bare, as a URN (`urn:uuid:…`, WebDAV lock tokens) or in braces (Windows GUIDs).
const uuidShape = /^(?:urn:uuid:)?\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const hexHashLengths = new Set([32, 40, 56, 64, 96, 128]);
const hashContext =
  /hash|sha\d*|md5|digest|checksum|integrity|etag|commit|rev(?:ision)?|fingerprint|blob|object|oid|crc|nonce|salt|hmac_?value|version/i;

/** True for hash and id shapes. `key`, when known, says whether a hex digest is expected there. */
export function isNeverSecret(value: string, key = ''): boolean {
  if (hashFormats.some((format) => format.test(value))) return true;
  if (uuidShape.test(value)) return true;
  // A bare hex digest of a hash's length with no key, or under a key that speaks of hashes.
  if (/^[a-f0-9]+$/i.test(value) && hexHashLengths.has(value.length) && (!key || hashContext.test(key))) return true;
  // A base64 digest (sha256 = 44 characters with one "=", sha512 = 88 with two) under a hash key.
  if (key && hashContext.test(key) && /^[A-Za-z0-9+/]{43}=$|^[A-Za-z0-9+/]{86}==$|^[A-Za-z0-9+/]{27}=$/.test(value)) return true;
  return false;
}
