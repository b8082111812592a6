import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real temporary git repository for integration tests. */
export interface TempRepo {
  root: string;
  /** Runs git in the repo and returns stdout. */
  git: (...args: string[]) => string;
  /** Writes files (path → content), creating folders. */
  write: (files: Record<string, string>) => void;
  /** Writes, stages and commits files. */
  commit: (message: string, files?: Record<string, string>) => string;
  cleanup: () => void;
}

export function createTempRepo(options: { commit?: boolean; files?: Record<string, string> } = {}): TempRepo {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'br-guard-test-')));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  const write = (files: Record<string, string>): void => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  };
  const commit = (message: string, files: Record<string, string> = {}): string => {
    write(files);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '--no-verify', '-m', message);
    return git('rev-parse', 'HEAD').trim();
  };
  if (options.files) write(options.files);
  if (options.commit) commit('initial');
  return { root, git, write, commit, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
