import type { Finding } from '../../domain/findings.js';
import { fingerprint } from '../../domain/findings.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { isScannablePath } from '../secrets/scannable-path.js';
import type { ProjectFileReader } from '../../adapters/project-files.js';
import type { ProjectSecretsConfig } from '../secrets/gitleaks-config.js';
import { GITLEAKS_IGNORE } from '../secrets/gitleaks-ignore.js';
import { configKey } from './config-key.js';

/**
 * br-guard's secret detector over every text file, with the project's `.gitleaks.toml` (and the
 * files it extends) and `.gitleaksignore`, read from where the files come from (the index for a
 * staged check); a secret in `.buildrunner/secrets-baseline.json` is reported as `baselined` and never blocks.
 */
export const secretsChecker: Checker = {
  name: 'secrets',
  engine: 'br-guard',
  dimension: 'secrets',
  appliesTo: isScannablePath,
  cacheKey: async (context) => {
    const [config, ignore] = await Promise.all([projectConfig(context.readProjectFile), context.readProjectFile(GITLEAKS_IGNORE)]);
    return configKey(context.root, ['.buildrunner/secrets-baseline.json'], [config.sources, ignore]);
  },
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const { readGitleaksIgnore, ignoreMatches } = await import('../secrets/gitleaks-ignore.js');
    const { scanFile } = await import('../secrets/scan-file.js');
    const { readSecretsBaseline } = await import('../secrets/secrets-baseline.js');
    const [config, ignore, baseline] = await Promise.all([
      projectConfig(context.readProjectFile),
      readGitleaksIgnore(context.readProjectFile),
      readSecretsBaseline(context.root),
    ]);
    const findings: Finding[] = [];
    const used = new Set<number>();
    const scanned = new Set<string>();
    for (const file of context.files) {
      const text = await file.read();
      if (text.length > 2_000_000) continue;
      scanned.add(file.path);
      for (const hit of scanFile(config, file.path, text)) {
        const ignored = ignore.find((entry) => !entry.commit && ignoreMatches(entry, { file: file.path, rule: hit.rule, line: hit.line }));
        if (ignored) {
          used.add(ignored.at);
          continue;
        }
        const id = secretFingerprint(file.path, hit.rule, hit.valueHash);
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
          status: baseline.has(id) ? 'baselined' : 'new',
        });
      }
    }
    // A fingerprint for a file that was scanned and matched nothing is stale: said, never an error.
    const stale = ignore.filter((entry) => !entry.commit && scanned.has(entry.file) && !used.has(entry.at));
    const note = stale.length
      ? `${stale.length} stale .gitleaksignore line(s) match nothing: ${stale.map((entry) => `line ${entry.at}`).join(', ')}`
      : undefined;
    return { findings, ...(note ? { note } : {}) };
  },
};

const loaded = new WeakMap<ProjectFileReader, Promise<ProjectSecretsConfig>>();

/** The project's gitleaks config, read once per run (its cache key and its scan use the same). */
function projectConfig(read: ProjectFileReader): Promise<ProjectSecretsConfig> {
  let config = loaded.get(read);
  if (!config) {
    config = import('../secrets/gitleaks-config.js').then(({ loadGitleaksConfig }) => loadGitleaksConfig(read));
    loaded.set(read, config);
  }
  return config;
}

/** A secret's identity: file, rule and a hash of the value (never the value, never the line). */
export function secretFingerprint(file: string, rule: string, valueHash: string): string {
  return fingerprint(['quality', 'secrets', rule, file, valueHash]);
}
