/**
 * Formats a file init writes the way the project's own formatter would, so the first `check`
 * does not flag init's own files. Returns the text unchanged when Prettier has no parser for
 * the file (hook scripts), ignores it, or cannot be loaded.
 */
export type ProjectFormat = (path: string, text: string) => Promise<string>;

/**
 * Prettier as the prettier check runs it: the project's copy (else br-guard's), the file's own
 * config, `.editorconfig` and `.prettierignore`. Loaded on the first file that needs it.
 */
export function projectFormat(root: string): ProjectFormat {
  let format: Promise<((path: string, text: string) => Promise<string | null>) | null> | undefined;
  return async (path, text) => {
    format ??= import('../../quality/checkers/prettier-format.js')
      .then(({ createPrettierFormat }) => createPrettierFormat(root))
      .catch(() => null);
    const formatter = await format;
    if (!formatter) return text;
    try {
      return (await formatter(path, text)) ?? text;
    } catch {
      // A file Prettier cannot parse is the user's to fix; init writes it as it is.
      return text;
    }
  };
}

/**
 * For a file init edits (package.json): formatted only when it was formatted before, so that
 * init never reformats lines of the user's that it did not touch.
 */
export async function formatEdit(format: ProjectFormat, path: string, before: string, after: string): Promise<string> {
  return (await format(path, before)) === before ? format(path, after) : after;
}
