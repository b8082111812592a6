import { createHash } from 'node:crypto';
import type { CodeIndex } from './code-index.js';
import { definitionsByName } from './definitions-by-name.js';
import { danglingUses, handlerUses, importedNames, importedUses, usesOf, type EvidenceUse } from './evidence-dependencies.js';
import { servingEndpoint } from './explicit-evidence.js';
import { codeTermsOf } from './retrieval-fields.js';
import type { Evidence, ItemStatus } from './types.js';
import type { FileScan } from './scanner/types.js';

/**
 * Evidence that is remembered: when an item is judged done, the definitions that proved it are
 * recorded (file, symbol, a fingerprint of the body and its size) in `.buildrunner/manifest.json`
 * under `evidence`. A later run (and `drift check --staged`, rule removed-implementation) checks
 * those records first: evidence that was deleted, emptied or stubbed since means the requirement's
 * implementation went away, whatever else still shares its words, so the item drops to partial.
 */

export interface EvidenceRecord {
  file: string;
  /** The definition; null when the evidence is the file as a whole. */
  symbol: string | null;
  line: number;
  /** Body fingerprint (see symbol-bodies.ts); for a file, of its definitions' fingerprints. */
  hash: string;
  /** Identifier tokens of the body when recorded. */
  size: number;
  /**
   * Other files that held a definition of the same name when this was recorded (a Redux action
   * `deleteUser` beside the controller's `deleteUser`): finding the name there later is no move.
   */
  twins?: string[];
  /** An endpoint the item relied on (`GET /api/products`), served from `file` when recorded. */
  endpoint?: { method: string; path: string };
  /** Definitions elsewhere that this one called when recorded (the login handler's `create_access_token`). */
  uses?: EvidenceUse[];
  /** The item's words that the definition's code carried when recorded (`install` in `detect`). */
  terms?: string[];
}

export interface RememberedItem {
  text: string;
  records: EvidenceRecord[];
}

export type EvidenceMemory = Record<string, RememberedItem>;

export type Objection = {
  record: EvidenceRecord;
  what: 'deleted' | 'emptied' | 'stubbed' | 'hollowed' | 'unserved' | 'dangling' | 'cut';
  /** For `dangling`: the definition the record still calls that no longer exists. */
  use?: EvidenceUse;
  /** For `cut`: the item's words no identifier of the body carries any more. */
  lost?: string[];
};

/** A body that kept less than this share of its code was gutted, not edited. */
export const HOLLOWED_SHARE = 0.4;
/**
 * A body that lost this share of its code together with every identifier that carried one of the
 * item's words lost the part that did the item (the auto-install block of `detect`).
 */
const CUT_SHARE = 0.8;
/** Bodies smaller than this (identifier tokens) are judged whole, never by their parts. */
const CUT_MIN_SIZE = 40;

/** The current state of a recorded definition: null when it no longer exists. */
export function currentBody(
  scan: FileScan | undefined,
  record: EvidenceRecord,
): { size: number; hash: string; stubbed: boolean; line: number } | null {
  if (!scan) return null;
  if (record.symbol === null) {
    const bodies = scan.symbolBodies ?? [];
    const size = bodies.reduce((sum, body) => sum + body.size, 0);
    const functions = scan.symbols.filter((symbol) => symbol.kind === 'function' || symbol.kind === 'method').length;
    return {
      size,
      hash: createHash('sha1')
        .update(bodies.map((body) => body.hash).join(''))
        .digest('hex')
        .slice(0, 12),
      stubbed: functions > 0 && scan.stubs.filter((stub) => stub.name).length >= functions,
      line: 1,
    };
  }
  const index = scan.symbols.findIndex((symbol) => symbol.name === record.symbol);
  if (index === -1) return null;
  const body = scan.symbolBodies?.[index];
  const symbol = scan.symbols[index] as FileScan['symbols'][number];
  const stubbed = scan.stubs.some((stub) => stub.name === record.symbol);
  return { size: body?.size ?? 0, hash: body?.hash ?? '', stubbed, line: symbol.line };
}

