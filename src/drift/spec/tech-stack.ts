import picomatch from 'picomatch';
import type { Spec } from '../../domain/spec.js';
import { normalizeDependencyName, type Dependency } from '../deps/dependency.js';

/**
 * The package names a spec's tech stack entries name: the leading name of each entry or of each
 * part of a list ("React 18 / Next.js", "pytest, pytest-cov"), with annotations dropped.
 */
export function techStackNames(spec: Spec | null): string[] {
  const names: string[] = [];
  for (const entry of [...(spec?.techStack.dependencies ?? []), ...(spec?.techStack.tools ?? [])]) {
    for (const part of entry.replace(/`/g, '').split(/,|;|\s\/\s|\s\+\s|\sand\s/)) {
      const name = /^\s*((?:@[\w.-]+\/)?[A-Za-z0-9][\w.-]*)/.exec(part)?.[1];
      if (name) names.push(name.replace(/[.]+$/, ''));
    }
  }
  return names;
}

/**
 * Whether a dependency is allowed: named by the spec's tech stack (compared exactly after
 * normalising for its ecosystem, never by substring), or matched by a `techStack.allow` glob.
 */
export function createTechStackCheck(spec: Spec | null, allow: readonly string[]) {
  const stack = techStackNames(spec);
  const normalised = {
    npm: new Set(stack.map((name) => normalizeDependencyName('npm', name))),
    pypi: new Set(stack.map((name) => normalizeDependencyName('pypi', name))),
  };
  const patterns = allow.map((pattern) => ({
    pattern,
    npm: picomatch(pattern.trim().toLowerCase()),
    pypi: picomatch(normalizeDependencyName('pypi', pattern)),
  }));
  return {
    inStack: (dependency: Dependency) => normalised[dependency.ecosystem].has(dependency.name),
    allowedBy: (dependency: Dependency) => patterns.find((p) => p[dependency.ecosystem](dependency.name))?.pattern ?? null,
  };
}
