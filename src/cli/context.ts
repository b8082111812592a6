import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../domain/errors.js';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/load-config.js';
import type { Spec } from '../domain/spec.js';

/** Options every command accepts (defined once on the root program). */
export interface GlobalOptions {
  json?: boolean;
  cwd?: string;
  spec?: string;
  color?: boolean;
}

/**
 * What a command action gets: where it runs, how to print, and lazy access to the repo, the
 * config and the spec, so a command that needs none of them never pays for loading them.
 */
export interface CommandContext {
  cwd: string;
  json: boolean;
  /** Colour only on a TTY, never with NO_COLOR or --json. */
  color: boolean;
  specOverride: string | undefined;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  git: () => Promise<Git>;
  config: () => Promise<LoadedConfig>;
  spec: () => Promise<Spec>;
}

export async function createContext(options: GlobalOptions): Promise<CommandContext> {
  const cwd = resolve(options.cwd ?? process.cwd());
  try {
    if (!(await stat(cwd)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`--cwd: no such directory: ${options.cwd ?? cwd}`);
  }
  const json = Boolean(options.json);
  const color =
    !json && options.color !== false && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0' && Boolean(process.stderr.isTTY);
  let git: Promise<Git> | undefined;
  let config: Promise<LoadedConfig> | undefined;
  let spec: Promise<Spec> | undefined;
  const context: CommandContext = {
    cwd,
    json,
    color,
    specOverride: options.spec,
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    git: () => (git ??= import('../adapters/git.js').then(({ Git }) => Git.open(cwd))),
    config: () =>
      (config ??= Promise.all([context.git(), import('../config/load-config.js')]).then(async ([repo, { loadConfig }]) => {
        const loaded = await loadConfig(repo.root);
        // Once per command, on stderr: never in the one JSON document on stdout.
        for (const warning of loaded.warnings ?? []) context.stderr(`br-guard: warning: ${warning}`);
        return loaded;
      })),
    spec: () =>
      (spec ??= Promise.all([context.git(), context.config(), import('../spec/load-spec.js')]).then(([repo, loaded, { loadSpec }]) =>
        loadSpec({ root: repo.root, cwd, override: options.spec, configured: loaded.config.spec }),
      )),
  };
  return context;
}
