/** The files `br-guard init` writes when they do not exist. */

export const QUALITY_STANDARDS_YAML = `# Quality gates br-guard enforces (br-guard quality check; pre-commit runs them on staged files).
# Every key is optional: what is missing takes the built-in default shown here.
# Written in block style with plain values, so that Prettier leaves it as it is whatever its options.
gates:
  # overall score (0-100) a change must reach
  minScore: 80
  # line coverage, when a coverage report exists
  minCoverage: 85
  # per function
  maxCyclomaticComplexity: 15
  maxCognitiveComplexity: 20
  # lines
  maxFunctionLength: 80
  maxFileLength: 500
  maxParameters: 5
  maxNestingDepth: 4
# Minimum score and weight per dimension.
dimensions:
  format:
    minScore: 70
    weight: 1
  types:
    minScore: 70
    weight: 2
  security:
    minScore: 80
    weight: 3
  secrets:
    minScore: 100
    weight: 3
  complexity:
    minScore: 60
    weight: 1
  tests:
    minScore: 0
    weight: 1
# Files no quality check reads.
exclude:
  - node_modules/**
  - dist/**
  - build/**
  - coverage/**
  - .buildrunner/**
# Looser or stricter gates for some files, e.g. generated code:
# overrides:
#   - files: ["src/generated/**"]
#     gates: { maxFileLength: 5000 }
# Whole checks some files are exempt from:
# exemptions:
#   - files: ["scripts/**"]
#     checks: ["complexity"]
`;

export const BR_GUARDRC_YAML = `# br-guard configuration. Every key is optional; the defaults are shown commented out.
# Docs: node_modules/br-guard/docs/ (hooks.md for the hooks section).

# The spec br-guard checks the code against (default: PROJECT_SPEC.md, then .buildrunner/PROJECT_SPEC.md).
# spec: PROJECT_SPEC.md

# Architecture drift (pre-commit checks the staged diff, pre-push each pushed range).
# architecture:
#   layers:                # top to bottom: a layer may import itself and the layers below it
#     - { name: cli,  paths: ["src/cli/**"] }
#     - { name: core, paths: ["src/core/**"] }
#   forbidden:             # edges that must never exist
#     - { from: "src/core/**", to: "src/server/**" }
#   modules: ["src/features/*"]   # others import a module only through its index
#   boundaries:            # each wildcard of from is a capture, $1 … in to and allow
#     - { from: "src/features/*/**", to: "src/features/**", allow: ["src/features/$1/**"] }
#   undocumentedAllowed: ["test/**", "docs/**", "**/*.md"]   # new files that need no spec entry

# Dependencies allowed beyond the spec's tech stack.
# techStack:
#   allow: ["@types/*"]

# Endpoints served on purpose with no UI caller.
# gaps:
#   ignoreEndpoints: ["POST /api/webhooks/*"]

# Lint and format with oxlint and oxfmt (native, many times faster) where the project configures
# no ESLint or Prettier of its own; ESLint and Prettier run when the binaries cannot load.
# quality:
#   engines: native        # default: ESLint (typescript-eslint recommended) and Prettier

hooks:
  prePush:
    # e.g. 80: block a push while gap analysis finds the build under 80% complete
    minCompletion: null
    # true: also run the quality gates on the files a push changes
    quality: false
`;

/** The config init writes: with `--engines native`, the engines line is set rather than commented. */
export function brGuardrcYaml(engines: 'default' | 'native' = 'default'): string {
  if (engines === 'default') return BR_GUARDRC_YAML;
  return BR_GUARDRC_YAML.replace('# quality:\n#   engines: native ', 'quality:\n  engines: native   ');
}

export const BUILDRUNNER_GITIGNORE = `# br-guard's local runtime files: caches, logs and live build state never go into commits.
cache/
logs/
build-state.json
gate-answers/
*.tmp
`;

/** Config files cosmiconfig finds for `br-guard`; init writes .br-guardrc.yaml only when none exists. */
export const CONFIG_CANDIDATES = [
  '.br-guardrc',
  '.br-guardrc.json',
  '.br-guardrc.yaml',
  '.br-guardrc.yml',
  '.br-guardrc.js',
  '.br-guardrc.cjs',
  '.br-guardrc.mjs',
  'br-guard.config.js',
  'br-guard.config.mjs',
  'br-guard.config.cjs',
];
