import picomatch from 'picomatch';
import { defaultConfig } from '../../config/defaults.js';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { ancestorDirs } from './package-imports.js';

/**
 * A configured pattern that matches nothing, or a rule id that does not exist: a typo there
 * would silently switch a check off, so it is reported instead.
 */
export const unmatchedPattern: DriftRule = {
  id: 'unmatched-pattern',
  defaultLevel: 'warn',
  description: 'a layer, forbidden edge, module, boundary, allow pattern or rule id in the config that matches nothing',
  check(analysis) {
    const { architecture, techStack } = analysis.config;
    const where = analysis.configFile ?? 'the config';
    const violations: RawViolation[] = [];
    const report = (setting: string, pattern: string, what: string): void => {
      violations.push({
        file: analysis.configFile,
        line: null,
        key: `${setting}: ${pattern}`,
        message: `${setting} "${pattern}" in ${where} ${what}: fix the pattern or remove it`,
      });
    };
    const matchesAnyFile = (pattern: string): boolean => {
      const matches = picomatch(pattern, { dot: true });
      return analysis.files.some((file) => matches(file));
    };
    for (const layer of architecture.layers) {
      for (const pattern of layer.paths)
        if (!matchesAnyFile(pattern)) report(`architecture.layers[${layer.name}]`, pattern, 'matches no file');
    }
    const dependencyNames = analysis.allDependencies.map((d) => d.name);
    for (const edge of architecture.forbidden) {
      if (!matchesAnyFile(edge.from)) report('architecture.forbidden from', edge.from, 'matches no file');
      const to = picomatch(edge.to, { dot: true });
      if (!matchesAnyFile(edge.to) && !edge.to.startsWith('node:') && !dependencyNames.some((name) => to(name))) {
        report('architecture.forbidden to', edge.to, 'matches no file and no declared dependency');
      }
    }
    const folders = architecture.modules.length > 0 ? new Set(analysis.files.flatMap((file) => ancestorDirs(file))) : new Set<string>();
    for (const pattern of architecture.modules) {
      const matches = picomatch(pattern, { dot: true });
      if (![...folders].some((dir) => dir !== '' && matches(dir))) report('architecture.modules', pattern, 'matches no folder');
    }
    architecture.boundaries.forEach((entry, index) => {
      if (!matchesAnyFile(entry.from)) report(`architecture.boundaries[${index}] from`, entry.from, 'matches no file');
    });
    const defaults = new Set(defaultConfig().architecture.undocumentedAllowed);
    for (const pattern of architecture.undocumentedAllowed) {
      if (!defaults.has(pattern) && !matchesAnyFile(pattern)) report('architecture.undocumentedAllowed', pattern, 'matches no file');
    }
    for (const pattern of techStack.allow) {
      const matches = picomatch(pattern.toLowerCase());
      if (!dependencyNames.some((name) => matches(name))) report('techStack.allow', pattern, 'matches no declared dependency');
    }
    for (const id of Object.keys(architecture.rules)) {
      if (!analysis.ruleIds.includes(id)) report('architecture.rules', id, `is not a drift rule (known: ${analysis.ruleIds.join(', ')})`);
    }
    return violations;
  },
};
