import { posix } from 'node:path';
import type { ProjectFileReader } from '../../adapters/project-files.js';
import { noProjectFiles } from '../../adapters/project-files.js';
import { InputError } from '../../domain/errors.js';
import type { Allowlist } from './gitleaks-allowlist.js';
import { goRegex } from './go-regex.js';
import { shannonEntropy } from './placeholders.js';
import { compileRuleSet, type RuleSet } from './rule-set.js';
import { providerRules } from './rules.js';
import type { SecretRule } from './secret-rule.js';

export const GITLEAKS_CONFIG = '.gitleaks.toml';
/** The id br-guard's keyword+entropy rule reports under. */
const GENERIC_ID = 'generic-secret';

/** What a project's `.gitleaks.toml` comes to: the rules to scan with and the allowlists. */
export interface ProjectSecretsConfig {
  rules: RuleSet;
  /** Rules that flag files by their path alone (a `[[rules]]` with `path` and no `regex`). */
  pathRules: Array<{ id: string; description: string; path: RegExp }>;
  allowlists: Allowlist[];
  /** Set when a `.gitleaks.toml` was read. */
  file: string | null;
  /** Every file read (`.gitleaks.toml`, then the ones it extends), for cache keys. */
  sources: Array<{ file: string; text: string }>;
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
  return { rules: compileRuleSet(providerRules, true), pathRules: [], allowlists: [], file: null, sources: [] };
}

/**
 * Reads `.gitleaks.toml` at the repository root, and the files its `[extend] path` names, through
 * `read` (the work tree, the index or a commit: wherever the judged content comes from); absent
 * means br-guard's rules. Bad input is exit 2.
 */
export async function loadGitleaksConfig(read: ProjectFileReader): Promise<ProjectSecretsConfig> {
  const text = await read(GITLEAKS_CONFIG);
  return text === null ? defaultSecretsConfig() : parseGitleaksConfig(text, GITLEAKS_CONFIG, read);
}

/**
 * One config file and, through `[extend] path`, the files it builds on (as gitleaks: the extended
 * file's rules and allowlists first, this file's rules replacing those with the same id).
 * `chain` holds the files that extend this one, to name a cycle instead of looping.
 */
export async function parseGitleaksConfig(
  text: string,
  file = GITLEAKS_CONFIG,
  read: ProjectFileReader = noProjectFiles,
  chain: readonly string[] = [],
): Promise<ProjectSecretsConfig> {
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
  const { inherited, disabled } = await readExtend(data.extend, { text, file, read, chain, fail });
  const parts: RuleParts[] = [];
  const allowlists: Allowlist[] = [];
  const rules = data.rules === undefined ? [] : data.rules;
  if (!Array.isArray(rules)) fail('"rules" must be an array of tables ([[rules]])', 'rules');
  for (const raw of rules as unknown[]) {
    const parsed = parseRule(raw, text, file, fail);
    allowlists.push(...parsed.allowlists);
    parts.push(parsed.parts);
  }
  allowlists.push(...globalAllowlists(data, fail));
  return merge(inherited, { parts, allowlists, disabled }, file, { file, text });
}

/** `[allowlist]` and `[[allowlists]]`: the allowlists for every rule. */
function globalAllowlists(data: Record<string, unknown>, fail: (message: string, needle?: string) => never): Allowlist[] {
  const lists: Allowlist[] = [];
  if (data.allowlist !== undefined) lists.push(allowlistOf(data.allowlist, '[allowlist]', fail));
  if (data.allowlists === undefined) return lists;
  if (!Array.isArray(data.allowlists)) fail('"allowlists" must be an array of tables ([[allowlists]])', 'allowlists');
  for (const raw of data.allowlists as unknown[]) lists.push(allowlistOf(raw, '[[allowlists]]', fail));
  return lists;
}

/** `[extend]`: what this file builds on (br-guard's rules, another file, or nothing) and the ids it drops. */
async function readExtend(
  raw: unknown,
  at: { text: string; file: string; read: ProjectFileReader; chain: readonly string[]; fail: (message: string, needle?: string) => never },
): Promise<{ inherited: ProjectSecretsConfig | null; disabled: Set<string> }> {
  const extend = table(raw, 'extend', at.fail);
  const fail = (message: string, key: string): never => {
    throw new InputError(`[extend]: ${message}`, { file: at.file, ...extendKeyLine(at.text, key) });
  };
  for (const key of Object.keys(extend)) if (!extendKeys.has(key)) fail(`unknown key "${key}"`, key);
  if (extend.url !== undefined) fail('url is not supported: save the file in the repository and name it in path', 'url');
  // gitleaks refuses both at once too ("useDefault and path can NOT be used at the same time").
  if (extend.useDefault === true && extend.path !== undefined) fail('useDefault and path cannot be used together: keep one', 'path');
  const disabled = new Set(strings(extend.disabledRules, 'extend.disabledRules', at.fail));
  if (extend.useDefault === true) return { inherited: defaultSecretsConfig(), disabled };
  if (extend.path === undefined) return { inherited: null, disabled };
  const from = { read: at.read, chain: [...at.chain, at.file], fail: (message: string) => fail(message, 'path') };
  return { inherited: await extendedConfig(extend.path, from), disabled };
}

