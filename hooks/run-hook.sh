#!/bin/sh
# br-guard's git hook entry, shipped in the br-guard package. `.husky/<hook>` runs
#   sh <package>/hooks/run-hook.sh <hook> [git's hook arguments]
# and this runs node directly on the CLI next to it: no npx, no lookup, nothing loaded twice.
hook="$1"
shift
if [ "${BR_GUARD-}" = "0" ]; then
  echo "br-guard: BR_GUARD=0 — $hook hook skipped entirely" >&2
  exit 0
fi
# ${0%/*}: this script's folder, without starting a `dirname` process on every commit.
cli="${0%/*}/../dist/src/cli/main.js"
if [ ! -f "$cli" ]; then
  echo "br-guard: $cli is missing: this br-guard is not built (run: npm run build), or set BR_GUARD=0 to commit without it" >&2
  exit 1
fi
if ! command -v node >/dev/null 2>&1; then
  echo "br-guard: node is not on the PATH this git hook sees ($PATH)." >&2
  echo "  GUI git clients start hooks without your shell's setup: put it in ~/.config/husky/init.sh," >&2
  echo "  e.g.  export PATH=\"/usr/local/bin:\$PATH\"  or  . \"\$HOME/.nvm/nvm.sh\"   (br-guard doctor checks this)" >&2
  exit 1
fi
# A commit with nothing staged, no active build, no leftover backup and no skip to report has
# nothing for pre-commit to do: answer from here, since starting node is most of a hook's cost.
# Git runs hooks from the top of the work tree, so the build state is at a fixed path.
if [ "$hook" = "pre-commit" ] && [ -z "${BR_GUARD_SKIP-}" ] && [ ! -f .buildrunner/build-state.json ] &&
  git diff --cached --quiet --no-ext-diff 2>/dev/null &&
  [ -z "$(git for-each-ref --count=1 --format=x refs/buildrunner/backup/ 2>/dev/null)" ]; then
  exit 0
fi
# The hook bundle: one file holding every br-guard module a hook reaches (~200), which Node 20
# loads in a fraction of the time it spends resolving and linking them one by one, started
# through a small loader that compiles it from V8's code cache (see scripts/bundle-hook.mjs;
# hook-bundle.cjs is the loader, hook-bundle-code.cjs the code). Only when it is newer than tsc's
# last build (dist/.tsbuildinfo, rewritten by every build that emits; not in the published
# package, where the bundle is what shipped): a build that was not re-bundled runs the modules.
# Under coverage (NODE_V8_COVERAGE, br-guard's own tests) the same entry runs unbundled, so
# coverage maps to the modules; BR_GUARD_HOOK_ENTRY=modules does the same by hand (stack traces
# name the modules).
entry="${0%/*}/../dist/src/cli/hook-entry.js"
bundle="${0%/*}/../dist/src/cli/hook-bundle.cjs"
stamp="${0%/*}/../dist/.tsbuildinfo"
if [ -z "${NODE_V8_COVERAGE-}" ] && [ "${BR_GUARD_HOOK_ENTRY-}" != modules ] && [ -f "$bundle" ] && [ -f "${bundle%.cjs}-code.cjs" ] && { [ ! -f "$stamp" ] || [ "$bundle" -nt "$stamp" ]; }; then
  entry="$bundle"
elif [ ! -f "$entry" ]; then
  entry="$cli"
fi
exec node "$entry" hook "$hook" "$@"
