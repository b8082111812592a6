import { createTechStackCheck } from '../spec/tech-stack.js';
import type { DriftRule, RawViolation } from './drift-rule.js';

/** A new dependency that neither the spec's tech stack nor `techStack.allow` admits. */
export const unlistedDependency: DriftRule = {
  id: 'unlisted-dependency',
  defaultLevel: 'error',
  description: 'a new dependency that is not in the spec’s tech stack nor techStack.allow',
  check(analysis) {
    if (!analysis.spec) return [];
    const stack = createTechStackCheck(analysis.spec, analysis.config.techStack.allow);
    const violations: RawViolation[] = [];
    for (const dependency of analysis.addedDependencies) {
      if (stack.inStack(dependency) || stack.allowedBy(dependency)) continue;
      const kind = dependency.dev ? 'dev dependency' : 'dependency';
      violations.push({
        file: dependency.file,
        line: dependency.line,
        key: `${dependency.ecosystem}:${dependency.name}`,
        message: `new ${kind} "${dependency.name}" is not in the spec's tech stack: add it under Technical Requirements in ${analysis.spec.file}, or allow it with techStack.allow`,
      });
    }
    return violations;
  },
};
