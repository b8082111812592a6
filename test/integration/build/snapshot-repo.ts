import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

/** Everything a rollback must restore, in comparable form: files, index, status, HEAD. */
export interface RepoSnapshot {
  files: Record<string, string>;
  ignored: Record<string, string>;
  index: string;
  cached: string;
  status: string;
  head: string;
  branch: string;
}

function run(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Walks the work tree (not .git, not br-guard's runtime files): type, exec bit and a hash of the bytes of every entry. */
export function snapshotRepo(root: string): RepoSnapshot {
  const ignoredList = new Set(
    run(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']).split('\0').filter(Boolean),
  );
  const files: Record<string, string> = {};
  const ignored: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === '.git' || path === '.buildrunner') continue;
      const full = join(dir, name);
      const info = lstatSync(full);
      const isIgnored = [...ignoredList].some((entry) => path === entry || path.startsWith(entry.endsWith('/') ? entry : `${entry}/`));
      const target = isIgnored ? ignored : files;
      if (info.isDirectory()) {
        walk(full, path);
      } else if (info.isSymbolicLink()) {
        target[path] = `link:${readlinkSync(full)}`;
      } else {
        target[path] = `${info.mode & 0o111 ? 'x' : '-'}:${createHash('sha1').update(readFileSync(full)).digest('hex')}`;
      }
    }
  };
  walk(root, '');
  return {
    files,
    ignored,
    index: run(root, ['ls-files', '-s', '-z']),
    cached: run(root, ['diff', '--cached', '--binary', '--no-color']),
    status: run(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all']),
    head: run(root, ['rev-parse', 'HEAD']).trim(),
    branch: run(root, ['symbolic-ref', '-q', 'HEAD']).trim(),
  };
}
