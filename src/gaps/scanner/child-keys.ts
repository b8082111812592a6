import { createRequire } from 'node:module';

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;
let visitorKeys: VisitorKeys | undefined;
const cache = new Map<string, readonly string[]>();

/**
 * The keys of a node type that hold child nodes, in ESTree's canonical order, minus `skip`.
 * typescript-estree orders a node's own keys alphabetically and oxc-parser in source order; a
 * walk over fixed visitor keys visits children in the same order whichever parser built the tree
 * (so both give the same scan), and reads no position or type keys. Unknown node types (none
 * today) fall back to the node's own keys.
 */
export function childKeys(node: { type: string }, skip: ReadonlySet<string>): readonly string[] {
  const known = cache.get(node.type);
  if (known) return known;
  visitorKeys ??= (createRequire(import.meta.url)('@typescript-eslint/visitor-keys') as { visitorKeys: VisitorKeys }).visitorKeys;
  const keys = visitorKeys[node.type];
  if (!keys) return Object.keys(node).filter((key) => !skip.has(key));
  const filtered = keys.filter((key) => !skip.has(key));
  cache.set(node.type, filtered);
  return filtered;
}
