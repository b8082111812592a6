import { createHash } from 'node:crypto';
import { fileCandidates, lineCandidates, type Candidate } from './candidates.js';
import { isGenericSecretValue, isNonSecretKey, isSecretKey } from './generic-rule.js';
import { isPlaceholder, shannonEntropy } from './placeholders.js';
import { redact } from './redact.js';
import { compileRuleSet, findKeywords, isGenericKeyword, type RuleSet } from './rule-set.js';
import { providerRules } from './rules.js';
import { normalizeKey, type SecretRule } from './secret-rule.js';

/** A detected secret. It never carries the value itself, only its redacted form and a hash. */
export interface SecretHit {
  rule: string;
  description: string;
  line: number;
  column: number;
  redacted: string;
  /** sha256 of the value (hex, 16 chars): identifies it in baselines without revealing it. */
  valueHash: string;
}

/** What a project's configuration adds: its rules, and a veto on what may be reported. */
export interface DetectOptions {
  /** The file's path: picks the value grammar (bare words in code are not values) and path rules. */
  path?: string;
  /** Rules to use (default: br-guard's); `generic: false` drops the keyword+entropy rule. */
  rules?: RuleSet;
  /** Return true to drop a hit (a project's allowlists); sees the secret, never keeps it. */
  allow?: (rule: string, secret: string, lineText: string) => boolean;
  /** Internal: false inside a decoded base64 value, so values are decoded once, not recursively. */
  decode?: boolean;
}

const allowMarkers = /pragma: allowlist secret|br-guard-allow-secret(?!-next-line)|gitleaks:allow/;
const allowNextLineMarkers = /pragma: allowlist nextline secret|br-guard-allow-secret-next-line/;
const base64Run = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{28,}={0,2}/g;

let defaultSet: RuleSet | null = null;
/** br-guard's built-in rules, compiled once. */
export function builtInRuleSet(): RuleSet {
  defaultSet ??= compileRuleSet(providerRules, true);
  return defaultSet;
}

interface Scan {
  text: string;
  lines: string[];
  starts: number[];
  options: DetectOptions;
  set: RuleSet;
  hits: SecretHit[];
  /** Taken value spans per line, so one value is reported once (provider before generic). */
  taken: Map<number, Array<[number, number]>>;
}

