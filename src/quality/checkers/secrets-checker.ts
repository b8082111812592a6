import type { Finding } from '../../domain/findings.js';
import { fingerprint } from '../../domain/findings.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { configKey } from './config-key.js';

/** Lock files and binaries hold hashes that look random but are not credentials. */
const skipped =
  /(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|Cargo\.lock|go\.sum)$|\.(?:png|jpe?g|gif|ico|pdf|zip|gz|woff2?|ttf|wasm|lock)$/i;

/** br-guard's own secret detector over every text file; baselined secrets are not reported. */
export const secretsChecker: Checker = {
  name: 'secrets',
  dimension: 'secrets',
  appliesTo: (path) => !skipped.test(path),
  cacheKey: async (context) => configKey(context.root, ['.buildrunner/secrets-baseline.json']),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const { detectSecrets } = await import('../secrets/detect-secrets.js');
    const { readSecretsBaseline } = await import('../secrets/secrets-baseline.js');
    const baseline = await readSecretsBaseline(context.root);
    const findings: Finding[] = [];
    for (const file of context.files) {
      const text = await file.read();
      if (text.length > 2_000_000) continue;
      for (const hit of detectSecrets(text)) {
        const id = secretFingerprint(file.path, hit.rule, hit.valueHash);
        if (baseline.has(id)) continue;
        findings.push({
          system: 'quality',
          check: 'secrets',
          rule: hit.rule,
          severity: 'error',
          file: file.path,
          line: hit.line,
          column: hit.column,
          message: `${hit.description} ${hit.redacted}: move it to an environment variable or secret store and rotate it`,
          fingerprint: id,
        });
      }
    }
    return { findings };
  },
};

/** A secret's identity: file, rule and a hash of the value (never the value). */
export function secretFingerprint(file: string, rule: string, valueHash: string): string {
  return fingerprint(['quality', 'secrets', rule, file, valueHash]);
}
