import type { Endpoint } from './spec/spec-endpoints.js';

/**
 * Finds the HTTP endpoints a file serves. Injected, so drift reuses the gap analyzer's scanner
 * without depending on its internals, and tests can pass a small one.
 */
export type EndpointExtractor = (file: string, content: string) => Array<Omit<Endpoint, 'file'>> | Promise<Array<Omit<Endpoint, 'file'>>>;