/**
 * One `[[rules]]` table as written: what it sets. A rule whose id the config extends is merged
 * into the inherited one (as gitleaks does), so it may set only what it changes: a `path`, extra
 * `keywords`, its allowlists.
 */
interface RuleParts {
  id: string;
  description?: string;
  regex?: RegExp;
  path?: RegExp;
  keywords: string[];
  entropy?: number;
  group?: number;
  /** An error at the rule's line, for what only the merge can tell. */
  fail: (message: string) => never;
}

/** One `[[rules]]` table: what it sets, and its allowlists limited to it. */
function parseRule(
  raw: unknown,
  text: string,
  file: string,
  fail: (message: string, needle?: string) => never,
): { parts: RuleParts; allowlists: Allowlist[] } {
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
  const { entropy, group } = numbers(rule, failRule);
  const parts: RuleParts = {
    id,
    keywords: strings(rule.keywords, `${where}: keywords`, failRule).map((word) => word.toLowerCase()),
    fail: failRule,
    ...(typeof rule.description === 'string' ? { description: rule.description } : {}),
    ...(rule.regex !== undefined ? { regex: compile(rule.regex, 'regex', (message) => failRule(message, 'regex')) } : {}),
    ...(rule.path !== undefined ? { path: compile(rule.path, 'path', (message) => failRule(message, 'path')) } : {}),
    ...(entropy !== undefined ? { entropy } : {}),
    ...(group !== undefined ? { group } : {}),
  };
  return { parts, allowlists: ruleAllowlists(rule, failRule).map((list) => ({ ...list, targetRules: [id] })) };
}

/** A rule's `entropy` and `secretGroup`, when set. */
function numbers(rule: Record<string, unknown>, fail: (message: string) => never): { entropy?: number; group?: number } {
  const out: { entropy?: number; group?: number } = {};
  if (rule.entropy !== undefined) out.entropy = typeof rule.entropy === 'number' ? rule.entropy : fail('"entropy" must be a number');
  if (rule.secretGroup !== undefined)
    out.group = Number.isInteger(rule.secretGroup) ? (rule.secretGroup as number) : fail('"secretGroup" must be an integer');
  return out;
}

/**
 * gitleaks's ids of its default rules where br-guard's own rule of that secret has another id, so a
 * `.gitleaks.toml` written for gitleaks (`useDefault`, then `[[rules]] id = "generic-api-key"` with
 * an allowlist) extends the rule it means.
 */
const gitleaksIds: Record<string, string> = {
  'generic-api-key': GENERIC_ID,
  'aws-access-token': 'aws-access-key-id',
  'github-pat': 'github-token',
  'github-fine-grained-pat': 'github-token',
  'github-oauth': 'github-token',
  'github-app-token': 'github-token',
  'github-refresh-token': 'github-token',
};

/**
 * This file's rules over the ones it extends, as gitleaks merges them: a rule with an inherited id
 * extends that rule (its regex, path, description, entropy and secret group replace the inherited
 * ones; keywords and allowlists add up), a new id is a new rule, `disabledRules` drops inherited
 * ones, and allowlists add up (the inherited first).
 */
