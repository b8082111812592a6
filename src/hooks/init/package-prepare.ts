/**
 * The `prepare` script that re-installs husky on every `npm install`. For a package at the
 * repository root that is `husky`; for a monorepo sub-package husky must run from the root
 * and be told where `.husky` is (husky docs, "Project not in git root directory").
 */
export function prepareCommand(packageFromRoot: string): string {
  if (!packageFromRoot) return 'husky';
  const up = packageFromRoot
    .split('/')
    .map(() => '..')
    .join('/');
  return `cd ${up} && husky ${packageFromRoot}/.husky`;
}

/**
 * Adds the husky step to package.json's `prepare`, keeping the file's indentation, its other
 * keys and any prepare step already there (`tsc && husky`). Returns null when nothing changes.
 */
export function withPrepareScript(packageJsonText: string, command: string): { text: string; note: string } | null {
  const pkg = JSON.parse(packageJsonText) as { scripts?: Record<string, string> };
  const scripts = pkg.scripts ?? {};
  const current = scripts.prepare;
  if (current && /\bhusky\b/.test(current)) return null;
  scripts.prepare = current ? `${current} && ${command}` : command;
  pkg.scripts = scripts;
  const indent = /^(\s+)"/m.exec(packageJsonText)?.[1] ?? '  ';
  const text = `${JSON.stringify(pkg, null, indent)}\n`;
  return { text, note: current ? `appended "${command}" to the prepare script` : `added "prepare": "${command}"` };
}
