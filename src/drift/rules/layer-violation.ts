import type { DriftRule, RawViolation } from './drift-rule.js';
import { createLayerIndex } from './layers.js';

/**
 * An import that points up the layer stack: `architecture.layers` is ordered top to bottom,
 * and a layer may import itself and the layers below it, never one above.
 */
export const layerViolation: DriftRule = {
  id: 'layer-violation',
  defaultLevel: 'error',
  description: 'an import from a layer to a layer above it (architecture.layers)',
  check(analysis) {
    const layers = analysis.config.architecture.layers;
    if (layers.length === 0) return [];
    const layerOf = createLayerIndex(layers);
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    for (const edge of analysis.addedEdges) {
      if (!edge.to) continue;
      const from = layerOf(edge.from);
      const to = layerOf(edge.to);
      if (from === -1 || to === -1 || to >= from) continue;
      const key = `${edge.from} -> ${edge.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fromLayer = layers[from]?.name;
      const toLayer = layers[to]?.name;
      violations.push({
        file: edge.from,
        line: edge.line,
        key,
        message: `${edge.from} (layer ${fromLayer}) imports ${edge.to} (layer ${toLayer}, above it): a layer may import only itself and the layers below; move the shared code down to ${fromLayer} or below, or invert the dependency`,
      });
    }
    return violations;
  },
};
