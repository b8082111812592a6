/** An HTTP endpoint: method and path, where it is served or named. */
export interface Endpoint {
  method: string;
  path: string;
  file: string;
  line: number;
}

const endpointRe = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+`?(\/[^\s`'"),;]*)/g;

/** Endpoints the spec text names (`GET /api/orders/{id}`), with their lines. */
export function specEndpoints(text: string, file: string): Endpoint[] {
  const found: Endpoint[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(endpointRe)) {
      // A sentence may end right after the path: "serves POST /api/orders."
      found.push({ method: match[1] as string, path: (match[2] as string).replace(/[.:]+$/, ''), file, line: index + 1 });
    }
  });
  return found;
}

/**
 * The comparison key of an endpoint: method plus path with every parameter spelling (`:id`,
 * `{id}`, `<int:id>`, `[id]`) reduced to one placeholder, and no trailing slash.
 */
export function endpointKey(method: string, path: string): string {
  const normalised = path
    .split('?')[0]!
    .split('/')
    .map((segment) => (/^(?::.+|\{.+\}|<.+>|\[.+\])$/.test(segment) ? ':' : segment))
    .join('/')
    .replace(/\/+$/, '');
  return `${method.toUpperCase()} ${normalised || '/'}`;
}
