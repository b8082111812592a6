import { parse } from 'smol-toml';
import { escapeRegExp, lineOf, normalizePypiName, requirementName, type Dependency } from './dependency.js';

type Table = Record<string, unknown>;

function table(value: unknown): Table {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
}

function strings(value: unknown): string[] {
  // `[dependency-groups]` may hold `{include-group = "x"}` entries: those name groups, not packages.
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Dependencies of a pyproject.toml: `[project] dependencies`, `[project.optional-dependencies]`,
 * `[dependency-groups]`, and Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and
 * groups. An unparsable file declares none (the build tool reports it, not us).
 */
export function parsePyproject(file: string, text: string): Dependency[] {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch {
    return [];
  }
  const found = new Map<string, Dependency>();
  const add = (rawName: string | null, dev: boolean): void => {
    if (!rawName) return;
    const name = normalizePypiName(rawName);
    const existing = found.get(name);
    if (existing) existing.dev &&= dev;
    else
      found.set(name, {
        ecosystem: 'pypi',
        name,
        file,
        line: lineOf(text, new RegExp(`(?:^\\s*|["'])${escapeRegExp(rawName)}(?![\\w.-])`, 'm')),
        dev,
      });
  };
  const project = table(doc.project);
  for (const spec of strings(project.dependencies)) add(requirementName(spec), false);
  for (const group of Object.values(table(project['optional-dependencies'])))
    for (const spec of strings(group)) add(requirementName(spec), true);
  for (const group of Object.values(table(doc['dependency-groups']))) for (const spec of strings(group)) add(requirementName(spec), true);
  const poetry = table(table(doc.tool).poetry);
  for (const name of Object.keys(table(poetry.dependencies))) if (name.toLowerCase() !== 'python') add(name, false);
  for (const name of Object.keys(table(poetry['dev-dependencies']))) add(name, true);
  for (const group of Object.values(table(poetry.group))) for (const name of Object.keys(table(table(group).dependencies))) add(name, true);
  return [...found.values()];
}
