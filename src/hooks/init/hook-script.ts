/** The markers around br-guard's part of a `.husky/<hook>` file: everything outside is the user's. */
export const BLOCK_START = '# >>> br-guard >>> (managed by `br-guard init`; edit outside these markers)';
export const BLOCK_END = '# <<< br-guard <<<';

/** A hook that was active before init, kept running after br-guard's checks. */
export interface LegacyHook {
  /** A shell expression for its path, evaluated when the hook runs. */
  pathExpression: string;
  /** Where it was found, for the message. */
  description: string;
}

/**
 * br-guard's block for `.husky/<hook>`. husky runs it with `sh -e` from the repository root; `$0`
 * is the file itself, so `$(dirname "$0")/..` is the package that owns this `.husky` folder
 * (a monorepo sub-package too). It runs the `hooks/run-hook.sh` of the installed br-guard
 * there, at the work tree root, or at the main worktree's root (a linked worktree often has no
 * node_modules of its own), else a global `br-guard`; never `npx` (slow, and it may download a
 * different version).
 */
export function managedBlock(hook: string, legacy: LegacyHook | null): string {
  const lines = [BLOCK_START];
  const stdin = hook === 'pre-push' && legacy !== null;
  if (stdin) lines.push('br_guard_refs="$(cat)"  # both br-guard and the older hook read the pushed refs');
  const feed = stdin ? `printf '%s\\n' "$br_guard_refs" | ` : '';
  lines.push(
    'br_guard_run=""',
    'for br_guard_dir in "${0%/*}/.." "." MAIN; do',
    '  [ "$br_guard_dir" = MAIN ] && br_guard_dir="$(git rev-parse --git-common-dir)/.."',
    '  if [ -f "$br_guard_dir/node_modules/br-guard/hooks/run-hook.sh" ]; then br_guard_run="$br_guard_dir/node_modules/br-guard/hooks/run-hook.sh"; break; fi',
    'done',
    'if [ -n "$br_guard_run" ]; then',
    `  ${feed}sh "$br_guard_run" ${hook} "$@"`,
    'elif command -v br-guard >/dev/null 2>&1; then',
    `  ${feed}br-guard hook ${hook} "$@"`,
    'else',
    `  echo "br-guard: not installed here (run npm install, or npm install -g br-guard); BR_GUARD=0 skips this ${hook} hook" >&2`,
    '  exit 1',
    'fi',
  );
  if (legacy) {
    lines.push(
      `# the ${hook} hook that ran before br-guard init (${legacy.description}), kept running:`,
      `br_guard_legacy=${legacy.pathExpression}`,
      `if [ -x "$br_guard_legacy" ]; then ${feed}"$br_guard_legacy" "$@"; fi`,
    );
  }
  lines.push(BLOCK_END);
  return lines.join('\n');
}

const LEGACY_COMMENT = /^# the [\w-]+ hook that ran before br-guard init \((.*)\), kept running:$/;
const LEGACY_PATH = /^br_guard_legacy=(.+)$/;

/**
 * The earlier hook an existing block chains, read back from the block itself. Once init has set
 * `core.hooksPath`, the earlier hook can no longer be found where git used to run it from: the
 * block is the only record of it, and a second init must keep it.
 */
export function chainedLegacy(existing: string | null): LegacyHook | null {
  if (existing === null) return null;
  const start = existing.indexOf(BLOCK_START);
  const end = existing.indexOf(BLOCK_END);
  if (start === -1 || end < start) return null;
  const lines = existing.slice(start, end).split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const comment = LEGACY_COMMENT.exec(lines[i]!);
    const path = LEGACY_PATH.exec(lines[i + 1]!);
    if (comment && path) return { description: comment[1]!, pathExpression: path[1]! };
  }
  return null;
}

/**
 * Puts the block into a hook file's text: replaces an existing block, or inserts it at the top
 * (after a shebang) so br-guard's checks run before what the file already did, which is kept.
 */
export function upsertBlock(existing: string | null, block: string): { content: string; changed: boolean } {
  if (existing === null || existing.trim() === '') return { content: `${block}\n`, changed: true };
  const start = existing.indexOf(BLOCK_START);
  const end = existing.indexOf(BLOCK_END);
  if (start !== -1 && end > start) {
    const content = existing.slice(0, start) + block + existing.slice(end + BLOCK_END.length);
    return { content, changed: content !== existing };
  }
  const lines = existing.split('\n');
  const head: string[] = [];
  while (lines.length && (lines[0]!.startsWith('#!') || /husky\.sh/.test(lines[0]!))) head.push(lines.shift()!);
  // husky 4-8's `. "$(dirname "$0")/_/husky.sh"` line is deprecated and fails in husky 10: drop it.
  const kept = head.filter((line) => line.startsWith('#!'));
  const content = [...kept, block, ...lines].join('\n');
  return { content: content.endsWith('\n') ? content : `${content}\n`, changed: true };
}

/** Whether a hook file calls br-guard (doctor). */
export function callsBrGuard(text: string): boolean {
  return (
    text.includes(BLOCK_START) || /br-guard(\s+hook|\/hooks\/run-hook\.sh|.*run-hook\.sh)/.test(text) || /hooks\/run-hook\.sh/.test(text)
  );
}
