import { readFile, stat } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { Git } from '../adapters/git.js';
import type { LoadedConfig } from '../config/types.js';
import { manifestParser } from '../drift/deps/parse-dependencies.js';
import { isSourceFile } from '../drift/rules/source-files.js';
import { listSources, loadScans } from '../gaps/collect-scans.js';
import { linkEndpoints } from '../gaps/scanner/link-endpoints.js';
import type { DraftFacts } from './draft-facts.js';

const README = /^readme(?:\.(?:md|markdown|rst|txt))?$/i;

/**
 * Reads what a draft is made of, with the readers the checks themselves use, so the draft
 * describes the repository exactly as drift and gap analysis will see it: drift's work-tree
 * listing and manifest parsers, `isSourceFile` and `architecture.undocumentedAllowed`; gap
 * analysis' file list, scanner (and its cache) and endpoint linker.
 */
export async function collectDraftFacts(git: Git, loaded: LoadedConfig): Promise<DraftFacts> {
  const { config } = loaded;
  const files = (await git.listFiles({ untracked: true })).sort();
  // The index may still list a file deleted from the work tree (or a submodule's folder).
  const present = await Promise.all(
    files.map((file) =>
      stat(git.absolutePath(file)).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  const existing = files.filter((_, i) => present[i]);
  const allowed = picomatch(config.architecture.undocumentedAllowed, { dot: true });
  const needsEntry = existing.filter((file) => isSourceFile(file) && !allowed(file));
  const manifests = existing.filter((file) => manifestParser(file) !== null);
  const dependencies = (
    await Promise.all(manifests.map(async (file) => manifestParser(file)!(file, (await readText(git, file)) ?? '')))
  ).flat();
  const listed = await listSources(git, config.gaps.ignore);
  const collected = await loadScans(git.root, listed.sources, { cache: true });
  const { scans } = collected;
  const { endpoints } = linkEndpoints(scans);
  // A failed cache write is reported, as it was when loadScans awaited it.
  await collected.stored;
  const readmeFile = existing.find((file) => !file.includes('/') && README.test(file));
  const readme = readmeFile ? { file: readmeFile, text: (await readText(git, readmeFile)) ?? '' } : null;
  return {
    files: existing,
    needsEntry,
    scanned: scans.sort((a, b) => a.path.localeCompare(b.path)),
    endpoints,
    dependencies,
    packageJson: existing.includes('package.json') ? await readText(git, 'package.json') : null,
    pyproject: existing.includes('pyproject.toml') ? await readText(git, 'pyproject.toml') : null,
    readme,
  };
}

/** A file's text in the work tree; null when it is gone (deleted but still in the index) or a folder. */
async function readText(git: Git, file: string): Promise<string | null> {
  try {
    return await readFile(git.absolutePath(file), 'utf8');
  } catch {
    return null;
  }
}
