import { basename, relative, sep } from 'node:path';
import { pathExists, writeFileAtomic } from '../adapters/file-system.js';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import { UsageError } from '../domain/errors.js';
import { collectDraftFacts } from './collect-draft-facts.js';
import type { DraftFacts } from './draft-facts.js';
import { draftSpec } from './draft-spec.js';
import { renderDraft } from './render-draft.js';
import { verifyDraft, type DraftCoverage } from './verify-draft.js';

export interface SpecDraftOptions {
  /** Absolute path to write. */
  output: string;
  /** Overwrite an existing spec. */
  force: boolean;
  /** The spec br-guard would read now (repo-relative), if there is one: drafting beside it needs `force` too. */
  existingSpec: string | null;
}

/** What `spec draft` wrote, for the command to report. */
export interface SpecDraftResult {
  /** Repo-relative path of the written spec. */
  file: string;
  overwritten: boolean;
  features: Array<{ name: string; files: number; requirements: number }>;
  dependencies: number;
  structureEntries: number;
  sourceFiles: number;
  endpoints: number;
  coverage: DraftCoverage;
}

export interface SpecDraftDeps {
  git: Git;
  loaded: LoadedConfig;
  /** Defaults to reading the repository (`collectDraftFacts`). */
  collect?: (git: Git, loaded: LoadedConfig) => Promise<DraftFacts>;
}

/** A draft ready to write: its text, and what it holds. */
export interface PreparedSpecDraft {
  result: SpecDraftResult;
  text: string;
  output: string;
}

/**
 * `br-guard spec draft`, up to writing: refuses (exit 2, before reading anything) to replace a
 * spec without `force`, and refuses a repository with no source file to draft from; otherwise
 * drafts the spec, renders it and checks the text the way drift will read it. Nothing is written,
 * so `init --draft-spec` can refuse before it sets anything up.
 */
export async function prepareSpecDraft(deps: SpecDraftDeps, options: SpecDraftOptions): Promise<PreparedSpecDraft> {
  const { git, loaded } = deps;
  const file = relative(git.root, options.output).split(sep).join('/');
  if (file.startsWith('../')) throw new UsageError(`--output ${file}: the spec must be inside the repository (${git.root})`);
  const exists = await pathExists(options.output);
  if (!options.force) {
    if (exists) throw new UsageError(`${file} already exists: not overwritten (use --force to replace it with a draft)`);
    if (options.existingSpec && options.existingSpec !== file)
      throw new UsageError(`a spec already exists at ${options.existingSpec}: not drafting another (use --force, or --output FILE)`);
  }
  const facts = await (deps.collect ?? collectDraftFacts)(git, loaded);
  const draft = draftSpec(facts, basename(git.root));
  const text = renderDraft(draft);
  const coverage = verifyDraft(text, file, facts, loaded.config.techStack.allow);
  const result: SpecDraftResult = {
    file,
    overwritten: exists,
    features: draft.features.map((feature) => ({
      name: feature.name,
      files: feature.files.length,
      requirements: feature.requirements.length,
    })),
    dependencies: draft.dependencies.length + draft.tools.length,
    structureEntries: draft.structure.length,
    sourceFiles: facts.needsEntry.length,
    endpoints: facts.endpoints.length,
    coverage,
  };
  return { result, text, output: options.output };
}

/** Writes a prepared draft atomically (temp file + rename). */
export async function writeSpecDraft(prepared: PreparedSpecDraft): Promise<SpecDraftResult> {
  await writeFileAtomic(prepared.output, prepared.text);
  return prepared.result;
}

/** The lines `spec draft` and `init --draft-spec` print about the draft (stderr). */
export function formatSpecDraft(result: SpecDraftResult): string {
  const lines = [
    `br-guard spec draft: ${result.overwritten ? 'replaced' : 'wrote'} ${result.file} (a draft: edit it)`,
    `  ${result.features.length} feature${result.features.length === 1 ? '' : 's'} from ${result.endpoints} endpoint${result.endpoints === 1 ? '' : 's'} and the top-level modules; ${result.sourceFiles} source file${result.sourceFiles === 1 ? '' : 's'} covered by ${result.structureEntries} File Structure entr${result.structureEntries === 1 ? 'y' : 'ies'}; ${result.dependencies} dependenc${result.dependencies === 1 ? 'y' : 'ies'} in the tech stack`,
  ];
  for (const feature of result.features)
    lines.push(`  - ${feature.name}: ${feature.files} file(s), ${feature.requirements} requirement(s)`);
  const { undocumented, unlisted, errors } = result.coverage;
  for (const error of errors) lines.push(`br-guard: warning: ${result.file}:${error}`);
  if (undocumented.length > 0)
    lines.push(
      `br-guard: warning: the draft does not document ${undocumented.length} source file(s): ${undocumented.slice(0, 5).join(', ')}`,
    );
  if (unlisted.length > 0) lines.push(`br-guard: warning: the draft's tech stack does not admit ${unlisted.join(', ')}`);
  lines.push('Next: read it, edit it, then run br-guard check');
  return lines.join('\n');
}
