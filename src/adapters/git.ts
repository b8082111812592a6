import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError, ToolMissingError } from '../domain/errors.js';
import { runProcess, type RunResult } from './process-runner.js';
import { parseNameStatusZ, parseStageEntriesZ, parseTreeListingZ, type ChangedFile } from './git-output.js';

/** A git failure the user can act on (not a repo, no commits, bad ref). Exit 2. */
export class GitError extends UserError {
  /** The command that failed, when one did: arguments, exit code and what git said. */
  declare readonly cause?: GitFailure;

  constructor(message: string, failure?: GitFailure) {
    super(message, { exitCode: 2 });
    this.name = 'GitError';
    if (failure) Object.defineProperty(this, 'cause', { value: failure, enumerable: false });
  }
}

export interface GitRunOptions {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Resolve with the result instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  binary?: boolean;
}

export type { ChangedFile, ChangeStatus } from './git-output.js';

/** A failed git command, kept as a `GitError`'s cause. */
export interface GitFailure {
  args: readonly string[];
  code: number;
  stderr: string;
}

/**
 * How a `Git` runs a command in its work tree: the real `git` process by default; unit tests
 * give an in-memory one that answers from captured output (test/helpers/fake-git.ts).
 */
export type GitExecutor = (cwd: string, args: readonly string[], options: GitRunOptions) => Promise<RunResult>;

/**
 * Flags before every command, so a user's config cannot change the output br-guard parses:
 * colour forced on, signatures shown in `git log`, diff prefixes dropped or renamed, diffs made
 * relative to a subfolder.
 */
export const FIXED_GIT_FLAGS: readonly string[] = [
  '-c',
  'color.ui=never',
  '-c',
  'log.showSignature=false',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
];

/** The null tree: what a diff compares against when there is no commit yet. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * The git adapter every system uses. Every call is `git` plus an argument array, `--` before
 * paths, NUL-separated output where git offers it.
 */
export class Git {
  /** Absolute path of the work tree root. */
  readonly root: string;
  /** Absolute path of this work tree's git dir (differs per linked worktree). */
  readonly gitDir: string;
  /** Absolute path of the common git dir (shared by linked worktrees). */
  readonly commonDir: string;

  private readonly exec: GitExecutor;
  private pinnedHead: Promise<string | null> | null = null;
  /** HEAD as `open({ readHead: true })` read it; taken by the first `pinHead`. */
  private openedHead: string | null | undefined = undefined;

  private constructor(root: string, gitDir: string, commonDir: string, exec: GitExecutor = runGit) {
    this.root = root;
    this.gitDir = gitDir;
    this.commonDir = commonDir;
    this.exec = exec;
  }

  /** A Git over another executor (an in-memory fake in unit tests); paths as `open` would find them. */
  static withExecutor(paths: { root: string; gitDir: string; commonDir?: string }, exec: GitExecutor): Git {
    return new Git(paths.root, paths.gitDir, paths.commonDir ?? paths.gitDir, exec);
  }

  /**
   * Finds the repository that contains `cwd` (any folder of a work tree, a linked worktree).
   * With `readHead`, the same git call reads HEAD too, for a later `pinHead` (a hook: one
   * process fewer on its critical path); `headCommit` still reads HEAD afresh until pinned.
   */
  static async open(cwd: string, options: { readHead?: boolean } = {}): Promise<Git> {
    const args = ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'];
    if (options.readHead) args.push('--verify', '--quiet', 'HEAD^{commit}');
    const result = await runGit(cwd, args, { allowFailure: true });
    const lines = result.stdout.trimEnd().split('\n');
    // With --verify --quiet, an unborn HEAD exits 1 after printing the paths, and says nothing.
    const unborn = options.readHead === true && result.code === 1 && !result.stderr.trim() && lines.length === 3;
    if (result.code !== 0 && !unborn) {
      if (/not a git repository/i.test(result.stderr)) throw new GitError(`not a git repository: ${cwd}`);
      throw new GitError(`git rev-parse failed in ${cwd}: ${firstLine(result.stderr)}`);
    }
    const [root, gitDir, commonDirRaw, head] = lines;
    if (!root || !gitDir || !commonDirRaw) throw new GitError(`not inside a git work tree: ${cwd}`);
    const commonDir = isAbsolute(commonDirRaw) ? commonDirRaw : resolve(cwd, commonDirRaw);
    const git = new Git(realpathSync(root), gitDir, realpathSync(commonDir));
    if (options.readHead) git.openedHead = head ?? null;
    return git;
  }

