/** Test files by name and folder, the conventions of the common runners. */
export function isTestPath(path: string): boolean {
  return (
    /(?:^|\/)(?:test|tests|__tests__|spec|e2e)\//.test(path) ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path) ||
    /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/.test(path)
  );
}
