import { createHash } from 'node:crypto';
import { genericAssignmentRule, providerRules, type SecretRule } from './rules.js';
import { isPlaceholder } from './placeholders.js';
import { redact } from './redact.js';

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

const allowMarkers = /pragma: allowlist secret|br-guard-allow-secret(?!-next-line)/;
const allowNextLineMarkers = /pragma: allowlist nextline secret|br-guard-allow-secret-next-line/;

/** Scans one file's text with every rule; allowlisted lines, examples and placeholders are dropped. */
export function detectSecrets(text: string): SecretHit[] {
  if (text.includes('\u0000')) return [];
  const lines = text.split('\n');
  const lineStarts = lineOffsets(text);
  const hits: SecretHit[] = [];
  const taken = new Set<string>();
  for (const rule of [...providerRules, genericAssignmentRule]) {
    for (const match of text.matchAll(rule.pattern)) {
      const value = match[rule.group];
      if (!value || match.index === undefined) continue;
      const offset = match.index + match[0].indexOf(value);
      const line = lineAt(lineStarts, offset);
      if (isAllowed(lines, line) || !accept(rule, value)) continue;
      // A provider rule and the generic rule may both match one value: keep the first (provider).
      const key = `${line}:${value}`;
      if (taken.has(key)) continue;
      taken.add(key);
      hits.push({
        rule: rule.id,
        description: rule.description,
        line,
        column: offset - (lineStarts[line - 1] ?? 0) + 1,
        redacted: rule.id === 'private-key' ? redactKeyBlock(value) : redact(value),
        valueHash: createHash('sha256').update(value).digest('hex').slice(0, 16),
      });
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}

function accept(rule: SecretRule, value: string): boolean {
  if (rule.id !== 'private-key' && isPlaceholder(value)) return false;
  return rule.validate ? rule.validate(value) : true;
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

function lineAt(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
