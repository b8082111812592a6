import { detectSecrets, type SecretHit } from './detect-secrets.js';
import { allowedBy, pathAllowed } from './gitleaks-allowlist.js';
import type { ProjectSecretsConfig } from './gitleaks-config.js';
import { redact } from './redact.js';

/**
 * One file under a project's configuration: its rules, its allowlists and its path rules. The
 * same function serves the check (work tree or index) and the history scan (added lines).
 */
export function scanFile(config: ProjectSecretsConfig, path: string, text: string, commit?: string): SecretHit[] {
  if (pathAllowed(config, path, commit)) return [];
  const hits = detectSecrets(text, {
    path,
    rules: config.rules,
    ...(config.allowlists.length
      ? {
          allow: (rule: string, secret: string, line: string) =>
            config.allowlists.some((list) => allowedBy(list, { rule, secret, line, path, ...(commit ? { commit } : {}) })),
        }
      : {}),
  });
  for (const rule of config.pathRules) {
    rule.path.lastIndex = 0;
    if (rule.path.test(path))
      hits.push({ rule: rule.id, description: rule.description, line: 1, column: 1, redacted: redact(path), valueHash: '' });
  }
  return hits;
}
