import picomatch from 'picomatch';
import type { ArchitectureLayer } from '../../config/types.js';

/** Which layer a file is in (the first whose globs match), by index from the top, or -1. */
export function createLayerIndex(layers: readonly ArchitectureLayer[]): (path: string) => number {
  const matchers = layers.map((layer) => picomatch(layer.paths, { dot: true }));
  const memo = new Map<string, number>();
  return (path) => {
    let index = memo.get(path);
    if (index === undefined) {
      index = matchers.findIndex((matches) => matches(path));
      memo.set(path, index);
    }
    return index;
  };
}
