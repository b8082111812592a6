import type { Endpoint } from '../gaps/scanner/link-endpoints.js';
import { resolveModule } from '../gaps/scanner/resolve-module.js';
import type { FileScan } from '../gaps/scanner/types.js';
import type { FeatureDraft } from './draft-facts.js';
import { titleCase } from './module-features.js';

/** Path segments that group nothing: `/api/v1/orders` is about orders. */
const NOISE_SEGMENT = /^(?:api|apis|rest|v\d+(?:\.\d+)?|trpc|rpc|graphql)$/i;

/** The resource an endpoint is about: a tRPC procedure's router, else the first meaningful path segment. */
export function resourceOf(endpoint: Pick<Endpoint, 'path' | 'procedure'>): string {
  if (endpoint.procedure) return endpoint.procedure.split('.')[0] as string;
  const segments = endpoint.path.split('/').filter((segment) => segment !== '' && !segment.startsWith(':') && !segment.includes('*'));
  return segments.find((segment) => !NOISE_SEGMENT.test(segment)) ?? segments[0] ?? 'root';
}

/**
 * One feature per resource, drafted from the endpoints that serve it: a requirement per endpoint
 * (`Serves GET /api/orders/:id`, which gap analysis checks exactly) and, as Files, the files
 * that register the routes and the files their handlers are imported from. `eligible` says which
 * files a feature may name; `taken` collects them, so no file is listed by two features.
 */
export function draftEndpointFeatures(
  endpoints: readonly Endpoint[],
  scans: ReadonlyMap<string, FileScan>,
  files: ReadonlySet<string>,
  eligible: (file: string) => boolean,
  taken: Set<string>,
): FeatureDraft[] {
  const groups = new Map<string, Endpoint[]>();
  for (const endpoint of endpoints) {
    const resource = resourceOf(endpoint);
    groups.set(resource, [...(groups.get(resource) ?? []), endpoint]);
  }
  const pythonFiles = [...files].filter((file) => file.endsWith('.py'));
  const features: FeatureDraft[] = [];
  for (const [resource, served] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const own: string[] = [];
    const add = (file: string | null): void => {
      if (file && eligible(file) && !taken.has(file)) {
        taken.add(file);
        own.push(file);
      }
    };
    for (const endpoint of served) add(endpoint.file);
    for (const endpoint of served)
      for (const handler of endpoint.handlers ?? []) add(handlerFile(endpoint.file, handler, scans, files, pythonFiles));
    const requirements = [
      ...new Set(served.map((endpoint) => `Serves ${endpoint.method === '*' ? 'GET' : endpoint.method} ${endpoint.path}`)),
    ];
    const where = [...new Set(served.map((endpoint) => endpoint.file))].sort();
    features.push({
      name: `${titleCase(resource)} API`,
      description: `Drafted from the endpoints about ${resource} served in ${where.join(', ')}. Say what this part of the API is for.`,
      requirements,
      files: own,
    });
  }
  return features;
}

/** The repository file a route's handler is imported from, when it is imported by a relative path. */
function handlerFile(
  routeFile: string,
  handler: string,
  scans: ReadonlyMap<string, FileScan>,
  files: ReadonlySet<string>,
  pythonFiles: readonly string[],
): string | null {
  const local = handler.split('.')[0] as string;
  const imported = scans.get(routeFile)?.imports.find((entry) => entry.names.some((name) => name.local === local));
  if (!imported) return null;
  const resolved = resolveModule(routeFile, imported.source, files, pythonFiles);
  return resolved !== routeFile ? resolved : null;
}
