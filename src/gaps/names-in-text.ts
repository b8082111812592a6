import { normalizeRoutePath } from './scanner/route-path.js';

// What a spec line names explicitly (endpoints, identifiers), read off its prose.

const ENDPOINT_IN_TEXT = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+((?:https?:\/\/[^/\s]+)?\/[^\s`'",;)]*)/g;

/** Endpoints named in prose: `GET /api/users/{id}` → GET /api/users/:id. */
export function endpointsInText(text: string): Array<{ method: string; path: string }> {
  return [...text.matchAll(ENDPOINT_IN_TEXT)].map((match) => ({
    method: match[1] as string,
    path: normalizeRoutePath(
      (match[2] as string)
        .replace(/^https?:\/\/[^/]+/, '')
        // A query or fragment goes; a dot inside the path stays (tRPC's `/api/trpc/post.byId`).
        .replace(/[?#].*$/, '')
        .replace(/[.:]+$/, ''),
    ),
  }));
}

/** Identifiers in backticks that are not paths, endpoints or commands: `buildManifest`, `Git.listFiles()`. */
export function identifiersInText(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/`([^`]+)`/g)) {
    const raw = (match[1] as string).trim().replace(/\(\)$/, '');
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/.test(raw) && !names.includes(raw)) names.push(raw);
  }
  return names;
}
