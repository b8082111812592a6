import type { CodeIndex } from './code-index.js';
import type { Evidence } from './types.js';
import { routePathsMatch } from './scanner/route-path.js';
import { endpointsInText, identifiersInText } from './names-in-text.js';

// When the spec names identifiers or endpoints, they are looked up exactly instead of by retrieval.

export function isServed(index: Pick<CodeIndex, 'endpoints'>, method: string, path: string): boolean {
  return index.endpoints.some(
    (endpoint) => (endpoint.method === '*' || method === '*' || endpoint.method === method) && routePathsMatch(endpoint.path, path),
  );
}

/**
 * Whether a route of this very shape is still served: a remembered `DELETE /users/:id` is not
 * served by `DELETE /users/me`, which a call `/users/me` would match (parameter names aside).
 */
export function servingEndpoint<E extends { method: string; path: string }>(
  endpoints: readonly E[],
  method: string,
  path: string,
): E | undefined {
  const shape = routeShape(path);
  return endpoints.find((endpoint) => (endpoint.method === '*' || endpoint.method === method) && routeShape(endpoint.path) === shape);
}

function routeShape(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^[:{[*]/.test(segment) ? ':' : segment.toLowerCase()))
    .join('/');
}

export interface ExplicitEvidence {
  total: number;
  found: number;
  evidence: Evidence[];
  notes: string[];
  missingEndpoints: Array<{ method: string; path: string }>;
  /** The endpoints the text names that are served, as served (remembered for the next run). */
  servedEndpoints: Array<{ method: string; path: string; file: string; line: number }>;
}

/** Backticked identifiers and named endpoints: when the spec is explicit, so is the check. */
export function explicitEvidence(text: string, index: CodeIndex): ExplicitEvidence {
  const result: ExplicitEvidence = { total: 0, found: 0, evidence: [], notes: [], missingEndpoints: [], servedEndpoints: [] };
  for (const name of identifiersInText(text)) {
    result.total++;
    const symbol =
      index.symbols.get(name) ??
      index.candidates.find((candidate) => candidate.kind === 'command' && candidate.label === `command ${name}`);
    if (symbol) {
      result.found++;
      result.evidence.push({ file: symbol.file, line: symbol.line });
    } else result.notes.push(`\`${name}\` is not defined anywhere`);
  }
  for (const endpoint of endpointsInText(text)) {
    result.total++;
    const served = index.endpoints.find(
      (candidate) => (candidate.method === '*' || candidate.method === endpoint.method) && routePathsMatch(candidate.path, endpoint.path),
    );
    if (served) {
      result.found++;
      result.evidence.push({ file: served.file, line: served.line });
      result.servedEndpoints.push({ method: endpoint.method, path: endpoint.path, file: served.file, line: served.line });
    } else {
      result.notes.push(`nothing serves ${endpoint.method} ${endpoint.path}`);
      result.missingEndpoints.push(endpoint);
    }
  }
  return result;
}
