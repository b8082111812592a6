/**
 * Secrets never travel into prompts or reports: anything that looks like a key, token or
 * private key is cut to its first four characters.
 */
const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\b(?:sk|pk|rk)_(?:live|test)_[0-9A-Za-z]{8,}\b/g,
  /\bgh[pousr]_[0-9A-Za-z]{20,}\b/g,
  /\bxox[abprs]-[0-9A-Za-z-]{10,}\b/g,
  /\beyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}/g,
];
/** Long runs that mix upper case, lower case and digits look random (identifiers and paths do not). */
// The lookbehind makes each run start once, at its beginning: linear in the text's length.
const LONG_RUN = /(?<![0-9A-Za-z+_-])[0-9A-Za-z+_-]{32,}={0,2}/g;
const looksRandom = (run: string): boolean => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);
const ASSIGNED_SECRET =
  /\b((?:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key)\s*[:=]\s*['"]?)([^\s'",;]{4,})/gi;

export function redactSecrets(text: string): string {
  let result = text.replace(ASSIGNED_SECRET, (_match, label: string, value: string) => `${label}${value.slice(0, 4)}…[redacted]`);
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (match) => `${match.slice(0, 4)}…[redacted]`);
  }
  return result.replace(LONG_RUN, (run) => (looksRandom(run) ? `${run.slice(0, 4)}…[redacted]` : run));
}
