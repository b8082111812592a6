import { UsageError } from '../domain/errors.js';
import { callerKindOf } from '../gaps/scanner/test-paths.js';
import type { FileScan } from '../gaps/scanner/types.js';
import type { DraftFacts, FeatureDraft, SpecDraft } from './draft-facts.js';
import { draftEndpointFeatures } from './endpoint-features.js';
import { draftFileStructure } from './file-structure-draft.js';
import { draftModuleFeatures } from './module-features.js';
import { projectIdentity, readmeParagraph } from './project-identity.js';
import { draftTechStack } from './tech-stack-draft.js';

/** Code that is not the product: scripts, benchmarks, examples, docs (File Structure still covers them). */
const AROUND_THE_PRODUCT = /(?:^|\/)(?:scripts|tools|bench|benchmarks?|examples?|docs?|fixtures?|__fixtures__)\//;

/**
 * A spec drafted from the repository's facts: title and overview from its manifests and README,
 * features from its endpoints (one per resource) and its top-level modules, each naming its
 * files; the tech stack from every manifest; a File Structure that covers every source file
 * that needs a spec entry. A repository with no source file has nothing to draft from.
 */
export function draftSpec(facts: DraftFacts, folderName: string): SpecDraft {
  if (facts.needsEntry.length === 0) {
    const reason =
      facts.files.length === 0
        ? 'the repository has no files'
        : `none of its ${facts.files.length} files is a source file that needs a spec entry`;
    throw new UsageError(`nothing to draft a spec from: ${reason} (add code first, or write PROJECT_SPEC.md by hand)`);
  }
  const identity = projectIdentity(facts.packageJson, facts.pyproject, facts.readme?.text ?? null, folderName);
  const paragraph = facts.readme ? readmeParagraph(facts.readme.text) : null;
  const overview = [identity.description, paragraph].filter((text): text is string => Boolean(text) && text !== '');
  const scans = new Map(facts.scanned.map((scan) => [scan.path, scan]));
  const needs = new Set(facts.needsEntry);
  const eligible = (file: string): boolean => needs.has(file) && featureWorthy(file, scans.get(file));
  const taken = new Set<string>();
  const features: FeatureDraft[] = draftEndpointFeatures(facts.endpoints, scans, new Set(facts.files), eligible, taken);
  const rest = facts.scanned.map((scan) => scan.path).filter((file) => eligible(file) && !taken.has(file));
  features.push(...draftModuleFeatures(rest, scans));
  const unique = uniqueNames(features).filter((feature) => feature.requirements.length > 0 || feature.files.length > 0);
  const stack = draftTechStack(facts.dependencies, facts.needsEntry);
  const sources = [
    identity.source,
    facts.readme?.file,
    `${facts.needsEntry.length} source file${facts.needsEntry.length === 1 ? '' : 's'}`,
  ];
  if (facts.endpoints.length > 0) sources.push(`${facts.endpoints.length} endpoint${facts.endpoints.length === 1 ? '' : 's'}`);
  return {
    title: identity.name,
    overview: overview.length > 0 ? dedupe(overview).join('\n\n') : `${identity.name}: say what the project is for and who uses it.`,
    sources: dedupe(sources.filter((source): source is string => Boolean(source))),
    features: unique,
    dependencies: stack.dependencies,
    tools: stack.tools,
    structure: draftFileStructure(facts.needsEntry),
  };
}

/**
 * A file a feature may name: the product's own code, not a test, story, mock or tool config, and
 * not a stub or an empty file, which gap analysis would report as partial the moment the draft
 * names it. Every such file stays documented by File Structure.
 */
function featureWorthy(file: string, scan: FileScan | undefined): boolean {
  if (!scan || callerKindOf(file) !== 'ui' || AROUND_THE_PRODUCT.test(file)) return false;
  if (scan.stubs.length > 0) return false;
  return !(scan.symbols.length === 0 && scan.routes.length === 0 && scan.tests.length === 0 && scan.lines <= 2);
}

/** Feature ids are slugs of names: two features whose names slug alike would be duplicates. */
function uniqueNames(features: FeatureDraft[]): FeatureDraft[] {
  const seen = new Map<string, number>();
  return features.map((feature) => {
    const slug = feature.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const count = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, count);
    return count === 1 ? feature : { ...feature, name: `${feature.name} ${count}` };
  });
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
