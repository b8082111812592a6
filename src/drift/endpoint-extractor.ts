import type { Endpoint } from './spec/spec-endpoints.js';

/**
 * Finds the HTTP endpoints a file serves. Injected, so drift reuses the gap analyzer's scanner
 * without depending on its internals, and tests can pass a small one.
 */
export type EndpointExtractor = ((
  file: string,
  content: string,
) => Array<Omit<Endpoint, 'file'>> | Promise<Array<Omit<Endpoint, 'file'>>>) & {
  /**
   * The endpoints of many files linked together (a router's routes under the prefix another file
   * mounts it at): what a whole-tree check compares, where every file is at hand. Without it, each
   * file is judged alone.
   */
  linkAll?: (files: ReadonlyArray<{ file: string; content: string }>) => Promise<Endpoint[]>;
};
