// SCAFFOLD (replaced by the spec parser): locates the spec, does not parse it yet.
import type { Spec } from '../domain/spec.js';
import { UserError } from '../domain/errors.js';

export interface SpecLocation {
  root: string;
  cwd: string;
  override: string | undefined;
  configured: string | null;
}

export async function loadSpec(location: SpecLocation): Promise<Spec> {
  throw new UserError(`spec parser not built yet (${location.root})`);
}
