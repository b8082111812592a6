/** Folders with more entries than this are written as one `folder/` line that covers the subtree. */
const MAX_LISTED = 15;

// A File Structure entry is matched exactly, as a folder (`x/` covers its subtree) or, when it
// holds glob characters, as a glob; a name with whitespace is cut at the first space. Such names
// cannot be written as entries, so their folder is written instead.
const UNWRITABLE = /[\s*?[\]{}!#`]/;

interface Folder {
  files: string[];
  folders: Map<string, Folder>;
}

/**
 * The File Structure tree that documents every given file: root files listed, each top-level
 * folder listed with its files and subfolders (each subfolder a `name/` line covering its
 * subtree), or as one `name/` line when it is large or holds a name that cannot be an entry.
 * Every line is two spaces per level, the way the spec's tree reader joins paths.
 */
export function draftFileStructure(files: readonly string[]): string[] {
  const root: Folder = { files: [], folders: new Map() };
  for (const file of [...files].sort()) {
    const parts = file.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let next = folder.folders.get(part);
      if (!next) folder.folders.set(part, (next = { files: [], folders: new Map() }));
      folder = next;
    }
    folder.files.push(parts[parts.length - 1] as string);
  }
  const lines: string[] = [];
  for (const [name, folder] of sorted(root.folders)) {
    if (UNWRITABLE.test(name)) return unwritableRoot(files);
    lines.push(`${name}/`);
    if (!expandable(folder)) continue;
    for (const [sub] of sorted(folder.folders)) lines.push(`  ${sub}/`);
    for (const file of folder.files) lines.push(`  ${file}`);
  }
  for (const file of root.files) {
    if (UNWRITABLE.test(file)) return unwritableRoot(files);
    lines.push(file);
  }
  return lines;
}

function expandable(folder: Folder): boolean {
  const names = [...folder.folders.keys(), ...folder.files];
  return names.length <= MAX_LISTED && !names.some((name) => UNWRITABLE.test(name));
}

function sorted(folders: Map<string, Folder>): Array<[string, Folder]> {
  return [...folders].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * A top-level name that no entry can spell (`my app/`): a glob per such name's first character
 * would be fragile, so the whole tree is documented by one catch-all glob instead.
 */
function unwritableRoot(files: readonly string[]): string[] {
  return files.length > 0 ? ['**'] : [];
}
