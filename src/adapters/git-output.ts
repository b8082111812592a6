/**
 * Pure parsers of git's machine output, one per format, each tested on captured output
 * (test/unit/adapters/git-output.test.ts). Every format is NUL-separated (`-z`) where git offers
 * it, so names with spaces, quotes or newlines come through as they are.
 */

export type ChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

export interface ChangedFile {
  status: ChangeStatus;
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
}

/** One record of `git diff --raw -z --no-abbrev`: both sides' modes and blobs. */
export interface RawDiffRecord {
  /** `U` is an unmerged path (its blobs are all zeros). */
  status: ChangeStatus | 'U';
  path: string;
  /** The old path of a rename or copy. */
  from?: string;
  oldMode: string;
  newMode: string;
  oldBlob: string;
  newBlob: string;
}

/** An index entry of `git ls-files -z --stage`. */
export interface StageEntry {
  path: string;
  mode: string;
  blob: string;
  /** 0 for a merged path; 1–3 for the sides of a conflict. */
  stage: number;
}

/** Parses `--name-status -z`: `M\0path\0`, renames and copies as `R100\0old\0new\0`. */
export function parseNameStatusZ(out: string): ChangedFile[] {
  const parts = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length; i++) {
    const status = parts[i];
    if (!status) continue;
    const code = status[0] as ChangeStatus;
    if (code === 'R' || code === 'C') {
      const from = parts[++i] ?? '';
      const path = parts[++i] ?? '';
      files.push({ status: code, path, from });
    } else {
      files.push({ status: code, path: parts[++i] ?? '' });
    }
  }
  return files;
}

/**
 * Parses `--raw -z --no-abbrev`: `:100644 100644 <old> <new> M\0path\0`, renames and copies with
 * the old path first (`:… R086\0old\0new\0`).
 */
export function parseRawDiffZ(out: string): RawDiffRecord[] {
  const parts = out.split('\0');
  const records: RawDiffRecord[] = [];
  for (let i = 0; i < parts.length; i++) {
    const header = parts[i];
    if (!header?.startsWith(':')) continue;
    const [oldMode = '', newMode = '', oldBlob = '', newBlob = '', score = ''] = header.slice(1).split(' ');
    const status = (score[0] ?? 'M') as RawDiffRecord['status'];
    const first = parts[++i] ?? '';
    if (status === 'R' || status === 'C') records.push({ status, path: parts[++i] ?? '', from: first, oldMode, newMode, oldBlob, newBlob });
    else records.push({ status, path: first, oldMode, newMode, oldBlob, newBlob });
  }
  return records;
}

/** The one git command a snapshot starts from: every staged change with both sides' modes and blobs. */
export function stagedDiffArgs(base: string): string[] {
  return ['diff-index', '--cached', '-z', '--raw', '--no-abbrev', '-M', '--no-ext-diff', base, '--'];
}

/** The records of a staged raw diff, unmerged paths left out (a conflict is the user's to resolve). */
export function stagedRecords(out: string): RawDiffRecord[] {
  const records = parseRawDiffZ(out);
  const unmerged = new Set(records.filter((record) => record.status === 'U').map((record) => record.path));
  return records.filter((record) => !unmerged.has(record.path));
}

/** Parses `ls-files -z --stage`: `<mode> <blob> <stage>\t<path>\0`. */
export function parseStageEntriesZ(out: string): StageEntry[] {
  const entries: StageEntry[] = [];
  for (const record of out.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode = '', blob = '', stage = '0'] = record.slice(0, tab).split(' ');
    entries.push({ path: record.slice(tab + 1), mode, blob, stage: Number(stage) });
  }
  return entries;
}

/**
 * The merged entries of a stage listing by path. An unmerged path (any stage above 0) is left
 * out entirely: a conflict is the user's to resolve, never ours to check or rewrite.
 */
export function mergedEntries(entries: readonly StageEntry[]): Map<string, { mode: string; blob: string }> {
  const merged = new Map<string, { mode: string; blob: string }>();
  const unmerged = new Set<string>();
  for (const entry of entries) {
    if (entry.stage === 0) merged.set(entry.path, { mode: entry.mode, blob: entry.blob });
    else unmerged.add(entry.path);
  }
  for (const path of unmerged) merged.delete(path);
  return merged;
}

/** Parses `ls-tree -r -z`: `<mode> <type> <blob>\t<path>\0`. */
export function parseTreeListingZ(out: string): Array<{ path: string; blob: string; mode: string }> {
  return out
    .split('\0')
    .filter(Boolean)
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode = '', , blob = ''] = entry.slice(0, tab).split(' ');
      return { path: entry.slice(tab + 1), blob, mode };
    });
}

/** One object of `cat-file --batch` output: its id, type and content. */
export interface BatchObject {
  id: string;
  type: string;
  content: Buffer;
}

/**
 * Parses `cat-file --batch` output for `count` requests, in order: `<oid> <type> <size>\n<content>\n`,
 * or null for `<name> missing` (and for output cut short). Content is read by its size, so blobs
 * holding newlines or NULs come through whole.
 */
export function parseBatchObjects(out: Buffer, count: number): Array<BatchObject | null> {
  const objects: Array<BatchObject | null> = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(0x0a, offset);
    if (eol === -1) {
      objects.push(null);
      continue;
    }
    const header = out.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!match) {
      objects.push(null);
      continue;
    }
    const size = Number(match[3]);
    objects.push({ id: match[1]!, type: match[2]!, content: out.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return objects;
}

/** `cat-file --batch` output by request name: blob contents, null for missing objects and non-blobs. */
export function parseBatchOutput(out: Buffer, names: readonly string[], into: Map<string, Buffer | null>): void {
  parseBatchObjects(out, names.length).forEach((object, i) => into.set(names[i]!, object?.type === 'blob' ? object.content : null));
}

/** Parses `cat-file --batch-check` output: `<oid> <type> <size>` or `<name> missing`, one per name. */
export function parseBatchCheck(out: string, names: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const lines = out.split('\n');
  names.forEach((name, i) => {
    const match = /^[0-9a-f]+ \w+ (\d+)$/.exec(lines[i] ?? '');
    if (match) sizes.set(name, Number(match[1]));
  });
  return sizes;
}

/**
 * Parses `git log -z --name-status --format=%x01%H`: a `\x01<commit>` header, then status and
 * path fields. Read by position (a status, then one path, or two for a rename or copy), so a path
 * that happens to start with `\x01` is still a path.
 */
export function parseLogNameStatusZ(out: string): Map<string, ChangedFile[]> {
  const byCommit = new Map<string, ChangedFile[]>();
  const parts = out.split('\0');
  let current: ChangedFile[] | null = null;
  for (let i = 0; i < parts.length; i++) {
    // git ends each header (and each commit's list) with a newline before the next field.
    const token = (parts[i] ?? '').replace(/^\n+/, '');
    if (!token) continue;
    if (token.startsWith('\x01')) {
      current = [];
      byCommit.set(token.slice(1), current);
      continue;
    }
    if (!current) continue;
    const code = token[0] as ChangeStatus;
    if (code === 'R' || code === 'C') {
      const from = parts[++i] ?? '';
      current.push({ status: code, path: parts[++i] ?? '', from });
    } else {
      current.push({ status: code, path: parts[++i] ?? '' });
    }
  }
  return byCommit;
}
