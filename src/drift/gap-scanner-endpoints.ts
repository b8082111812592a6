import type { EndpointExtractor } from './endpoint-extractor.js';

/**
 * The gap analyzer's scanner as drift's endpoint extractor: one file scanned and linked on its
 * own. A router mounted under a prefix in another file therefore shows its own path (`/orders`
 * for `/api/orders`); the undocumented-endpoint rule accepts such a path as a suffix of a
 * named endpoint.
 */
export const gapScannerEndpoints: EndpointExtractor = async (file: string, content: string) => {
  if (!mayServeRoutes(file, content)) return [];
  const [{ isScannable, scanFile }, { linkEndpoints }] = await Promise.all([
    import('../gaps/scanner/scan-file.js'),
    import('../gaps/scanner/link-endpoints.js'),
  ]);
  if (!isScannable(file)) return [];
  const scan = await scanFile(file, content);
  return linkEndpoints([scan]).endpoints.map(({ method, path, line }) => ({ method, path, line }));
};

/**
 * A whole-tree check links the files that may serve or mount routes together, as gap analysis
 * does: `router.post('/')` in a router that `app.use('/api/orders', …)` mounts is
 * `POST /api/orders`, not `POST /` (which no spec naming the full path would match).
 */
gapScannerEndpoints.linkAll = async (files) => {
  const [{ isScannable, scanFile }, { linkEndpoints }] = await Promise.all([
    import('../gaps/scanner/scan-file.js'),
    import('../gaps/scanner/link-endpoints.js'),
  ]);
  const scans = [];
  for (const { file, content } of files) if (isScannable(file) && mayServeRoutes(file, content)) scans.push(await scanFile(file, content));
  return linkEndpoints(scans).endpoints.map(({ method, path, file, line }) => ({ method, path, file, line }));
};

/**
 * A cheap look before the real scan, which loads a parser: a file can serve a route only if it
 * calls a route-registering method (`app.get(`, `router.route(`, `add_api_route(`), carries a
 * route decorator (`@app.get`, `@Get(`), exports an HTTP-method handler (Next.js `GET`), or sits
 * where a framework routes by path (`pages/api/`, `app/**\/route.ts`).
 */
export function mayServeRoutes(file: string, content: string): boolean {
  if (/(?:^|\/)pages\/api\/|(?:^|\/)route\.[cm]?[jt]sx?$/.test(file)) return true;
  return /\b(?:get|post|put|patch|delete|del|all|head|options|route|use|register|add_url_rule|add_api_route|include_router|register_blueprint)\s*\(|@\w+\.(?:get|post|put|patch|delete|route|api_route)\b|@(?:Get|Post|Put|Patch|Delete|All|Head|Options|Controller)\b|\b(?:GET|POST|PUT|PATCH|DELETE)\b/.test(
    content,
  );
}
