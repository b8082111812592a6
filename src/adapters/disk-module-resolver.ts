import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';

/** Resolves a specifier imported by a repository file, on disk; a repo-relative path or null. */
export type DiskModuleResolver = (importer: string, specifier: string) => string | null;

type OxcResolver = typeof import('oxc-resolver');

let loaded: OxcResolver | null | undefined;

/** oxc-resolver, or null where its native build is not installed (an optional dependency). */
function loadOxcResolver(): OxcResolver | null {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('oxc-resolver') as OxcResolver;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/** Whether module resolution on disk is available here (`doctor` reports it). */
export function diskResolverAvailable(): boolean {
  return loadOxcResolver() !== null;
}

const options = {
  // The file that runs, not its declaration: `types` is not a condition here.
  conditionNames: ['import', 'require', 'node', 'default'],
  extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
  extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
  mainFields: ['module', 'main'],
};

/**
 * Node's and TypeScript's resolution on the files of `root` (package.json `exports` and
 * `imports`, workspace packages linked under node_modules, tsconfig `paths` inherited from a
 * package): what the in-memory resolver over the snapshot cannot know; every answer is null where
 * oxc-resolver is not installed. The answer is a path relative to `root` after following symlinks, so a
 * workspace package reached through node_modules names its file in the repository.
 */
export function createDiskModuleResolver(root: string): DiskModuleResolver {
  // Loaded and built on the first question: most staged changes never ask the disk anything.
  let resolve: DiskModuleResolver | undefined;
  return (importer, specifier) => {
    if (!resolve) {
      const oxc = loadOxcResolver();
      resolve = oxc ? buildResolver(oxc, root) : () => null;
    }
    return resolve(importer, specifier);
  };
}

function buildResolver(oxc: OxcResolver, root: string): DiskModuleResolver {
  const withTsconfig = new oxc.ResolverFactory({ ...options, tsconfig: 'auto' });
  const plain = new oxc.ResolverFactory(options);
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // A root that cannot be resolved answers nothing inside it below.
  }
  return (importer, specifier) => {
    const file = `${root}/${importer}`;
    let result = withTsconfig.resolveFileSync(file, specifier);
    // oxc fails every lookup of a file whose tsconfig `extends` a package that is not installed:
    // resolve it again without the tsconfig rather than lose the package's `exports`.
    if (result.error && /tsconfig/i.test(result.error)) result = plain.resolveFileSync(file, specifier);
    if (!result.path) return null;
    let path = result.path;
    try {
      path = realpathSync(path);
    } catch {
      return null;
    }
    const inside = relative(realRoot, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
    return inside.split(sep).join('/');
  };
}