function merge(
  inherited: ProjectSecretsConfig | null,
  own: { parts: RuleParts[]; allowlists: Allowlist[]; disabled: Set<string> },
  file: string,
  source: { file: string; text: string },
): ProjectSecretsConfig {
  const secrets = new Map((inherited?.rules.rules ?? []).map((rule) => [rule.id, rule]));
  const byPath = new Map((inherited?.pathRules ?? []).map((rule) => [rule.id, rule]));
  const generic = Boolean(inherited?.rules.generic);
  const known = (id: string): boolean => secrets.has(id) || byPath.has(id) || (id === GENERIC_ID && generic);
  // An id is what it names in the inherited rules, else gitleaks's name for one of ours.
  const idOf = (id: string): string => (known(id) ? id : known(gitleaksIds[id] ?? '') ? (gitleaksIds[id] as string) : id);
  // disabledRules drops inherited rules only: a rule this file writes with that id stays.
  let changed = false;
  for (const id of own.disabled) {
    changed = secrets.delete(idOf(id)) || changed;
    byPath.delete(idOf(id));
  }
  const keepGeneric = generic && !own.disabled.has(GENERIC_ID) && !own.disabled.has('generic-api-key');
  for (const written of own.parts) {
    const parts = { ...written, id: idOf(written.id) };
    const base = secrets.get(parts.id);
    const basePath = byPath.get(parts.id);
    changed ||= Boolean(base) || Boolean(parts.regex);
    if (base) secrets.set(parts.id, extendRule(base, parts));
    else if (parts.regex) {
      byPath.delete(parts.id);
      secrets.set(
        parts.id,
        extendRule(
          { id: parts.id, description: parts.id, keywords: [], multiline: true },
          { ...parts, path: parts.path ?? basePath?.path },
        ),
      );
    } else if (parts.path || basePath) {
      byPath.set(parts.id, {
        id: parts.id,
        description: parts.description ?? basePath?.description ?? parts.id,
        path: (parts.path ?? basePath?.path) as RegExp,
      });
    } else if (parts.id !== GENERIC_ID || !keepGeneric) {
      // gitleaks: "both |regex| and |path| are empty, this rule will have no effect".
      parts.fail(`needs a "regex" or a "path": it extends no rule with this id${inherited ? '' : ' (there is no [extend])'}`);
    }
  }
  const allowlists = own.allowlists.map((list) => (list.targetRules.length ? { ...list, targetRules: list.targetRules.map(idOf) } : list));
  return {
    // The same inherited rules, unchanged, keep the compiled set (and its cache) of the defaults.
    rules: inherited && !changed && keepGeneric === generic ? inherited.rules : compileRuleSet([...secrets.values()], keepGeneric),
    pathRules: [...byPath.values()],
    allowlists: [...(inherited?.allowlists ?? []), ...allowlists],
    file,
    sources: [source, ...(inherited?.sources ?? [])],
  };
}

/** An inherited (or empty) rule with what a `[[rules]]` table of the same id sets. */
function extendRule(base: SecretRule, parts: RuleParts): SecretRule {
  const rule: SecretRule = { ...base, keywords: [...new Set([...base.keywords, ...parts.keywords])] };
  if (parts.description !== undefined) rule.description = parts.description;
  if (parts.regex) {
    // A new regex is a new shape: the checks written for the built-in one no longer apply.
    rule.pattern = parts.regex;
    rule.multiline = true;
    for (const key of ['key', 'value', 'strictKey', 'validate', 'group', 'minEntropy'] as const) delete rule[key];
  }
  if (parts.group !== undefined) rule.group = parts.group;
  if (parts.path) rule.path = parts.path;
  if (parts.entropy !== undefined) {
    const entropy = parts.entropy;
    const check = rule.validate;
    delete rule.minEntropy;
    rule.validate = (value) => shannonEntropy(value) >= entropy && (!check || check(value));
  }
  return rule;
}

/** The config an `[extend] path` names, relative to the repository root. */
async function extendedConfig(
  path: unknown,
  from: { read: ProjectFileReader; chain: string[]; fail: (message: string) => never },
): Promise<ProjectSecretsConfig> {
  if (typeof path !== 'string' || !path.trim()) return from.fail('path must be a file name');
  const target = posix.normalize(path.trim().replace(/\\/g, '/'));
  if (posix.isAbsolute(target) || target === '..' || target.startsWith('../'))
    return from.fail(`path "${path}" must name a file inside the repository, relative to its root`);
  if (from.chain.includes(target)) return from.fail(`path "${path}" makes a cycle: ${[...from.chain, target].join(' → ')}`);
  const text = await from.read(target);
  if (text === null) return from.fail(`path "${path}": no such file in ${from.read.where}`);
  return parseGitleaksConfig(text, target, from.read, from.chain);
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

/** The line of `key = ` inside the `[extend]` table (else of the key's first occurrence), for the error. */
function extendKeyLine(text: string, key: string): { line?: number } {
  const table = /^[ \t]*\[extend\][ \t]*(?:#.*)?$/m.exec(text);
  if (table) {
    const rest = text.slice(table.index);
    const next = /\n[ \t]*\[/.exec(rest.slice(1));
    const body = next ? rest.slice(0, next.index + 1) : rest;
    const at = new RegExp(`^[ \\t]*${key}[ \\t]*=`, 'm').exec(body);
    if (at) return { line: text.slice(0, table.index + at.index).split('\n').length };
  }
  return lineOf(text, key);
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
