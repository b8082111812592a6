import { isPlaceholder, shannonEntropy } from './placeholders.js';

/** A secret pattern. `group` names the capture holding the secret value. */
export interface SecretRule {
  id: string;
  description: string;
  pattern: RegExp;
  group: number;
  /** Extra test on the captured value (checksums, decoding); false drops the match. */
  validate?: (value: string) => boolean;
}

function decodesToJsonWith(segment: string, key: string): boolean {
  try {
    const json = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
    return typeof json === 'object' && json !== null && key in json;
  } catch {
    return false;
  }
}

/** Real tokens are random: mixed character classes and enough distinct characters. */
function looksRandom(value: string, minEntropy = 3): boolean {
  return shannonEntropy(value) >= minEntropy && new Set(value).size >= 8;
}

/**
 * Provider rules, for the credentials people leak most. Each pattern is anchored on a
 * provider's fixed prefix so that look-alikes (a word that merely starts like one) do not match.
 */
export const providerRules: SecretRule[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(4), 2.5),
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key',
    pattern: /aws.{0,20}?(?:secret|sk).{0,20}?['"`]?\s*[:=]\s*['"`]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
    validate: (value) => looksRandom(value, 4),
  },
  {
    id: 'github-token',
    description: 'GitHub token',
    pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(4)),
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token',
    pattern: /\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    group: 1,
  },
  {
    id: 'gitlab-token',
    description: 'GitLab personal access token',
    pattern: /\b(glpat-[A-Za-z0-9_-]{20,})\b/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(6)),
  },
  {
    id: 'npm-token',
    description: 'npm access token',
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(4)),
  },
  {
    id: 'slack-token',
    description: 'Slack token',
    pattern: /\b(xox[baprs]-(?:[0-9]{10,13}-){1,2}[A-Za-z0-9-]{10,})\b/g,
    group: 1,
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL',
    pattern: /(https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g,
    group: 1,
  },
  {
    id: 'stripe-live-key',
    description: 'Stripe live secret key',
    pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{24,})\b/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(8)),
  },
  {
    id: 'google-api-key',
    description: 'Google API key',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
    group: 1,
    validate: (value) => looksRandom(value.slice(4)),
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key',
    pattern:
      /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-proj-[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
    group: 1,
    validate: (value) => looksRandom(value.replace(/^sk-(?:proj-)?/, ''), 3.5),
  },
  {
    id: 'private-key',
    description: 'private key block',
    pattern:
      /(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\r?\n(?:[A-Za-z0-9-]+: [^\n]*\r?\n)*\r?\n?[A-Za-z0-9+/=]{40,}[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)/g,
    group: 1,
  },
  {
    id: 'jwt',
    description: 'JSON Web Token',
    pattern: /\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    group: 1,
    validate: (value) => decodesToJsonWith(value.split('.')[0] ?? '', 'alg'),
  },
  {
    id: 'database-url-password',
    description: 'database URL with a password',
    pattern:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:/@'"`]+:([^\s@'"`/]{3,})@[^\s'"`]+/g,
    group: 1,
  },
];

/**
 * Generic assignments of a secret-sounding name to a quoted literal (`password = "..."`,
 * `api_key: "..."`); only values random enough to be real credentials are reported.
 */
export const genericAssignmentRule: SecretRule = {
  id: 'generic-secret',
  description: 'hard-coded secret',
  pattern:
    /([A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?token|auth[_-]?token|private[_-]?key|client[_-]?secret|token))["']?\s*(?::|=|:=|=>)\s*(["'`])([^"'`\s]{8,200})\2/gi,
  group: 3,
  validate: (value) => !isPlaceholder(value) && shannonEntropy(value) >= 3.2 && /\d/.test(value) && /[A-Za-z]/.test(value),
};
