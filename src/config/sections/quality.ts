import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().quality;

/** br-guard's quality checks (src/quality/checkers/all-checkers.ts). */
const checkNames = [
  'prettier',
  'eslint',
  'oxfmt',
  'oxlint',
  'ruff',
  'black',
  'tsc',
  'mypy',
  'security',
  'bandit',
  'audit',
  'secrets',
  'complexity',
  'coverage',
];

/** `quality`: how the gate runs (the thresholds live in quality-standards.yaml). */
export const qualitySchema = s.object(
  {
    holdTheLine: s.boolean('With --staged or --since, findings on untouched lines do not fail the gate.', {
      default: defaults.holdTheLine,
    }),
    timeoutMs: s.number('Per-checker timeout in milliseconds.', { integer: true, min: 1, default: defaults.timeoutMs }),
    preCommitChecks: s.array(
      s.string('A check name.', { enum: checkNames }),
      'Checks the pre-commit hook runs on the staged files (null or an empty list: every check). The default leaves out the whole-program type checkers tsc and mypy, which cost a parse of the whole program on every commit (`quality check`, pre-push and CI run every check), and secrets, which the hook checks in its own stage first.',
      { default: defaults.preCommitChecks, nullable: true },
    ),
    maxFileBytes: s.number(
      'Staged files larger than this many bytes are skipped by the text checks (secrets, quality, drift content) with a note naming them, and never read whole into memory (default 2 MB). Binary files (a NUL byte in the first 8 KB) are skipped too.',
      { integer: true, min: 1, default: defaults.maxFileBytes },
    ),
    engines: s.string(
      'Which tools lint and format a project that configures none of its own: `default` (ESLint with typescript-eslint recommended, and Prettier) or `native` (oxlint and oxfmt, native binaries shipped as optional dependencies; ESLint and Prettier run instead, saying why, when they cannot load). A project with its own ESLint or Prettier config keeps that tool either way.',
      { enum: ['default', 'native'], default: defaults.engines },
    ),
    worker: s.object(
      {
        idleMinutes: s.number(
          'Minutes without a request after which the warm worker exits (it starts again with the next commit). Fractions are allowed.',
          { min: 0.01, default: defaults.worker.idleMinutes },
        ),
      },
      'The warm worker: a background process per worktree that keeps ESLint, Prettier, TypeScript and Ruff loaded between commits (BR_GUARD_WORKER=0 turns it off; docs/hooks.md, "Warm worker").',
    ),
  },
  'Quality gate runtime settings.',
);
