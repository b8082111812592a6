/**
 * Files that are program source, by extension: these need a spec entry when new. Config,
 * data, styles and documents do not (they are covered by the features that use them).
 */
const sourceExtension =
  /\.(?:[cm]?[jt]s|[jt]sx|py|pyi|go|rs|java|kt|kts|scala|rb|php|cs|fs|swift|m|mm|c|cc|cpp|cxx|h|hh|hpp|vue|svelte|astro|dart|ex|exs|erl|clj|lua|sh|bash|sql)$/i;

export function isSourceFile(path: string): boolean {
  return sourceExtension.test(path) && !path.endsWith('.d.ts');
}
