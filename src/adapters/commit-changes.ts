import type { ChangedFile, ChangeStatus, Git } from './git.js';

/**
 * The files each commit changes against its first parent (a root commit: against nothing), for
 * any number of commits in one `git log` (commits on stdin, so no argument limit), where one
 * `diff-tree` per commit would spawn a process each.
 */
export async function commitChanges(git: Git, commits: readonly string[]): Promise<Map<string, ChangedFile[]>> {
  if (!commits.length) return new Map();
  const result = await git.run(
    // --root and --no-color: a user's log.showRoot or color.ui=always must not change the output.
    [
      'log',
      '--stdin',
      '--no-walk=unsorted',
      '-z',
      '--name-status',
      '-M',
      '-m',
      '--first-parent',
      '--root',
      '--no-color',
      '--format=%x01%H',
      '--',
    ],
    { input: `${commits.join('\n')}\n` },
  );
  return parseLogNameStatusZ(result.stdout);
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
