import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The version from br-guard's own package.json (dist/src/adapters → package root). */
export function readPackageVersion(): string {
  const path = fileURLToPath(new URL('../../../package.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}
