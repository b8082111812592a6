import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

type Prettier = typeof import('prettier');

/** Formats one file's text: the formatted text, or null for a file Prettier ignores or cannot parse by name. */
export type PrettierFormat = (path: string, text: string) => Promise<string | null>;

/**
 * A loaded Prettier's format. `forgetConfigs` drops what Prettier remembers of config files (its
 * search and their contents, `.editorconfig` too): a long-lived process (the warm worker) calls it
 * for each new client, since a nested `.prettierrc` may have changed since the last one.
 */
export type LoadedPrettierFormat = PrettierFormat & { forgetConfigs(): Promise<void> };

function withForget(prettier: Prettier, format: PrettierFormat): LoadedPrettierFormat {
  return Object.assign(format, { forgetConfigs: () => prettier.clearConfigCache() });
}

/**
 * The project's Prettier (else br-guard's) with the file's own config (`resolveConfig`, with
 * `.editorconfig`) and `.prettierignore`. Throws Prettier's error on a syntax error.
 *
 * With `shadowDir` (a folder holding the config files as staged or committed, laid out as in
 * the repository), the config, `.editorconfig` and `.prettierignore` are read from there, never
 * from the work tree; a config that cannot load there throws here, before any file.
 */
export async function createPrettierFormat(root: string, shadowDir?: string): Promise<LoadedPrettierFormat> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<Prettier & { default?: Prettier }>(root, 'prettier');
  const prettier = module.default ?? module;
  if (shadowDir) return shadowFormat(prettier, root, shadowDir);
  const ignorePath = [join(root, '.prettierignore')];
  // Whether a path is ignored and which parser its name picks: the root's .prettierignore and
  // the name decide it, and Prettier reads that file again on every call (~1 ms). Kept for this
  // format's life: a process's run, or the warm worker's, whose version key holds .prettierignore.
  const infos = new Map<string, Promise<{ ignored: boolean; inferredParser?: string | null }>>();
  return withForget(prettier, async (path, text) => {
    const absolute = join(root, path);
    let known = infos.get(absolute);
    if (!known) {
      known = prettier.getFileInfo(absolute, { ignorePath, resolveConfig: false });
      infos.set(absolute, known);
      known.catch(() => infos.delete(absolute));
    }
    const info = await known;
    if (info.ignored || !info.inferredParser) return null;
    const config = (await prettier.resolveConfig(absolute, { editorconfig: true })) ?? {};
    return prettier.format(text, { ...config, filepath: absolute });
  });
}

async function shadowFormat(prettier: Prettier, root: string, dir: string): Promise<LoadedPrettierFormat> {
  // Prettier's own search order picks the config; one found above the shadow is the work
  // tree's, so it does not count. An empty config stands for none: with `config` given,
  // Prettier does not search (the search would climb into the work tree).
  const found = await prettier.resolveConfigFile(join(dir, 'index.js'));
  let config = found && !relative(dir, found).startsWith('..') ? found : null;
  if (!config) {
    // In the project-root marker (see config-shadow.ts): never a name Prettier looks for.
    config = join(dir, '.hg', 'br-guard-no-prettier-config.json');
    await mkdir(join(dir, '.hg'), { recursive: true });
    await writeFile(config, '{}\n');
  }
  // Loads the config now: one that cannot load here (an import that does not resolve) throws before any file.
  await prettier.resolveConfig(join(dir, 'index.js'), { config, editorconfig: true });
  const ignorePath = [join(dir, '.prettierignore')];
  return withForget(prettier, async (path, text) => {
    // Paths in the shadow, so ignore patterns and overrides match as they do from the root.
    const shadowed = join(dir, path);
    const info = await prettier.getFileInfo(shadowed, { ignorePath, resolveConfig: false });
    if (info.ignored || !info.inferredParser) return null;
    const options = (await prettier.resolveConfig(shadowed, { config: config!, editorconfig: true })) ?? {};
    return prettier.format(text, { ...options, filepath: join(root, path) });
  });
}
