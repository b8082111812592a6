import type { DoctorCheck } from './run-doctor.js';

/**
 * Which engines judge this project and why: the type checker (TypeScript 7's binary, else the
 * compiler API), the lint engines and the formatter (the project's configs, else
 * `quality.engines`). Informational: never a failure; a configured tool that is not installed
 * says so with its install hint.
 */
export async function engineChecks(root: string): Promise<DoctorCheck[]> {
  const [{ findNativeTsc }, { projectEngines }, { seemsNative }, { loadConfig }] = await Promise.all([
    import('../../quality/checkers/native-tsc.js'),
    import('../../quality/project-engines.js'),
    import('../../quality/choose-engines.js'),
    import('../../config/load-config.js'),
  ]);
  // The configured setting when the config loads; a guess from its text when it does not.
  const setting = await loadConfig(root).then(
    (loaded) => loaded.config.quality.engines,
    () => (seemsNative(root) ? 'native' : 'default'),
  );
  const native = findNativeTsc(root);
  const typeChecker = native
    ? `${native.name} ${native.version} (${native.where}): TypeScript 7 is installed, so its binary type-checks`
    : `TypeScript compiler API ${await apiVersion(root)}: no TypeScript 7 (typescript >= 7 or @typescript/native-preview) installed`;
  const picked = projectEngines(root, setting);
  const installed = await Promise.all(
    picked.lint.map(
      async (pick) =>
        `${pick.engine} (${pick.why}${await missing(root, pick.engine)}${pick.engine === 'oxlint' ? await typeAware(root) : ''})`,
    ),
  );
  const format = picked.format;
  return [
    { name: 'type-checker', ok: true, message: typeChecker },
    { name: 'lint-engines', ok: true, message: installed.join('; ') },
    { name: 'formatter', ok: true, message: `${format.engine} (${format.why}${await missing(root, format.engine)})` },
  ];
}

/** `, but …` when the engine cannot run here (the check will be skipped or fall back), else nothing. */
async function missing(root: string, engine: string): Promise<string> {
  try {
    if (engine === 'oxlint') await (await import('../../quality/checkers/native-tools.js')).loadOxlint(root);
    if (engine === 'oxfmt') await (await import('../../quality/checkers/native-tools.js')).loadOxfmt(root);
    if (engine === 'biome') (await import('../../quality/checkers/biome-tools.js')).findBiome(root);
    return '';
  } catch (error) {
    return `, but ${(error as Error).message}`;
  }
}

/** `; type-aware rules by oxlint-tsgolint V` when oxlint will run them here (see oxlint-checker). */
async function typeAware(root: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { oxlintConfigFiles, typeAwareLinter } = await import('../../quality/checkers/oxlint-checker.js');
  const configs = await Promise.all(
    oxlintConfigFiles.map(async (name) => [name, await readFile(join(root, name), 'utf8').catch(() => null)] as const),
  );
  const tsgolint = typeAwareLinter(root, configs);
  return tsgolint ? `; type-aware rules by oxlint-tsgolint ${tsgolint.version}` : '';
}

async function apiVersion(root: string): Promise<string> {
  const { createRequire } = await import('node:module');
  const { join } = await import('node:path');
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      return (createRequire(from)('typescript/package.json') as { version: string }).version;
    } catch {
      // Not there: br-guard's own next.
    }
  }
  return '(not installed)';
}
