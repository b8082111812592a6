import { isScannable, scanFile } from './scan-file.js';
import { linkEndpoints, type ClientCall, type Endpoint } from './link-endpoints.js';

/**
 * The endpoints one file serves, seen alone: prefixes mounted in other files are not applied
 * (a router mounted at `/api` shows `/orders`, not `/api/orders`). For the whole picture, scan
 * every file and call `linkEndpoints(scans)`.
 */
export async function extractEndpoints(file: string, content: string): Promise<Endpoint[]> {
  if (!isScannable(file)) return [];
  return linkEndpoints([await scanFile(file, content)]).endpoints;
}

/** The HTTP calls one file makes through fetch, axios, ky or local wrappers (same limits). */
export async function extractCalls(file: string, content: string): Promise<ClientCall[]> {
  if (!isScannable(file)) return [];
  return linkEndpoints([await scanFile(file, content)]).calls;
}