/** What happened to an item's remembered evidence in the code as it is now. */
export function objectionsTo(
  remembered: RememberedItem | undefined,
  index: Pick<CodeIndex, 'scans'> & Partial<Pick<CodeIndex, 'endpoints'>>,
  /** Only these files are looked at (the staged change); all when absent. */
  only?: ReadonlySet<string>,
): Objection[] {
  if (!remembered) return [];
  const objections: Objection[] = [];
  for (const record of remembered.records) {
    // A staged check scans only the touched files: an untouched record can still lose what it calls.
    if (only && !only.has(record.file)) {
      if (record.uses) objections.push(...danglingObjections(record, null, index.scans, only));
      continue;
    }
    if (record.endpoint) {
      // Whether a route is served takes every mount of the app: only a whole-repository run knows.
      if (!index.endpoints) continue;
      const served = servingEndpoint(index.endpoints, record.endpoint.method, record.endpoint.path);
      if (!served) objections.push({ record, what: 'unserved' });
      else if (record.uses) {
        const scan = index.scans.get(served.file);
        const handler = scan ? handlerAt(scan, served.line) : -1;
        const body = handler >= 0 ? scan?.symbolBodies?.[handler] : undefined;
        const calls = new Set([...(body?.terms ?? []), ...(body?.requires ?? []), ...(served.handlers ?? [])]);
        objections.push(...danglingObjections(record, calls, index.scans, only));
      }
      continue;
    }
    const scan = index.scans.get(record.file);
    const now = currentBody(scan, record);
    if (!now) {
      // The same definition in another file moved, it did not go away.
      if (record.symbol && movedElsewhere(record, index)) continue;
      objections.push({ record, what: 'deleted' });
    } else if (now.stubbed) objections.push({ record, what: 'stubbed' });
    else if (record.size >= 4 && now.size <= 1) objections.push({ record, what: 'emptied' });
    else if (record.size >= 12 && now.size + extractedSize(scan, record) < record.size * HOLLOWED_SHARE)
      objections.push({ record, what: 'hollowed' });
    else if (record.terms && now.size + extractedSize(scan, record) < record.size * CUT_SHARE) {
      const lost = lostTerms(record, scan);
      if (lost.length > 0) objections.push({ record, what: 'cut', lost });
    } else if (record.uses) objections.push(...danglingObjections(record, callsOf(scan, record), index.scans, only));
  }
  return objections;
}

/**
 * Code moved out of a recorded body into functions of the same file that it now calls ("extract
 * function"): their size, so a refactor is not taken for a gutted body. A function the body
 * already used when it was recorded (`record.uses`) does not count: calling what was there is not
 * moving code into it.
 */
function extractedSize(scan: FileScan | undefined, record: EvidenceRecord): number {
  if (!scan || !record.symbol) return 0;
  const own = scan.symbols.findIndex((symbol) => symbol.name === record.symbol);
  const calls = new Set(scan.symbolBodies?.[own]?.terms ?? []);
  const known = new Set((record.uses ?? []).filter((use) => use.file === record.file).map((use) => use.name));
  let size = 0;
  scan.symbols.forEach((symbol, i) => {
    if (i === own || known.has(symbol.name) || !calls.has(symbol.name)) return;
    if (symbol.kind === 'function' || symbol.kind === 'method') size += scan.symbolBodies?.[i]?.size ?? 0;
  });
  return size;
}

function danglingObjections(
  record: EvidenceRecord,
  calls: ReadonlySet<string> | null,
  scans: ReadonlyMap<string, FileScan>,
  only: ReadonlySet<string> | undefined,
): Objection[] {
  return danglingUses(record.uses ?? [], calls, scans, only).map((use) => ({ record, what: 'dangling' as const, use }));
}

