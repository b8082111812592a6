import type { FileScan, ScannedSymbol } from '../gaps/scanner/types.js';
import type { FeatureDraft } from './draft-facts.js';

/** How many names a drafted "Defines …" requirement quotes. */
const MAX_NAMES = 8;

/** Module names that say nothing alone: the module is named after its folder instead. */
const INDEX_NAME = /^(?:index|main|mod|__init__|__main__|app)$/;

/** `getStagedFiles` → Get Staged Files, `user_routes` → User Routes, `api` → Api. */
export function titleCase(name: string): string {
  return name
    .replace(/\.[^.]+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_.@-]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

interface Module {
  /** The folder or file the module is (`src/commands`, `lib/cli.js`). */
  path: string;
  /** The top-level folder it sits in ('' for a root file), to tell apart modules of the same name. */
  top: string;
  files: string[];
}

/**
 * One feature per top-level module: within each top-level folder, the package root is the first
 * folder that holds a file or more than one subfolder (`src/humanize/`, `frontend/src/`); each of
 * its files and each of its subfolders is a module. A folder of one file is that file's module.
 */
export function draftModuleFeatures(files: readonly string[], scans: ReadonlyMap<string, FileScan>): FeatureDraft[] {
  const modules = modulesOf(files);
  const names = modules.map((module) => moduleName(module));
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  const used = new Set<string>();
  return modules.map((module, i) => {
    let name = names[i] as string;
    if ((counts.get(name.toLowerCase()) ?? 0) > 1 && module.top) name = `${titleCase(module.top)} ${name}`;
    // Still the same name (two modules of one name in one folder tree): the path decides.
    if (used.has(name.toLowerCase())) name = `${name} (${module.path})`;
    used.add(name.toLowerCase());
    const defined = definedNames(module.files, scans);
    const kind = module.files.length === 1 && module.files[0] === module.path ? 'module' : 'folder';
    return {
      name,
      description: `Drafted from the ${kind} ${module.path}${kind === 'folder' ? '/' : ''} (${module.files.length} file${module.files.length === 1 ? '' : 's'}). Say what it does for its users.`,
      requirements: defined.length > 0 ? [`Defines ${defined.map((n) => `\`${n}\``).join(', ')}`] : [],
      files: module.files,
    };
  });
}

function modulesOf(files: readonly string[]): Module[] {
  const byTop = new Map<string, string[]>();
  for (const file of [...files].sort()) {
    const top = file.includes('/') ? (file.split('/')[0] as string) : '';
    byTop.set(top, [...(byTop.get(top) ?? []), file]);
  }
  const modules: Module[] = [];
  for (const [top, inTop] of byTop) {
    if (!top) {
      for (const file of inTop) modules.push({ path: file, top, files: [file] });
      continue;
    }
    let root = top;
    for (;;) {
      const below = inTop.map((file) => file.slice(root.length + 1));
      const subfolders = new Set(below.filter((rest) => rest.includes('/')).map((rest) => rest.split('/')[0]));
      if (subfolders.size !== 1 || below.some((rest) => !rest.includes('/'))) break;
      root = `${root}/${[...subfolders][0]}`;
    }
    // A bin/ folder holds the entry points of one command-line interface: one module.
    if (inTop.length === 1 || root === 'bin') {
      modules.push({ path: inTop.length === 1 ? (inTop[0] as string) : root, top, files: inTop });
      continue;
    }
    const byModule = new Map<string, string[]>();
    for (const file of inTop) {
      const head = file.slice(root.length + 1).split('/')[0] as string;
      const path = `${root}/${head}`;
      byModule.set(path, [...(byModule.get(path) ?? []), file]);
    }
    for (const [path, own] of byModule) modules.push({ path, top, files: own });
  }
  return modules;
}

function moduleName(module: Module): string {
  const parts = module.path.split('/');
  const base = parts[parts.length - 1] as string;
  const stem = base.replace(/\.[^.]+$/, '');
  if (module.files.length === 1 && module.files[0] === module.path && INDEX_NAME.test(stem) && parts.length > 1) {
    const folder = parts[parts.length - 2] as string;
    return /^(?:src|lib|app|source)$/.test(folder) ? 'Entry Point' : titleCase(folder);
  }
  if (base === 'bin') return 'Command-line Entry Points';
  return titleCase(base);
}

/**
 * The names a module's files define for others: exported functions and classes, else other
 * exported names (constants, a router), else the top-level functions and classes of a script.
 */
function definedNames(files: readonly string[], scans: ReadonlyMap<string, FileScan>): string[] {
  const symbols: ScannedSymbol[] = [];
  for (const file of files)
    for (const symbol of scans.get(file)?.symbols ?? [])
      if (!symbol.container && symbol.kind !== 'type' && /^[A-Za-z$][\w$]*$/.test(symbol.name)) symbols.push(symbol);
  const callable = (symbol: ScannedSymbol): boolean => symbol.kind === 'function' || symbol.kind === 'class';
  const tiers = [
    symbols.filter((symbol) => symbol.exported && callable(symbol)),
    symbols.filter((symbol) => symbol.exported && !callable(symbol)),
    symbols.filter((symbol) => !symbol.exported && callable(symbol)),
  ];
  const chosen = tiers.find((tier) => tier.length > 0) ?? [];
  return [...new Set(chosen.map((symbol) => symbol.name))].slice(0, MAX_NAMES);
}