  /** True when commands run as real git processes (not a test's in-memory executor). */
  get runsRealGit(): boolean {
    return this.exec === runGit;
  }

  /** Runs git in the work tree root. Throws `GitError` on failure unless `allowFailure`. */
  async run(args: readonly string[], options: GitRunOptions = {}): Promise<RunResult> {
    const result = await this.exec(this.root, args, options);
    if (result.code !== 0 && !options.allowFailure)
      throw new GitError(`git ${args[0]} failed: ${firstLine(result.stderr) || `exit ${result.code}`}`, {
        args,
        code: result.code,
        stderr: result.stderr,
      });
    return result;
  }

  /** Runs git and returns stdout. */
  async text(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).stdout;
  }

  /** A path relative to the repo root with `/` separators. */
  relativePath(absolutePath: string): string {
    return relative(this.root, absolutePath).split(sep).join('/');
  }

  absolutePath(repoPath: string): string {
    return join(this.root, ...repoPath.split('/'));
  }

  async headCommit(): Promise<string | null> {
    if (this.pinnedHead) return this.pinnedHead;
    const result = await this.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : null;
  }

  /**
   * From now on `headCommit` reads HEAD once for this handle: for a pre-commit, which runs while
   * `git commit` waits with the HEAD it read before the hook (the commit is made on that one).
   */
  pinHead(): void {
    if (this.pinnedHead) return;
    if (this.openedHead !== undefined) {
      this.pinnedHead = Promise.resolve(this.openedHead);
      this.openedHead = undefined;
      return;
    }
    const read = this.headCommit();
    this.pinnedHead = read;
    // A failed read is not kept: the next caller asks git again and sees the error itself.
    read.catch(() => {
      if (this.pinnedHead === read) this.pinnedHead = null;
    });
  }

  /** The branch HEAD points at (`refs/heads/x`), or null when detached. */
  async headRef(): Promise<string | null> {
    const result = await this.run(['symbolic-ref', '--quiet', 'HEAD'], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : null;
  }

  async requireHead(): Promise<string> {
    const head = await this.headCommit();
    if (!head) throw new GitError('the repository has no commits yet');
    return head;
  }

  /** Resolves a revision to a commit id, or throws a one-line error naming it. */
  async resolveCommit(rev: string): Promise<string> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
      allowFailure: true,
    });
    if (result.code !== 0) throw new GitError(`unknown revision: ${rev}`);
    return result.stdout.trim();
  }

  /** Content of a path as staged in the index (`git show :path`), or null when not staged. */
  async readStaged(path: string): Promise<Buffer | null> {
    const result = await this.run(['cat-file', 'blob', `:${path}`], { allowFailure: true, binary: true });
    return result.code === 0 ? result.stdoutBuffer : null;
  }

  /** Content of a path at a revision, or null when it does not exist there. */
  async readAt(rev: string, path: string): Promise<Buffer | null> {
    const result = await this.run(['cat-file', 'blob', `${rev}:${path}`], { allowFailure: true, binary: true });
    return result.code === 0 ? result.stdoutBuffer : null;
  }

  /** Files staged for commit (index against HEAD, or against the empty tree before the first commit). */
  async stagedChanges(): Promise<ChangedFile[]> {
    const base = (await this.headCommit()) ?? EMPTY_TREE;
    const out = await this.text(['diff-index', '--cached', '-z', '--name-status', '-M', '--no-ext-diff', base, '--']);
    return parseNameStatusZ(out);
  }

  /** Files changed between two revisions (`a..b`, what a push sends). */
  async rangeChanges(from: string, to: string): Promise<ChangedFile[]> {
    const out = await this.text(['diff-tree', '-r', '-z', '--name-status', '-M', '--no-ext-diff', from, to, '--']);
    return parseNameStatusZ(out);
  }

  /** Files changed since a revision, in the work tree (committed or not). */
  async changesSince(rev: string): Promise<ChangedFile[]> {
    const out = await this.text(['diff-index', '-z', '--name-status', '-M', '--no-ext-diff', rev, '--']);
    return parseNameStatusZ(out);
  }

  /** Unified diff of what is staged. */
  async stagedDiff(paths: readonly string[] = []): Promise<string> {
    const base = (await this.headCommit()) ?? EMPTY_TREE;
    return this.text(['diff-index', '--cached', '-p', '-M', '--no-color', '--no-ext-diff', '-U0', base, '--', ...paths]);
  }

  /** Unified diff between two revisions. */
  async rangeDiff(from: string, to: string, paths: readonly string[] = []): Promise<string> {
    return this.text(['diff-tree', '-r', '-p', '-M', '--no-color', '--no-ext-diff', '-U0', from, to, '--', ...paths]);
  }

  /** Every tracked file (from the index), plus untracked ones that are not ignored when asked. */
  async listFiles(options: { untracked?: boolean } = {}): Promise<string[]> {
    const args = ['ls-files', '-z', '--cached'];
    if (options.untracked) args.push('--others', '--exclude-standard');
    const out = await this.text(args);
    return [...new Set(out.split('\0').filter(Boolean))];
  }

  /** Files of a tree (a commit), with blob ids. */
  async listTree(rev: string): Promise<Array<{ path: string; blob: string; mode: string }>> {
    const out = await this.text(['ls-tree', '-r', '-z', '--full-tree', rev]);
    return parseTreeListingZ(out);
  }

  /** Blob ids of staged files, for caches keyed by content. */
  async stagedBlobs(): Promise<Map<string, string>> {
    const out = await this.text(['ls-files', '-z', '--stage']);
    return new Map(parseStageEntriesZ(out).map((entry) => [entry.path, entry.blob]));
  }

  async readRef(ref: string): Promise<string | null> {
    const result = await this.run(['rev-parse', '--verify', '--quiet', ref], { allowFailure: true });
    return result.code === 0 ? result.stdout.trim() : null;
  }

  /**
   * Sets `ref` to `value` only if it still points at `expected` (null: must not exist), so two
   * processes never overwrite each other's refs silently.
   */
  async updateRef(ref: string, value: string, expected: string | null, message = 'br-guard'): Promise<void> {
    const old = expected ?? '0'.repeat(40);
    const result = await this.run(['update-ref', '-m', message, ref, value, old], { allowFailure: true });
    if (result.code !== 0) throw new GitError(`cannot update ${ref}: ${firstLine(result.stderr)}`);
  }

  async deleteRef(ref: string, expected?: string): Promise<void> {
    const args = ['update-ref', '-d', ref];
    if (expected) args.push(expected);
    await this.run(args);
  }

  /** Refs under a prefix with their targets and commit dates. */
  async listRefs(prefix: string): Promise<Array<{ ref: string; commit: string }>> {
    const out = await this.text(['for-each-ref', '--format=%(refname)%00%(objectname)', prefix]);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [ref = '', commit = ''] = line.split('\0');
        return { ref, commit };
      });
  }

  /** Which operation is in progress (merge, rebase, cherry-pick, bisect, revert), if any. */
  async operationInProgress(): Promise<string | null> {
    const { pathExists } = await import('./file-system.js');
    const markers: Array<[string, string]> = [
      ['MERGE_HEAD', 'merge'],
      ['rebase-merge', 'rebase'],
      ['rebase-apply', 'rebase'],
      ['CHERRY_PICK_HEAD', 'cherry-pick'],
      ['REVERT_HEAD', 'revert'],
      ['BISECT_LOG', 'bisect'],
    ];
    for (const [marker, name] of markers) {
      if (await pathExists(join(this.gitDir, marker))) return name;
    }
    return null;
  }
}

/** The real git: `git` with the fixed flags and an argument array, in `cwd`; failures are the caller's to judge. */
async function runGit(cwd: string, args: readonly string[], options: GitRunOptions): Promise<RunResult> {
  try {
    return await runProcess('git', [...FIXED_GIT_FLAGS, ...args], {
      cwd,
      env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      installHint: 'install git: https://git-scm.com/downloads',
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.binary ? { binary: true } : {}),
    });
  } catch (error) {
    if (error instanceof ToolMissingError) throw new GitError('git is not installed or not on PATH');
    throw error;
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