/** The item's words the recorded definition carried and no identifier of its body carries now. */
function lostTerms(record: EvidenceRecord, scan: FileScan | undefined): string[] {
  const now = record.symbol ? callsOf(scan, record) : null;
  if (!now || !record.terms) return [];
  return record.terms.filter((term) => !termsOfIdentifiers(now).has(term));
}

/** The item's words among the identifiers of a body. */
function itemTermsIn(identifiers: Iterable<string>, itemTerms: ReadonlySet<string>): string[] {
  return [...termsOfIdentifiers(identifiers)].filter((term) => itemTerms.has(term)).sort();
}

function termsOfIdentifiers(identifiers: Iterable<string>): Set<string> {
  const terms = new Set<string>();
  for (const identifier of identifiers) for (const term of codeTermsOf(identifier)) terms.add(term);
  return terms;
}

/** The identifiers the recorded definition's body names now (for a whole file, what it imports). */
function callsOf(scan: FileScan | undefined, record: EvidenceRecord): ReadonlySet<string> | null {
  if (record.symbol === null) return scan ? importedNames(scan) : null;
  const index = scan?.symbols.findIndex((symbol) => symbol.name === record.symbol) ?? -1;
  const body = index >= 0 ? scan?.symbolBodies?.[index] : undefined;
  return body ? new Set([...body.terms, ...(body.requires ?? [])]) : null;
}

function movedElsewhere(record: EvidenceRecord, index: Pick<CodeIndex, 'scans'>): boolean {
  const twins = new Set(record.twins ?? []);
  for (const scan of index.scans.values()) {
    if (scan.path === record.file) continue;
    const now = currentBody(scan, record);
    if (!now || now.stubbed) continue;
    // The same body is a move wherever it is; a same-named definition that was there all along is not.
    if (now.hash === record.hash) return true;
    if (!twins.has(scan.path) && now.size >= record.size * HOLLOWED_SHARE) return true;
  }
  return false;
}

/** Files other than `file` with a definition named `symbol`, for `EvidenceRecord.twins`. */
function twinsOf(index: Pick<CodeIndex, 'scans'>, file: string, symbol: string): string[] {
  const files = new Set((definitionsByName(index.scans).get(symbol) ?? []).map((definition) => definition.file));
  files.delete(file);
  return [...files].slice(0, 20).sort();
}

export function describeObjection(objection: Objection): string {
  const { record, use } = objection;
  if (use?.name.startsWith('passport:'))
    return `the Passport strategy '${use.name.slice('passport:'.length)}' (${use.file}), which ${record.symbol ?? record.file} in ${record.file} still asks for${use.via ? ` through ${use.via}` : ''}, is no longer provided: the evidence recorded when this item was done is broken`;
  if (use)
    return `${use.name} (${use.file}), which ${record.symbol ?? record.file} in ${record.file} still calls, was deleted: the evidence recorded when this item was done is broken`;
  if (record.endpoint)
    return `${record.endpoint.method} ${record.endpoint.path}, served from ${record.file} when this item was done, is no longer served`;
  const what = record.symbol ? `${record.symbol} in ${record.file}` : record.file;
  const how = {
    unserved: 'is no longer served',
    deleted: 'was deleted',
    emptied: 'was emptied',
    stubbed: 'was replaced by a stub',
    hollowed: 'lost most of its code',
    dangling: 'calls something that was deleted',
    cut: `lost the part of its code that carried the item's words (${(objection.lost ?? []).join(', ')})`,
  }[objection.what];
  return `${what}, the evidence recorded when this item was done, ${how}`;
}

