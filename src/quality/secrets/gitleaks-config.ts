import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../domain/errors.js';
import { goRegex } from './go-regex.js';
import { shannonEntropy } from './placeholders.js';
import { compileRuleSet, type RuleSet } from './rule-set.js';
import { providerRules } from './rules.js';
import type { SecretRule } from './secret-rule.js';

export const GITLEAKS_CONFIG = '.gitleaks.toml';

/** One `[allowlist]` / `[[allowlists]]` / `[[rules.allowlists]]` table. */
export interface Allowlist {
  regexes: RegExp[];
  paths: RegExp[];
  commits: string[];
  stopwords: string[];
  target: 'secret' | 'match' | 'line';
  condition: 'OR' | 'AND';
  /** Rule ids it is limited to (empty: every rule). */
  targetRules: string[];
}

/** What a project's `.gitleaks.toml` comes to: the rules to scan with and the allowlists. */
export interface ProjectSecretsConfig {
  rules: RuleSet;
  /** Rules that flag files by their path alone (a `[[rules]]` with `path` and no `regex`). */
  pathRules: Array<{ id: string; description: string; path: RegExp }>;
  allowlists: Allowlist[];
  /** Set when a `.gitleaks.toml` was read. */
  file: string | null;
}

const topKeys = new Set(['title', 'description', 'minVersion', 'extend', 'rules', 'allowlist', 'allowlists']);
const extendKeys = new Set(['useDefault', 'path', 'url', 'disabledRules']);
const ruleKeys = new Set([
  'id',
  'description',
  'regex',
  'secretGroup',
  'entropy',
  'keywords',
  'path',
  'tags',
  'allowlist',
  'allowlists',
  'report',
  'regexTarget',
]);
const allowKeys = new Set(['description', 'regexes', 'paths', 'commits', 'stopwords', 'regexTarget', 'condition', 'targetRules']);

/** br-guard's own rules and no allowlists: what a project without `.gitleaks.toml` gets. */
export function defaultSecretsConfig(): ProjectSecretsConfig {
  return { rules: compileRuleSet(providerRules, true), pathRules: [], allowlists: [], file: null };
}

/** Reads `.gitleaks.toml` at the repository root; absent means br-guard's rules. Bad input is exit 2. */
export async function loadGitleaksConfig(root: string): Promise<ProjectSecretsConfig> {
  let text: string;
  try {
    text = await readFile(join(root, GITLEAKS_CONFIG), 'utf8');
  } catch {
    return defaultSecretsConfig();
  }
  return parseGitleaksConfig(text);
}

export async function parseGitleaksConfig(text: string, file = GITLEAKS_CONFIG): Promise<ProjectSecretsConfig> {
  const { parse, TomlError } = await import('smol-toml');
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    throw new InputError(`invalid TOML: ${firstLine((error as Error).message)}`, { file, ...(line ? { line } : {}) });
  }
  const fail = (message: string, needle?: string): never => {
    throw new InputError(message, { file, ...lineOf(text, needle) });
  };
  for (const key of Object.keys(data)) if (!topKeys.has(key)) fail(`unknown key "${key}"`, key);
  const extend = table(data.extend, 'extend', fail);
  for (const key of Object.keys(extend)) if (!extendKeys.has(key)) fail(`[extend]: unknown key "${key}"`, key);
  if (extend.path !== undefined || extend.url !== undefined)
    fail('[extend]: only useDefault and disabledRules are supported (path and url are not)', 'path');
  const useDefault = extend.useDefault === true;
  const disabled = new Set(strings(extend.disabledRules, 'extend.disabledRules', fail));

  const custom: SecretRule[] = [];
  const pathRules: ProjectSecretsConfig['pathRules'] = [];
  const allowlists: Allowlist[] = [];
  const rules = data.rules === undefined ? [] : data.rules;
  if (!Array.isArray(rules)) fail('"rules" must be an array of tables ([[rules]])', 'rules');
  for (const raw of rules as unknown[]) {
    const rule = table(raw, 'rules', fail);
    const id = typeof rule.id === 'string' && rule.id ? rule.id : fail('[[rules]]: every rule needs an "id"', '[[rules]]');
    const where = `rule "${id}"`;
    // The line of the rule's id, or of the key at fault after it.
    const idAt = Math.max(0, text.indexOf(`"${id}"`));
    const failRule = (message: string, key?: string): never => {
      const keyAt = key ? text.indexOf(key, idAt) : -1;
      throw new InputError(`${where}: ${message}`, { file, line: text.slice(0, keyAt === -1 ? idAt : keyAt).split('\n').length });
    };
    for (const key of Object.keys(rule)) if (!ruleKeys.has(key)) failRule(`unknown key "${key}"`);
    const description = typeof rule.description === 'string' ? rule.description : id;
    const path = rule.path === undefined ? undefined : compile(rule.path, 'path', (message) => failRule(message, 'path'));
    for (const list of ruleAllowlists(rule, failRule)) allowlists.push({ ...list, targetRules: [id] });
    if (rule.regex === undefined) {
      if (!path) failRule('needs a "regex" or a "path"');
      else pathRules.push({ id, description, path });
      continue;
    }
    const entropy =
      rule.entropy === undefined ? undefined : typeof rule.entropy === 'number' ? rule.entropy : failRule('"entropy" must be a number');
    const group =
      rule.secretGroup === undefined
        ? undefined
        : Number.isInteger(rule.secretGroup)
          ? (rule.secretGroup as number)
          : failRule('"secretGroup" must be an integer');
    custom.push({
      id,
      description,
      keywords: strings(rule.keywords, `${where}: keywords`, failRule).map((word) => word.toLowerCase()),
      pattern: compile(rule.regex, 'regex', (message) => failRule(message, 'regex')),
      multiline: true,
      ...(group !== undefined ? { group } : {}),
      ...(entropy !== undefined ? { validate: (value: string) => shannonEntropy(value) >= entropy } : {}),
      ...(path ? { path } : {}),
    });
  }
  if (data.allowlist !== undefined) allowlists.push(allowlistOf(data.allowlist, '[allowlist]', fail));
  if (data.allowlists !== undefined) {
    if (!Array.isArray(data.allowlists)) fail('"allowlists" must be an array of tables ([[allowlists]])', 'allowlists');
    for (const raw of data.allowlists as unknown[]) allowlists.push(allowlistOf(raw, '[[allowlists]]', fail));
  }
  const ids = new Set(custom.map((rule) => rule.id));
  const base = useDefault ? providerRules.filter((rule) => !ids.has(rule.id) && !disabled.has(rule.id)) : [];
  const all = [...base, ...custom.filter((rule) => !disabled.has(rule.id))];
  return { rules: compileRuleSet(all, useDefault && !disabled.has('generic-secret')), pathRules, allowlists, file };
}

