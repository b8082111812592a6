import type { Command } from 'commander';
import { ExitCode } from '../../domain/exit-codes.js';
import type { CommandContext } from '../context.js';
import { action } from '../action.js';

/** `br-guard manifest [--json]`: writes .buildrunner/manifest.json, the spec's atomic checklist. */
export function registerManifestCommands(program: Command): void {
  program
    .command('manifest')
    .description('write .buildrunner/manifest.json: every requirement, file and acceptance criterion with a stable id')
    .action(action(manifestAction));
}

async function manifestAction(context: CommandContext): Promise<number> {
  const [git, loaded] = await Promise.all([context.git(), context.config()]);
  const [{ loadSpecFile }, { buildManifest }, { writeManifest, serializeManifest, MANIFEST_PATH }] = await Promise.all([
    import('../../spec/load-spec.js'),
    import('../../spec/build-manifest.js'),
    import('../../spec/write-manifest.js'),
  ]);
  const { spec, text } = await loadSpecFile({
    root: git.root,
    cwd: context.cwd,
    override: context.specOverride,
    configured: loaded.config.spec,
  });
  const manifest = buildManifest(spec, text);
  const serialized = serializeManifest(manifest);
  await writeManifest(git.root, manifest, serialized);
  if (context.json) context.stdout(serialized);
  else context.stdout(`wrote ${MANIFEST_PATH}: ${manifest.items.length} items from ${spec.features.length} features of ${spec.file}`);
  return ExitCode.ok;
}