/** Records for an item judged done: its evidence definitions as they are now. */
export function recordsFor(evidence: readonly Evidence[], index: CodeIndex, itemTerms?: readonly string[]): EvidenceRecord[] {
  const records: EvidenceRecord[] = [];
  const wanted = new Set(itemTerms ?? []);
  const seen = new Set<string>();
  for (const item of evidence) {
    const key = `${item.file}\0${item.symbol ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const scan = index.scans.get(item.file);
    if (!scan) continue;
    const base = { file: item.file, symbol: item.symbol ?? null, line: item.line, hash: '', size: 0 };
    const now = currentBody(scan, base);
    // A stub is no evidence (`googleAuth() {}` under a guard decorator): remembering one would
    // object to it as "replaced by a stub" on the very next run.
    if (!now || now.stubbed) continue;
    const twins = base.symbol ? twinsOf(index, base.file, base.symbol) : [];
    const symbolIndex = base.symbol ? scan.symbols.findIndex((symbol) => symbol.name === base.symbol) : -1;
    const uses = symbolIndex >= 0 ? usesOf(scan, symbolIndex, index.scans) : base.symbol === null ? importedUses(scan, index.scans) : [];
    const body = symbolIndex >= 0 ? scan.symbolBodies?.[symbolIndex] : undefined;
    const terms = body && wanted.size > 0 && now.size >= CUT_MIN_SIZE ? itemTermsIn(body.terms, wanted) : [];
    records.push({
      ...base,
      hash: now.hash,
      size: now.size,
      line: now.line,
      ...(twins.length > 0 ? { twins } : {}),
      ...(uses.length > 0 ? { uses } : {}),
      ...(terms.length > 0 ? { terms } : {}),
    });
  }
  return records;
}

/** Records for the endpoints an item relied on (the ones its text names, served when it was done), with what their handlers call. */
export function endpointRecords(
  endpoints: ReadonlyArray<{ method: string; path: string; file: string; line: number; handlers?: string[] }>,
  index: Pick<CodeIndex, 'scans'>,
): EvidenceRecord[] {
  const seen = new Set<string>();
  return endpoints.flatMap((endpoint) => {
    const key = `${endpoint.method} ${endpoint.path}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const scan = index.scans.get(endpoint.file);
    const handler = scan ? handlerAt(scan, endpoint.line) : -1;
    const uses = [
      ...handlerUses(endpoint.handlers ?? [], index.scans),
      ...(scan && handler >= 0 ? usesOf(scan, handler, index.scans) : []),
    ];
    return [
      {
        file: endpoint.file,
        symbol: null,
        line: endpoint.line,
        hash: '',
        size: 0,
        endpoint: { method: endpoint.method, path: endpoint.path },
        ...(uses.length > 0 ? { uses } : {}),
      },
    ];
  });
}

/**
 * The definition that handles a route registered at `line`: the innermost one holding the line
 * (`export async function GET`, a handler inside `router.get(...)`), or the one its decorators sit
 * on (`@router.get("/")` above `def read_items`, a Flask view class). -1 when there is none.
 */
export function handlerAt(scan: FileScan, line: number): number {
  let holding = -1;
  let below = -1;
  scan.symbols.forEach((symbol, i) => {
    const end = scan.symbolBodies?.[i]?.end ?? symbol.line;
    if (symbol.line <= line && line <= end) {
      if (holding < 0 || symbol.line >= (scan.symbols[holding] as typeof symbol).line) holding = i;
    } else if (symbol.line > line && symbol.line - line <= DECORATOR_LINES) {
      if (below < 0 || symbol.line < (scan.symbols[below] as typeof symbol).line) below = i;
    }
  });
  // A route decorator inside a controller class: the class holds the line, the method below handles it.
  if (below >= 0 && (holding < 0 || scan.symbols[holding]?.kind === 'class')) return below;
  return holding;
}

/** How far above its definition a route decorator can sit (a decorator call written over several lines). */
const DECORATOR_LINES = 6;

/** The item's status once its remembered evidence has been checked. */
export function withObjections(status: ItemStatus, objections: readonly Objection[]): ItemStatus {
  return objections.length > 0 && status === 'done' ? 'partial' : status;
}