function ruleAllowlists(rule: Record<string, unknown>, fail: (message: string) => never): Allowlist[] {
  const lists: Allowlist[] = [];
  if (rule.allowlist !== undefined) lists.push(allowlistOf(rule.allowlist, 'allowlist', fail));
  if (rule.allowlists !== undefined) {
    if (!Array.isArray(rule.allowlists)) fail('"allowlists" must be an array of tables');
    for (const raw of rule.allowlists as unknown[]) lists.push(allowlistOf(raw, 'allowlists', fail));
  }
  return lists;
}

function allowlistOf(raw: unknown, where: string, fail: (message: string, needle?: string) => never): Allowlist {
  const list = table(raw, where, fail);
  for (const key of Object.keys(list)) if (!allowKeys.has(key)) fail(`${where}: unknown key "${key}"`, key);
  const target = list.regexTarget ?? 'secret';
  if (target !== 'secret' && target !== 'match' && target !== 'line')
    fail(`${where}: regexTarget must be "secret", "match" or "line"`, 'regexTarget');
  const condition = String(list.condition ?? 'OR').toUpperCase();
  if (condition !== 'OR' && condition !== 'AND') fail(`${where}: condition must be "OR" or "AND"`, 'condition');
  return {
    regexes: strings(list.regexes, `${where}: regexes`, fail).map((source) => compile(source, `${where} regex`, fail)),
    paths: strings(list.paths, `${where}: paths`, fail).map((source) => compile(source, `${where} path`, fail)),
    commits: strings(list.commits, `${where}: commits`, fail),
    stopwords: strings(list.stopwords, `${where}: stopwords`, fail).map((word) => word.toLowerCase()),
    target: target as Allowlist['target'],
    condition: condition as Allowlist['condition'],
    targetRules: strings(list.targetRules, `${where}: targetRules`, fail),
  };
}

/** True when an allowlist lets this finding go. */
export function allowedBy(
  list: Allowlist,
  finding: { rule: string; secret: string; line: string; path: string; commit?: string },
): boolean {
  if (list.targetRules.length && !list.targetRules.includes(finding.rule)) return false;
  const target = list.target === 'line' || list.target === 'match' ? finding.line : finding.secret;
  const checks: boolean[] = [];
  if (list.regexes.length) checks.push(list.regexes.some((regex) => test(regex, target)));
  if (list.paths.length) checks.push(list.paths.some((regex) => test(regex, finding.path)));
  if (list.stopwords.length) checks.push(list.stopwords.some((word) => finding.secret.toLowerCase().includes(word)));
  if (list.commits.length) checks.push(Boolean(finding.commit && list.commits.some((commit) => finding.commit?.startsWith(commit))));
  if (!checks.length) return false;
  return list.condition === 'AND' ? checks.every(Boolean) : checks.some(Boolean);
}

/** True when a global allowlist drops the whole file by its path (OR lists, or AND lists of paths only). */
export function pathAllowed(config: ProjectSecretsConfig, path: string, commit?: string): boolean {
  return config.allowlists.some(
    (list) =>
      !list.targetRules.length &&
      list.paths.some((regex) => test(regex, path)) &&
      (list.condition === 'OR' ||
        (!list.regexes.length &&
          !list.stopwords.length &&
          (!list.commits.length || Boolean(commit && list.commits.some((c) => commit.startsWith(c)))))),
  );
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  return regex.test(text);
}

function compile(source: unknown, what: string, fail: (message: string) => never): RegExp {
  if (typeof source !== 'string') return fail(`${what} must be a string`);
  try {
    return goRegex(source);
  } catch (error) {
    return fail(
      `invalid ${what} ${JSON.stringify(source.length > 60 ? `${source.slice(0, 60)}…` : source)}: ${firstLine((error as Error).message)}`,
    );
  }
}

function table(value: unknown, where: string, fail: (message: string, needle?: string) => never): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${where} must be a table`, where);
  return value as Record<string, unknown>;
}

function strings(value: unknown, where: string, fail: (message: string, needle?: string) => never): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return fail(`${where} must be an array of strings`);
  return value as string[];
}

/** The line of the first occurrence of `needle` (a key or a quoted rule id), for the error. */
function lineOf(text: string, needle: string | undefined): { line?: number } {
  if (!needle) return {};
  const at = text.indexOf(needle);
  return at === -1 ? {} : { line: text.slice(0, at).split('\n').length };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
