import { readFileSync } from 'node:fs';

/** Reads a spec fixture from test/fixtures/specs (the compiled tests sit two levels below the repo root's out dir). */
export function specFixture(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/specs/${name}`, import.meta.url), 'utf8');
}
