import type { ProjectFileReader } from '../../adapters/project-files.js';
import { compareConfigFiles, type ConfigFileSet, type ConfigFiles } from './config-files.js';
import { makeConfigShadow, type ConfigShadow } from './config-shadow.js';

/**
 * Where a tool that loads its config from disk (ESLint, Prettier) takes it from for one run: the
 * work tree, as always, when the judged source holds the same config files; else a shadow folder
 * holding them as the source (the index, a commit) does.
 */
export type ConfigSource = { kind: 'work-tree'; files: ConfigFiles } | { kind: 'shadow'; files: ConfigFiles; shadow: ConfigShadow };

/** Per reader (one per run's scope), per tool: compared once, the shadow made once. */
const sources = new WeakMap<ProjectFileReader, Map<string, Promise<ConfigSource>>>();

/** The config files of `tool` for the run whose content `read` reads (see `ConfigSource`). */
export function configSource(root: string, read: ProjectFileReader, tool: string, set: ConfigFileSet): Promise<ConfigSource> {
  let byTool = sources.get(read);
  if (!byTool) sources.set(read, (byTool = new Map()));
  let source = byTool.get(tool);
  if (!source) {
    source = resolve(root, read, set);
    byTool.set(tool, source);
  }
  return source;
}

async function resolve(root: string, read: ProjectFileReader, set: ConfigFileSet): Promise<ConfigSource> {
  const files = await compareConfigFiles(root, read, set);
  if (!files.differing.length) return { kind: 'work-tree', files };
  return { kind: 'shadow', files, shadow: await makeConfigShadow(root, read, files.versions) };
}

/** Removes the shadows a run made (its scope's reader); the next run compares again. */
export async function releaseConfigSources(read: ProjectFileReader): Promise<void> {
  const byTool = sources.get(read);
  if (!byTool) return;
  sources.delete(read);
  await Promise.all(
    [...byTool.values()].map(async (pending) => {
      const source = await pending.catch(() => null);
      if (source?.kind === 'shadow') await source.shadow.release();
    }),
  );
}

/** Names the differing files for a check's reason: `eslint.config.js as in the index`. */
export function describeDiffering(source: ConfigSource, where: string): string {
  return `${source.files.differing.join(', ')} as in ${sourceName(where)}`;
}

/** A reader's `where` without its advice: `the index`, `commit 1a2b3c4d`. */
export function sourceName(where: string): string {
  return where.replace(/ \(stage it\)$/, '');
}