/** Scans one file's text; allowlisted lines, examples, placeholders, hashes and ids are dropped. */
export function detectSecrets(text: string, options: DetectOptions = {}): SecretHit[] {
  if (text.includes('\u0000')) return [];
  const set = options.rules ?? builtInRuleSet();
  const scan: Scan = { text, lines: text.split('\n'), starts: lineOffsets(text), options, set, hits: [], taken: new Map() };
  const { perLine, candidateLines, genericLines, anywhere } = triggeredRules(scan);
  for (const index of anywhere) {
    const rule = set.rules[index];
    if (rule?.pattern && rule.multiline) matchPattern(scan, rule, text, 0);
  }
  for (const [line, indexes] of perLine) {
    for (const index of indexes) {
      const rule = set.rules[index];
      if (rule?.pattern && !rule.multiline) matchPattern(scan, rule, scan.lines[line - 1] ?? '', scan.starts[line - 1] ?? 0);
    }
  }
  // Wrapped tokens before candidates, so a base64 JWT under `token:` is named for what it is.
  if (options.decode !== false) scanBase64(scan);
  // A key may be spelt many ways, so every keyed rule judges the candidates of every line that
  // the keyword scan picked for a keyed or the generic rule.
  for (const line of candidateLines) {
    for (const candidate of lineCandidates(scan.lines[line - 1] ?? '', scan.starts[line - 1] ?? 0, options.path ?? '')) {
      judgeCandidate(scan, candidate, set.keyed, genericLines.has(line));
    }
  }
  for (const candidate of fileCandidates(text)) judgeCandidate(scan, candidate, set.keyed, set.generic);
  return scan.hits.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface Triggered {
  /** Line → the prefixed rules to run on it. */
  perLine: Map<number, Set<number>>;
  /** Lines whose `key = value` candidates are read, in order. */
  candidateLines: number[];
  genericLines: Set<number>;
  /** Multi-line rules triggered somewhere in the text. */
  anywhere: Set<number>;
}

function triggeredRules(scan: Scan): Triggered {
  const perLine = new Map<number, Set<number>>();
  const candidateLines: number[] = [];
  const genericLines = new Set<number>();
  const anywhere = new Set<number>();
  const { triggers, rules } = scan.set;
  const path = scan.options.path ?? '';
  const runs = (index: number): boolean => !scan.set.hasPathRules || pathMatches(rules[index], path);
  for (const index of scan.set.always) {
    if (!runs(index)) continue;
    if (rules[index]?.multiline) anywhere.add(index);
    else for (let line = 1; line <= scan.lines.length; line++) add(perLine, line, index);
  }
  let line = 1;
  for (const { at, word } of findKeywords(scan.set, scan.text)) {
    while (line < scan.starts.length && (scan.starts[line] ?? Infinity) <= at) line++;
    for (const index of triggers.get(word) ?? []) {
      if (!runs(index)) continue;
      if (rules[index]?.multiline) anywhere.add(index);
      else if (rules[index]?.pattern) add(perLine, line, index);
    }
    if (scan.set.candidateWords.has(word) && candidateLines[candidateLines.length - 1] !== line) candidateLines.push(line);
    if (scan.set.generic && isGenericKeyword(word)) genericLines.add(line);
  }
  return { perLine, candidateLines, genericLines, anywhere };
}

/** Whether a rule runs on this path (a gitleaks `path`; its regex is global, so from the start each time). */
function pathMatches(rule: SecretRule | undefined, path: string): boolean {
  if (!rule?.path) return true;
  rule.path.lastIndex = 0;
  return rule.path.test(path);
}

function add(map: Map<number, Set<number>>, line: number, index: number): void {
  const set = map.get(line);
  if (set) set.add(index);
  else map.set(line, new Set([index]));
}

function matchPattern(scan: Scan, rule: SecretRule, text: string, base: number): void {
  const pattern = rule.pattern;
  if (!pattern) return;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    const group = rule.group ?? (match.length > 1 ? 1 : 0);
    const value = match[group] ?? (group > 0 ? undefined : match[0]);
    if (!value || match.index === undefined) continue;
    const at = base + match.index + Math.max(0, match[0].indexOf(value));
    if (!acceptValue(rule, value)) continue;
    report(scan, rule.id, rule.description, value, at, rule.id.includes('private-key') ? redactKeyBlock(value) : redact(value));
  }
}

function acceptValue(rule: SecretRule, value: string): boolean {
  if (!rule.id.includes('private-key') && isPlaceholder(value)) return false;
  if (rule.minEntropy && value.length >= 12 && shannonEntropy(value) < rule.minEntropy) return false;
  return rule.validate ? rule.validate(value) : true;
}

const anchoredKeys = new WeakMap<RegExp, RegExp>();

/**
 * Where the words of a key start in its normalized form (`herokuApiKey` → 0, 6, 9): after a
 * separator or at a lower-to-upper step. Computed once per candidate, for every keyed rule.
 */
function keyWordStarts(key: string): Set<number> {
  const starts = new Set<number>();
  let at = 0;
  for (let i = 0; i < key.length; i++) {
    const char = key[i] as string;
    if (!/[A-Za-z0-9]/.test(char)) continue;
    const previous = key[i - 1] ?? '';
    if (i === 0 || !/[A-Za-z0-9]/.test(previous) || (/[A-Z]/.test(char) && /[a-z0-9]/.test(previous))) starts.add(at);
    at++;
  }
  return starts;
}

/**
 * The provider's name is whole words of the key (`HEROKU_API_KEY`, `herokuApiKey`, `dd.api.key`):
 * begun or ended inside a word it is a coincidence (`rookTable` holds `okta`, `sumOfExposures`
 * starts with `sumo`). A key of one run of letters (`SENDGRIDAPIKEY`) is read from its start.
 */
function keyNamesProvider(pattern: RegExp, normalized: string, starts: ReadonlySet<number>): boolean {
  if (!pattern.test(normalized)) return false;
  let anchored = anchoredKeys.get(pattern);
  if (!anchored) anchoredKeys.set(pattern, (anchored = new RegExp(`^(?:${pattern.source})`)));
  const oneWord = starts.size <= 1;
  for (const start of starts) {
    const match = anchored.exec(normalized.slice(start));
    if (!match) continue;
    const end = start + match[0].length;
    if (oneWord || starts.has(end) || end === normalized.length) return true;
  }
  return false;
}

