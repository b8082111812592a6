import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import v8 from 'node:v8';

/** The subset of ruff-wasm's API br-guard uses. */
export interface RuffWorkspace {
  check(contents: string): RuffDiagnostic[];
  format(contents: string): string;
}

export interface RuffLocation {
  row: number;
  column: number;
}

export interface RuffDiagnostic {
  code: string | null;
  message: string;
  start_location: RuffLocation;
  end_location: RuffLocation;
  fix: { message: string | null; edits: Array<{ content: string | null; location: RuffLocation; end_location: RuffLocation }> } | null;
}

const diskOnlyKeys = new Set(['extend', 'exclude', 'extend-exclude', 'include', 'src', 'cache-dir', 'force-exclude', 'respect-gitignore']);

let ruffModule: Promise<typeof import('@astral-sh/ruff-wasm-nodejs')> | undefined;

/**
 * Loads Ruff's WebAssembly build once. `--liftoff-only` must be set before the module is
 * compiled: V8's optimising tier otherwise spends seconds compiling the 20 MB module up front.
 */
function loadRuff(): Promise<typeof import('@astral-sh/ruff-wasm-nodejs')> {
  if (!ruffModule) {
    v8.setFlagsFromString('--liftoff-only');
    ruffModule = import('@astral-sh/ruff-wasm-nodejs');
  }
  return ruffModule;
}

/** The project's Ruff settings: `ruff.toml`, `.ruff.toml`, else `[tool.ruff]` of `pyproject.toml`. */
export async function readRuffSettings(root: string): Promise<{ settings: Record<string, unknown>; source: string | null }> {
  const { parse } = await import('smol-toml');
  for (const name of ['ruff.toml', '.ruff.toml']) {
    const text = await readOptional(join(root, name));
    if (text !== null) return { settings: parse(text) as Record<string, unknown>, source: name };
  }
  const pyproject = await readOptional(join(root, 'pyproject.toml'));
  if (pyproject !== null) {
    const tool = (parse(pyproject) as { tool?: { ruff?: Record<string, unknown> } }).tool;
    if (tool?.ruff) return { settings: tool.ruff, source: 'pyproject.toml' };
  }
  return { settings: {}, source: null };
}

/** A Ruff workspace with the project's settings merged with `overrides` (e.g. `lint.select`). */
export async function createRuffWorkspace(root: string, overrides: Record<string, unknown> = {}): Promise<RuffWorkspace> {
  const { Workspace, PositionEncoding } = await loadRuff();
  const { settings } = await readRuffSettings(root);
  // Keys about files on disk mean nothing to an in-memory workspace and some are rejected by it.
  const usable = Object.fromEntries(Object.entries(settings).filter(([key]) => !diskOnlyKeys.has(key)));
  const lint = { ...(usable.lint as Record<string, unknown> | undefined), ...(overrides.lint as Record<string, unknown> | undefined) };
  return new Workspace({ ...usable, ...overrides, lint }, PositionEncoding.Utf16) as unknown as RuffWorkspace;
}

/**
 * Applies Ruff's fixes to `text` (non-overlapping edits, last first), repeating while fixes
 * remain, as `ruff check --fix` does. Rows are 1-based; columns are 1-based UTF-16 units.
 */
export function applyRuffFixes(workspace: RuffWorkspace, text: string, maxPasses = 5): string {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = workspace
      .check(current)
      .flatMap((diagnostic) => diagnostic.fix?.edits ?? [])
      .map((edit) => ({ start: offsetOf(current, edit.location), end: offsetOf(current, edit.end_location), content: edit.content ?? '' }))
      .sort((a, b) => b.start - a.start || b.end - a.end);
    if (!edits.length) break;
    let next = current;
    let floor = Infinity;
    for (const edit of edits) {
      if (edit.end > floor) continue; // Overlaps an edit already applied; the next pass retries it.
      next = next.slice(0, edit.start) + edit.content + next.slice(edit.end);
      floor = edit.start;
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

function offsetOf(text: string, location: RuffLocation): number {
  let offset = 0;
  for (let row = 1; row < location.row; row++) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) return text.length;
    offset = newline + 1;
  }
  return Math.min(text.length, offset + location.column - 1);
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
