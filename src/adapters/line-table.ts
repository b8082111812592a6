/** Offsets → 1-based line numbers for one text, by binary search over its line starts (computed once). */
export interface LineTable {
  /** Number of lines (`text.split('\n').length`). */
  count: number;
  lineAt(offset: number): number;
  /** 1-based column of an offset (UTF-16 code units from its line's start, plus one). */
  columnAt(offset: number): number;
}

export function lineTable(text: string): LineTable {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  return {
    count: starts.length,
    lineAt,
    columnAt: (offset) => offset - (starts[lineAt(offset) - 1] as number) + 1,
  };
}