function judgeCandidate(scan: Scan, candidate: Candidate, keyedRules: SecretRule[], generic: boolean): void {
  const { key, value, index } = candidate;
  if (!value || overlaps(scan, index, value.length)) return;
  const normalized = normalizeKey(key);
  let starts: Set<number> | undefined;
  for (const rule of keyedRules) {
    if (!rule.key || !rule.value?.test(value) || !keyNamesProvider(rule.key, normalized, (starts ??= keyWordStarts(key)))) continue;
    if (scan.set.hasPathRules && !pathMatches(rule, scan.options.path ?? '')) continue;

    if (isNonSecretKey(key) || (rule.strictKey && !isSecretKey(key)) || !acceptValue(rule, value)) continue;
    report(scan, rule.id, rule.description, value, index, redact(value));
    return;
  }
  if (generic && scan.set.generic && isSecretKey(key) && isGenericSecretValue(value, key, candidate.quoted)) {
    report(scan, 'generic-secret', 'hard-coded secret', value, index, redact(value));
  }
}

/** A base64 value that decodes to a token (a wrapped JWT, a PEM block, a prefixed key) is decoded once. */
function scanBase64(scan: Scan): void {
  if (!scan.text.includes('=') && scan.text.length < 28) return;
  for (const match of scan.text.matchAll(base64Run)) {
    const run = match[0];
    const at = match.index ?? 0;
    if (/^[a-f0-9]+$/i.test(run) || overlaps(scan, at, run.length)) continue;
    const decoded = Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('latin1');
    if (!/^[\x20-\x7e\r\n\t]+$/.test(decoded)) continue;
    const inner = detectSecrets(decoded, { rules: compileRuleSet(scan.set.rules, false), decode: false });
    const first = inner[0];
    if (!first) continue;
    report(scan, first.rule, `${first.description} (base64-encoded)`, run, at, redact(run));
  }
}

function overlaps(scan: Scan, at: number, length: number): boolean {
  const line = lineAt(scan.starts, at);
  return (scan.taken.get(line) ?? []).some(([start, end]) => at < end && at + length > start);
}

/**
 * Keys that are public by design, in the configuration objects their SDKs document: a Firebase
 * web config's `apiKey` (Google: "not a secret") and Algolia DocSearch's search-only key.
 */
function isPublicByDesign(scan: Scan, rule: string, line: number): boolean {
  // A generic value its author labels as an example (`# This is an example`) is one.
  if (
    rule === 'generic-secret' &&
    /(?:^|\s)(?:#|\/\/|<!--|--|;)[^\n]*\b(?:example|sample|dummy|fake|placeholder)\b/im.test(
      `${scan.lines[line - 2] ?? ''}\n${scan.lines[line - 1] ?? ''}`,
    )
  )
    return true;
  if (rule !== 'google-api-key' && rule !== 'generic-secret' && rule !== 'algolia-admin-key') return false;
  const near = scan.lines.slice(Math.max(0, line - 6), line + 5).join('\n');
  if (rule === 'google-api-key') return /authDomain/.test(near) && /firebaseapp\.com|projectId/.test(near);
  return /docsearch\s*\(|indexName/.test(near) && /apiKey/i.test(scan.lines[line - 1] ?? '');
}

function report(scan: Scan, rule: string, description: string, value: string, at: number, redacted: string): void {
  const line = lineAt(scan.starts, at);
  if (overlaps(scan, at, value.length) || isAllowed(scan.lines, line) || isPublicByDesign(scan, rule, line)) return;
  if (scan.options.allow?.(rule, value, scan.lines[line - 1] ?? '')) return;
  const spans = scan.taken.get(line) ?? [];
  spans.push([at, at + value.length]);
  scan.taken.set(line, spans);
  scan.hits.push({
    rule,
    description,
    line,
    column: at - (scan.starts[line - 1] ?? 0) + 1,
    redacted,
    valueHash: createHash('sha256').update(value).digest('hex').slice(0, 16),
  });
}

function isAllowed(lines: string[], line: number): boolean {
  return allowMarkers.test(lines[line - 1] ?? '') || allowNextLineMarkers.test(lines[line - 2] ?? '');
}

function redactKeyBlock(value: string): string {
  const header = /-----BEGIN [A-Z0-9 ]+-----/.exec(value)?.[0] ?? 'private key';
  return `${header}…(${value.length} chars)`;
}

function lineOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
