/** Test files by name and folder, the conventions of the common runners. */
export function isTestPath(path: string): boolean {
  return (
    /(?:^|\/)(?:test|tests|__tests__|spec|e2e)\//.test(path) ||
    /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path) ||
    /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/.test(path)
  );
}

/** Who makes a call: the UI (or a worker) of the app, or code around it that is not the UI. */
export type CallerKind = 'ui' | 'test' | 'e2e' | 'story' | 'mock' | 'config';

/**
 * Which files are not the UI: tests, e2e suites (cypress, playwright), storybook stories,
 * fixtures and mocks, and tool configs (`cypress.config.ts`, `vite.config.ts`). Their calls are
 * kept and reported apart; they never count as the UI calling an endpoint.
 */
export function callerKindOf(path: string): CallerKind {
  const lower = path.toLowerCase();
  if (/(?:^|\/)(?:cypress|playwright|e2e|e2e-tests?|integration-tests?)\//.test(lower) || /\.(?:cy|e2e)\.[cm]?[jt]sx?$/.test(lower))
    return 'e2e';
  if (/(?:^|\/)(?:\.storybook|stories)\//.test(lower) || /\.stories\.[cm]?[jt]sx?$|\.story\.[cm]?[jt]sx?$|\.mdx$/.test(lower))
    return 'story';
  if (isTestPath(path) || /(?:^|\/)conftest\.py$/.test(lower) || /(?:^|\/)(?:testing|test-utils|test_utils)\//.test(lower)) return 'test';
  if (
    /(?:^|\/)(?:__mocks__|mocks?|fixtures?|__fixtures__|msw|stubs)\//.test(lower) ||
    /\.(?:mock|mocks|fixture)\.[cm]?[jt]sx?$/.test(lower)
  )
    return 'mock';
  if (/(?:^|\/)[^/]+\.config\.[cm]?[jt]s$|(?:^|\/)\.[^/]+rc\.[cm]?[jt]s$/.test(lower)) return 'config';
  return 'ui';
}
