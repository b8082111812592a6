import picomatch from 'picomatch';
import { captureReferences, captureRegex, substituteCaptures } from '../../config/glob-captures.js';
import type { BoundaryRule } from '../../config/types.js';
import type { ImportEdge } from '../imports/import-graph.js';
import type { DriftRule, RawViolation } from './drift-rule.js';
import { isRelativeSpecifier, npmPackageOf } from '../imports/package-specifier.js';

type Matcher = (path: string) => boolean;

/**
 * An import across an `architecture.boundaries` entry. The entry's `from` captures parts of the
 * importer's path (`src/features/*\/**` captures the feature), and `to` / `allow` are read with
 * those captures substituted, per import: `{from: "src/features/*\/**", to: "src/features/**",
 * allow: ["src/features/$1/**"]}` is "a feature may not import another feature" in one entry.
 */
export const boundaryViolation: DriftRule = {
  id: 'boundary-violation',
  defaultLevel: 'error',
  description: 'an import that an architecture.boundaries entry does not allow (captures of from substituted in to and allow)',
  check(analysis) {
    const entries = analysis.config.architecture.boundaries.map((entry, index) => ({ entry, index, from: captureRegex(entry.from) }));
    if (entries.length === 0) return [];
    const compiled = new Map<string, Matcher>();
    const matcher = (glob: string): Matcher => {
      let matches = compiled.get(glob);
      if (!matches) compiled.set(glob, (matches = picomatch(glob, { dot: true })));
      return matches;
    };
    const violations: RawViolation[] = [];
    const seen = new Set<string>();
    for (const edge of analysis.addedEdges) {
      const target = targetOf(edge);
      if (target === null) continue;
      for (const { entry, index, from } of entries) {
        const match = from.exec(edge.from);
        if (!match) continue;
        const captures = match.slice(1).map((part) => part ?? '');
        const judged = judges(entry, target, captures, matcher);
        if (!judged) continue;
        const allow = (entry.allow ?? []).map((glob) => substituteCaptures(glob, captures));
        if (allow.some((glob) => target.names.some((name) => matcher(glob)(name)))) continue;
        const key = `${edge.from} -> ${target.names[0]}`;
        if (!seen.has(key)) {
          seen.add(key);
          violations.push({ file: edge.from, line: edge.line, key, message: message(key, entry, index, captures, judged, allow) });
        }
        break;
      }
    }
    return violations;
  },
};

/** What an import names: a file of the repository, or a package (its specifier, then its package name). */
function targetOf(edge: ImportEdge): { file: boolean; names: string[] } | null {
  if (edge.to) return { file: true, names: [edge.to] };
  // An unresolved relative or alias import is unresolved-import's to report, not a package.
  if (edge.alias || isRelativeSpecifier(edge.specifier) || edge.specifier.startsWith('/')) return null;
  const pkg = npmPackageOf(edge.specifier);
  return { file: false, names: pkg && pkg !== edge.specifier ? [edge.specifier, pkg] : [edge.specifier] };
}

/**
 * Whether the entry judges this target, and the `to` it was judged by. Without `to` an entry
 * judges every file of the repository (its `allow` is an allow-list of files); packages only when
 * a `to` names them.
 */
function judges(
  entry: BoundaryRule,
  target: { file: boolean; names: string[] },
  captures: string[],
  matcher: (glob: string) => Matcher,
): string | null {
  if (entry.to === undefined) return target.file ? '**' : null;
  const to = substituteCaptures(entry.to, captures);
  return target.names.some((name) => matcher(to)(name)) ? to : null;
}

function message(key: string, entry: BoundaryRule, index: number, captures: string[], judged: string, allow: string[]): string {
  // Only the captures the entry uses say something about why this import is judged.
  const used = [...new Set([...captureReferences(entry.to ?? ''), ...(entry.allow ?? []).flatMap(captureReferences)])].sort(
    (a, b) => a - b,
  );
  const bound = used.length > 0 ? `, ${used.map((n) => `$${n} = ${captures[n - 1] || '""'}`).join(', ')}` : '';
  const rule = `architecture.boundaries[${index}] (from "${entry.from}"${bound})`;
  const what =
    entry.to === undefined
      ? `allows only ${allow.join(', ')}`
      : `forbids ${judged}${allow.length > 0 ? ` except ${allow.join(', ')}` : ''}`;
  const why = entry.message ? `${entry.message}; ` : '';
  return `${key}: ${rule} ${what}: ${why}import it through an allowed module, or move the shared code to one`;
}
