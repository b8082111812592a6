import type { Finding } from '../domain/findings.js';

/** What a SARIF rule says about itself: one line, and where its documentation lives. */
export interface RuleHelp {
  text: string;
  uri?: string;
}

// One line per rule, so a code-scanning alert explains itself without the docs at hand; the
// docs (docs/gaps.md, docs/drift.md) hold the full story.
const gapKinds: Record<string, string> = {
  'missing-file': 'A file the spec lists does not exist. Create it, or correct the path in the spec.',
  stub: 'A definition the spec needs is a stub (it throws "not implemented", returns nothing). Implement it.',
  todo: 'A TODO/FIXME marker in code that a spec item depends on. Finish the work it marks.',
  'unimplemented-requirement': 'A requirement or acceptance criterion with no evidence in the code. Implement it, or name where it lives.',
  'missing-endpoint': 'The spec names an endpoint that no code serves. Serve it.',
  'ui-disconnect': 'An endpoint is served and nothing in the client calls it. Call it, or list it in gaps.ignoreEndpoints.',
  'unserved-call': 'The client calls an endpoint that nothing serves. Serve it, or fix the call.',
  'method-mismatch': 'The path is served and called, but with different HTTP methods. Make them agree.',
  'missing-test': 'A spec item has no test that exercises it. Add one.',
};

const driftRules: Record<string, string> = {
  'invalid-spec': 'The spec fails validation; no other rule runs against a broken spec.',
  'undocumented-file':
    "A new source file that no feature of the spec names. Add it to a feature's **Files:**, or to architecture.undocumentedAllowed.",
  'unlisted-dependency': "A dependency that the spec's tech stack does not admit. Add it to the spec, or to techStack.allow.",
  'layer-violation': 'An import from a layer to a layer above it (architecture.layers). Invert the dependency.',
  'forbidden-import': 'An import along an edge that architecture.forbidden bans.',
  'boundary-violation':
    'An import that an architecture.boundaries entry does not allow (captures of from substituted per import). Import through an allowed module.',
  'internal-import':
    "An import of a module's file other than its entry (architecture.modules), or of an internal/ folder from outside its parent. Import the module's index.",
  'import-cycle': 'A run-time import cycle. Break it (move the shared part down, or import a type only).',
  'undeclared-import': 'A package imported but absent from the nearest package.json / Python manifest. Declare it.',
  'dev-import-in-production': 'A devDependency imported at run time from a file that ships. Make it a dependency, or stop importing it.',
  'unresolved-import': 'A relative import of a file that does not exist.',
  'undocumented-endpoint': 'An HTTP endpoint that the spec does not name. Add it to the spec.',
  'removed-spec-file': 'A file the spec names was deleted. Restore it, or update the spec.',
  'removed-implementation': 'A definition that was the evidence of a done spec item was deleted, emptied or stubbed.',
  'unmatched-pattern': 'A glob or rule id in the configuration that matches nothing: a typo would switch a check off.',
};

const specRules: Record<string, string> = {
  'spec-error': 'The spec does not validate (cycles, unknown dependencies, duplicate features, features with nothing to check).',
  'spec-warning': 'The spec reads, but part of it was not understood; see the message.',
};

// Tools that publish a page per rule, so an alert links to the rule's own documentation.
const qualityDocs: Record<string, string> = {
  eslint: 'https://eslint.org/docs/latest/rules/',
  ruff: 'https://docs.astral.sh/ruff/rules/',
};

const docs: Record<string, string> = { gaps: 'docs/gaps.md', drift: 'docs/drift.md', spec: 'docs/spec.md', quality: 'docs/quality.md' };

/** The help of the rule a finding breaks; every rule gets one, unknown ones a line naming their system's docs. */
export function ruleHelp(finding: Pick<Finding, 'system' | 'check' | 'rule'>): RuleHelp {
  const { system, check, rule } = finding;
  const known =
    system === 'gaps' ? gapKinds[rule] : system === 'drift' ? driftRules[rule] : system === 'spec' ? specRules[rule] : undefined;
  if (system === 'quality') {
    const base = qualityDocs[check];
    // ESLint plugin rules (`@typescript-eslint/x`) live on their plugin's site, not eslint.org.
    const uri = base && !(check === 'eslint' && rule.includes('/')) ? `${base}${rule}` : undefined;
    return { text: `${check} rule ${rule}; see ${docs.quality} for the check and how to fix or configure it.`, ...(uri ? { uri } : {}) };
  }
  return { text: known ?? `br-guard ${system} rule ${rule}; see ${docs[system] ?? 'README.md'}.` };
}
