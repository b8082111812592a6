import { join } from 'node:path';

type Prettier = typeof import('prettier');

/** Formats one file's text: the formatted text, or null for a file Prettier ignores or cannot parse by name. */
export type PrettierFormat = (path: string, text: string) => Promise<string | null>;

/**
 * The project's Prettier (else br-guard's) with the file's own config (`resolveConfig`, with
 * `.editorconfig`) and `.prettierignore`. Throws Prettier's error on a syntax error.
 */
export async function createPrettierFormat(root: string): Promise<PrettierFormat> {
  const { importProjectModule } = await import('../../adapters/project-module.js');
  const { module } = await importProjectModule<Prettier & { default?: Prettier }>(root, 'prettier');
  const prettier = module.default ?? module;
  const ignorePath = [join(root, '.prettierignore')];
  return async (path, text) => {
    const absolute = join(root, path);
    const info = await prettier.getFileInfo(absolute, { ignorePath, resolveConfig: false });
    if (info.ignored || !info.inferredParser) return null;
    const config = (await prettier.resolveConfig(absolute, { editorconfig: true })) ?? {};
    return prettier.format(text, { ...config, filepath: absolute });
  };
}
