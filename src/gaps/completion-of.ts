import type { GapItem } from './types.js';

// One completion formula for the whole report and for each feature.

/** Done items count whole, partial ones half; no items means nothing is owed. */
export function completionOf(items: readonly GapItem[]): number {
  if (items.length === 0) return 100;
  const score = items.reduce((sum, item) => sum + (item.status === 'done' ? 1 : item.status === 'partial' ? 0.5 : 0), 0);
  return Math.round((score / items.length) * 1000) / 10;
}
