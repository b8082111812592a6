import picomatch from 'picomatch';
import { endpointKey } from '../spec/spec-endpoints.js';
import type { DriftRule, RawViolation } from './drift-rule.js';

/**
 * A new HTTP endpoint the spec does not name, when the spec names endpoints at all (a spec that
 * names none does not describe its API at that level, so nothing is compared).
 */
export const undocumentedEndpoint: DriftRule = {
  id: 'undocumented-endpoint',
  defaultLevel: 'error',
  description: 'a new HTTP endpoint, when the spec names endpoints and not this one',
  check(analysis) {
    if (!analysis.spec || !analysis.addedEndpoints || analysis.specEndpoints.length === 0) return [];
    const named = analysis.specEndpoints.map((e) => endpointKey(e.method, e.path));
    const ignored = analysis.config.gaps.ignoreEndpoints.map((pattern) => picomatch(pattern));
    const violations: RawViolation[] = [];
    for (const endpoint of analysis.addedEndpoints) {
      const key = endpointKey(endpoint.method, endpoint.path);
      const plain = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
      if (named.some((spec) => sameEndpoint(spec, key)) || ignored.some((matches) => matches(plain))) continue;
      violations.push({
        file: endpoint.file,
        line: endpoint.line,
        key,
        message: `new endpoint ${plain} is not named in ${analysis.spec.file}: add it to the feature that serves it, or list it in gaps.ignoreEndpoints`,
      });
    }
    return violations;
  },
};

/**
 * Equal keys, or the same method with the served path a suffix of the named one at a segment
 * boundary: a router mounted under a prefix in another file only knows its own part of the path.
 * A route served for any method (`*`) matches the path under every method.
 */
export function sameEndpoint(named: string, served: string): boolean {
  const [namedMethod = '', namedPath = ''] = named.split(' ');
  const [servedMethod = '', servedPath = ''] = served.split(' ');
  if (servedMethod !== '*' && servedMethod !== namedMethod) return false;
  // Paths start with '/', so a suffix match always ends at a segment boundary.
  return namedPath === servedPath || (servedPath !== '/' && namedPath.endsWith(servedPath));
}
