import type { FileScan } from './types.js';
import { addSymbolBodies } from './symbol-bodies.js';

const TS_EXTENSIONS = /\.(?:ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;

/** Whether the scanner reads this path (TypeScript/JavaScript or Python source, not declarations). */
export function isScannable(path: string): boolean {
  if (/\.d\.[cm]?ts$/.test(path) || /\.min\.js$/.test(path)) return false;
  return TS_EXTENSIONS.test(path) || path.endsWith('.py');
}

/** Scans one file with the parser for its language. */
export async function scanFile(path: string, content: string): Promise<FileScan> {
  if (path.endsWith('.py')) {
    const { scanPython } = await import('./scan-python.js');
    return withBodies(await scanPython(path, content), content);
  }
  const { scanTypeScript } = await import('./scan-typescript.js');
  return withBodies(await scanTypeScript(path, content), content);
}

function withBodies(scan: FileScan, content: string): FileScan {
  addSymbolBodies(scan, content);
  return scan;
}
