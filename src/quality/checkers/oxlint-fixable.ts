import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../adapters/file-system.js';
import { runProcess } from '../../adapters/process-runner.js';
import type { Oxlint } from './native-tools.js';
import { oxlintRule } from './oxlint-output.js';

/** `fix` kinds of `oxlint --rules --format json` whose fix `oxlint --fix` applies (safe fixes, not suggestions). */
const appliedByFix = new Set(['fixable_fix', 'conditional_fix', 'fixable_safe_fix_or_suggestion', 'conditional_safe_fix_or_suggestion']);

/**
 * The rules (as br-guard names them) whose findings `oxlint --fix` can repair, from oxlint's own
 * rule list (its JSON report does not say per diagnostic). A `conditional` fix is counted: oxlint
 * fixes most of its cases, and `--fix` tells by what is left.
 */
export function fixableRules(listing: string): Set<string> {
  const rules = JSON.parse(listing) as { scope: string; value: string; fix: string }[];
  return new Set(rules.filter((rule) => appliedByFix.has(rule.fix)).map((rule) => oxlintRule(`${rule.scope}(${rule.value})`)));
}

const lists = new Map<string, Promise<Set<string>>>();

/**
 * The fixable rules of this oxlint: its rule list (one oxlint run, ~0.1 s) is kept in `cacheDir`
 * per oxlint version, since only another oxlint lists other rules; read once per process.
 */
export function oxlintFixableRules(oxlint: Oxlint, cwd: string, cacheDir?: string): Promise<Set<string>> {
  let list = lists.get(oxlint.bin);
  if (!list) {
    list = readListing(oxlint, cwd, cacheDir).then((listing) => (listing === null ? new Set<string>() : fixableRules(listing)));
    lists.set(oxlint.bin, list);
  }
  return list;
}

async function readListing(oxlint: Oxlint, cwd: string, cacheDir: string | undefined): Promise<string | null> {
  const cached = cacheDir ? join(cacheDir, `oxlint-rules-${oxlint.version.replace(/[^\w.-]/g, '_')}.json`) : null;
  if (cached) {
    const text = await readFile(cached, 'utf8').catch(() => null);
    if (text !== null && isListing(text)) return text;
  }
  const result = await runProcess(process.execPath, [oxlint.bin, '--rules', '--format', 'json'], { cwd, timeoutMs: 30_000 });
  if (result.code !== 0 || !isListing(result.stdout)) return null;
  if (cached) await writeCache(cached, result.stdout).catch(() => undefined);
  return result.stdout;
}

async function writeCache(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, text);
}

/** oxlint's JSON rule list (a damaged cache file is listed again). */
function isListing(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return (
      Array.isArray(value) &&
      value.every((rule) => rule && typeof rule === 'object' && typeof (rule as { value?: unknown }).value === 'string')
    );
  } catch {
    return false;
  }
}
