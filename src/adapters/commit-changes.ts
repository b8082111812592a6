import type { ChangedFile, Git } from './git.js';
import { parseLogNameStatusZ } from './git-output.js';

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
