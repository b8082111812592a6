import type { SchemaNode } from './schema-node.js';

export type KeyPath = Array<string | number>;

export interface SchemaProblem {
  path: KeyPath;
  message: string;
}

export interface SchemaResult<T> {
  value: T;
  problems: SchemaProblem[];
}

/**
 * Validates user input against a schema and returns the fully resolved value (defaults filled)
 * together with every problem found, so the user can fix them all in one go.
 * @param fallback values that replace schema defaults for missing keys (e.g. a built-in
 *   dimension's own defaults when the user overrides only part of it)
 */
export function validateSchema<T>(node: SchemaNode, input: unknown, fallback?: unknown): SchemaResult<T> {
  const problems: SchemaProblem[] = [];
  const value = check(node, input, [], fallback, problems);
  return { value: value as T, problems };
}

function check(node: SchemaNode, input: unknown, path: KeyPath, fallback: unknown, problems: SchemaProblem[]): unknown {
  if (input === undefined) return defaultOf(node, fallback);
  if (input === null && node.nullable) return null;
  const fail = (expected: string): unknown => {
    problems.push({ path, message: `expected ${expected}, got ${describe(input)}` });
    return defaultOf(node, fallback);
  };
  switch (node.type) {
    case 'string':
      if (typeof input !== 'string') return fail('a string');
      if (node.enum && !node.enum.includes(input)) return fail(`one of ${node.enum.join(', ')}`);
      return input;
    case 'number':
      if (typeof input !== 'number' || !Number.isFinite(input)) return fail('a number');
      if (node.integer && !Number.isInteger(input)) return fail('a whole number');
      if (node.min !== undefined && input < node.min) return fail(`a number >= ${node.min}`);
      if (node.max !== undefined && input > node.max) return fail(`a number <= ${node.max}`);
      return input;
    case 'boolean':
      return typeof input === 'boolean' ? input : fail('true or false');
    case 'array':
      if (!Array.isArray(input)) return fail('a list');
      return input.map((item, index) => check(node.items, item, [...path, index], undefined, problems));
    case 'object':
      return isPlainObject(input) ? checkObject(node, input, path, fallback, problems) : fail('a mapping of keys');
    case 'record': {
      if (!isPlainObject(input)) return fail('a mapping of keys');
      const base = (defaultOf(node, fallback) ?? {}) as Record<string, unknown>;
      const out: Record<string, unknown> = { ...base };
      for (const [key, value] of Object.entries(input)) {
        out[key] = check(node.values, value, [...path, key], base[key], problems);
      }
      return out;
    }
  }
}

function checkObject(
  node: Extract<SchemaNode, { type: 'object' }>,
  input: Record<string, unknown>,
  path: KeyPath,
  fallback: unknown,
  problems: SchemaProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!(key in node.properties)) {
      const known = Object.keys(node.properties);
      problems.push({ path: [...path, key], message: `unknown key "${key}"${suggest(key, known)}` });
    }
  }
  const fallbacks = isPlainObject(fallback) ? fallback : {};
  for (const [key, child] of Object.entries(node.properties)) {
    if (input[key] === undefined && (node.partial || child.optional)) continue;
    out[key] = check(child, input[key], [...path, key], fallbacks[key], problems);
  }
  return out;
}

/** The value a missing key takes. */
export function defaultOf(node: SchemaNode, fallback?: unknown): unknown {
  if (fallback !== undefined) return structuredClone(fallback);
  if (node.default !== undefined) return structuredClone(node.default);
  if (node.type === 'object') {
    if (node.partial) return {};
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.properties)) if (!child.optional) out[key] = defaultOf(child);
    return out;
  }
  if (node.type === 'array') return [];
  if (node.type === 'record') return {};
  return node.nullable ? null : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}

function suggest(key: string, known: string[]): string {
  const lower = key.toLowerCase();
  // Short keys are too close to everything for edit distance to mean anything.
  const close = known.find(
    (candidate) => candidate.toLowerCase() === lower || (lower.length >= 4 && distance(candidate.toLowerCase(), lower) <= 2),
  );
  return close ? ` (did you mean "${close}"?)` : ` (known keys: ${known.join(', ')})`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
