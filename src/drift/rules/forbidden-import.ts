import picomatch from 'picomatch';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { npmPackageOf } from '../imports/package-specifier.js';

/**
 * An import along an edge `architecture.forbidden` rules out. `to` matches repository files, or
 * the specifier of a package import (`{from: "src/domain/**", to: "node:*"}`). A package name
 * bans its subpaths too: `{from: "src/core/**", to: "express"}` also rules out `express/lib/router`.
 */
export const forbiddenImport: DriftRule = {
  id: 'forbidden-import',
  defaultLevel: 'error',
  description: 'an import along an edge that architecture.forbidden rules out',
  check(analysis) {
    const rules = analysis.config.architecture.forbidden.map((edge, index) => ({
      edge,
      index,
      from: picomatch(edge.from, { dot: true }),
      to: picomatch(edge.to, { dot: true }),
    }));
    if (rules.length === 0) return [];
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    for (const edge of analysis.addedEdges) {
      const target = edge.to ?? edge.specifier;
      for (const rule of rules) {
        if (!rule.from(edge.from)) continue;
        const pkg = edge.viaPackage ?? (edge.to ? null : npmPackageOf(edge.specifier));
        if (!rule.to(target) && !(pkg && pkg !== target && rule.to(pkg))) continue;
        const key = `${edge.from} -> ${target}`;
        if (seen.has(key)) break;
        seen.add(key);
        const why = rule.edge.message ? `${rule.edge.message}; ` : '';
        violations.push({
          file: edge.from,
          line: edge.line,
          key,
          message: `${key}: architecture.forbidden[${rule.index}] (from "${rule.edge.from}" to "${rule.edge.to}") rules it out: ${why}remove the import or route it through an allowed module`,
        });
        break;
      }
    }
    return violations;
  },
};
