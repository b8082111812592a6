import { cycleKey } from '../imports/find-cycles.js';
import type { DriftRule } from './drift-rule.js';

/** A run-time import cycle that the change closes (type-only imports are erased and do not count). */
export const importCycle: DriftRule = {
  id: 'import-cycle',
  defaultLevel: 'error',
  description: 'an import cycle the change creates, printed in full',
  check(analysis) {
    return (analysis.cycles ?? []).map((cycle) => ({
      file: cycle[0] ?? null,
      line: analysis.addedEdges.find((edge) => edge.from === cycle[0] && edge.to === cycle[1])?.line ?? null,
      key: cycleKey(cycle),
      message: `import cycle: ${cycle.join(' → ')}: break it by moving what both sides need into a module they can both import, or by importing a type only`,
    }));
  },
};
