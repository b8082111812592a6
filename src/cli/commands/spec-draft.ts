import { resolve } from 'node:path';
import type { PreparedSpecDraft, SpecDraftResult } from '../../draft/write-spec-draft.js';
import type { CommandContext } from '../context.js';

export interface SpecDraftFlags {
  output?: unknown;
  force?: unknown;
}

/**
 * `spec draft` and `init --draft-spec`: where to write (`--output`, relative to the current folder,
 * else config `spec`, else PROJECT_SPEC.md at the repository root), which spec exists already,
 * then the drafter, which refuses (exit 2) before anything is written.
 */
export async function prepareDraft(context: CommandContext, flags: SpecDraftFlags): Promise<PreparedSpecDraft> {
  const [git, loaded, { findSpecFile }, { prepareSpecDraft }] = await Promise.all([
    context.git(),
    context.config(),
    import('../../hooks/spec-presence.js'),
    import('../../draft/write-spec-draft.js'),
  ]);
  const output =
    typeof flags.output === 'string' ? resolve(context.cwd, flags.output) : git.absolutePath(loaded.config.spec ?? 'PROJECT_SPEC.md');
  const found = await findSpecFile(git, loaded);
  const { pathExists } = await import('../../adapters/file-system.js');
  const existingSpec = found && (await pathExists(git.absolutePath(found))) ? found : null;
  return prepareSpecDraft({ git, loaded }, { output, force: flags.force === true, existingSpec });
}

/** Writes a prepared draft and says what it wrote (stderr); returns the result for `--json`. */
export async function writeDraft(context: CommandContext, prepared: PreparedSpecDraft): Promise<SpecDraftResult> {
  const { writeSpecDraft, formatSpecDraft } = await import('../../draft/write-spec-draft.js');
  const result = await writeSpecDraft(prepared);
  context.stderr(formatSpecDraft(result));
  return result;
}
