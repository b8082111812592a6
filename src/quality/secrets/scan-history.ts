import type { Git } from '../../adapters/git.js';
import { workTreeReader } from '../../adapters/project-files.js';
import { InputError } from '../../domain/errors.js';
import { parseAddedLines, type AddedLines } from './added-lines.js';
import { loadGitleaksConfig, type ProjectSecretsConfig } from './gitleaks-config.js';
import { ignoreMatches, readGitleaksIgnore, type IgnoreEntry } from './gitleaks-ignore.js';
import { isScannablePath } from './scannable-path.js';
import { scanFile } from './scan-file.js';
import { readSecretsBaseline } from './secrets-baseline.js';
import { secretFingerprint } from '../checkers/secrets-checker.js';

/** A secret a commit added. `message` holds the redacted form only. */
export interface HistoryFinding {
  commit: string;
  file: string;
  line: number;
  rule: string;
  message: string;
}

export interface HistoryResult {
  findings: HistoryFinding[];
  commits: number;
  /** Commits (or boundaries) that could not be read: shallow clone edges, missing objects. */
  unreadable: string[];
}

/** Which commits to scan: `git rev-list` arguments (a range, or refs with `--not` exclusions). */
export type HistorySelection = { range?: string } | { revs: string[] };

const BATCH = 100;

/**
 * Scans the lines each commit added (`git log -p --unified=0`), in batches so memory stays
 * bounded, with the project's `.gitleaks.toml`, `.gitleaksignore` and secrets baseline.
 */
export async function scanHistory(git: Git, selection: HistorySelection = {}): Promise<HistoryResult> {
  const [config, ignore, baseline] = await Promise.all([
    // History is judged by the project's config as it stands now (the work tree's).
    loadGitleaksConfig(workTreeReader(git.root)),
    readGitleaksIgnore(workTreeReader(git.root)),
    readSecretsBaseline(git.root),
  ]);
  const commits = await listCommits(git, selection);
  const unreadable = await shallowBoundary(git);
  const findings: HistoryFinding[] = [];
  for (let i = 0; i < commits.length; i += BATCH) {
    const batch = commits.slice(i, i + BATCH);
    const { added, missing } = await readBatch(git, batch);
    unreadable.push(...missing);
    for (const entry of added) findings.push(...scanAdded(config, ignore, baseline, entry));
  }
  return { findings, commits: commits.length, unreadable };
}

async function listCommits(git: Git, selection: HistorySelection): Promise<string[]> {
  const args = 'revs' in selection ? selection.revs : selection.range ? [selection.range] : ['HEAD', '--branches', '--tags'];
  if ('range' in selection && !selection.range && !(await git.headCommit())) return [];
  const result = await git.run(['rev-list', ...args, '--'], { allowFailure: true });
  if (result.code !== 0) {
    const reason = (result.stderr.split('\n').find((line) => line.startsWith('fatal:')) ?? result.stderr).replace(/^fatal:\s*/, '').trim();
    throw new InputError(`cannot read the commits of ${JSON.stringify(args.join(' '))}: ${reason}`);
  }
  return result.stdout.split('\n').filter(Boolean);
}

/** In a shallow clone, history stops at the grafted commits: said, since their parents are not read. */
async function shallowBoundary(git: Git): Promise<string[]> {
  const shallow = await git.run(['rev-parse', '--is-shallow-repository'], { allowFailure: true });
  if (shallow.stdout.trim() !== 'true') return [];
  const path = (await git.text(['rev-parse', '--git-path', 'shallow'])).trim();
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const grafts = (await readFile(resolve(git.root, path), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return grafts.map((commit) => `${commit.slice(0, 12)} (shallow clone: the history before it is not here)`);
}

async function readBatch(git: Git, commits: string[]): Promise<{ added: AddedLines[]; missing: string[] }> {
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--no-walk=unsorted',
    '-p',
    '--unified=0',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-renames',
    '--diff-filter=AMC',
    '--format=%x00commit %H',
    ...commits,
    '--',
  ];
  const result = await git.run(args, { allowFailure: true });
  if (result.code === 0) return { added: parseAddedLines(result.stdout), missing: [] };
  // One unreadable commit (a missing object) fails the batch: read them one by one to name it.
  if (commits.length === 1) return { added: [], missing: [`${commits[0]?.slice(0, 12)} (${firstLine(result.stderr)})`] };
  const added: AddedLines[] = [];
  const missing: string[] = [];
  for (const commit of commits) {
    const one = await readBatch(git, [commit]);
    added.push(...one.added);
    missing.push(...one.missing);
  }
  return { added, missing };
}

function scanAdded(config: ProjectSecretsConfig, ignore: IgnoreEntry[], baseline: Set<string>, entry: AddedLines): HistoryFinding[] {
  if (!isScannablePath(entry.file)) return [];
  // Consecutive added lines are scanned as one text, so multi-line values (PEM blocks, XML) hold.
  const text = entry.lines.map((line) => line.text).join('\n');
  if (text.length > 2_000_000) return [];
  const found: HistoryFinding[] = [];
  for (const hit of scanFile(config, entry.file, text, entry.commit)) {
    const line = entry.lines[hit.line - 1]?.number ?? hit.line;
    const finding = { commit: entry.commit, file: entry.file, line, rule: hit.rule };
    if (ignore.some((ignored) => ignoreMatches(ignored, finding))) continue;
    if (baseline.has(secretFingerprint(entry.file, hit.rule, hit.valueHash))) continue;
    found.push({ ...finding, message: `${hit.description} ${hit.redacted}: rotate it, then remove it from history` });
  }
  return found;
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim()) ?? 'unreadable').replace(/^(?:fatal|error):\s*/, '').trim();
}
