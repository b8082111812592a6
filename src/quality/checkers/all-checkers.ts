import type { Checker } from '../types.js';
import { auditChecker } from './audit-checker.js';
import { banditChecker } from './bandit-checker.js';
import { blackChecker } from './black-checker.js';
import { complexityChecker } from './complexity-checker.js';
import { coverageChecker } from './coverage-checker.js';
import { eslintChecker } from './eslint-checker.js';
import { mypyChecker } from './mypy-checker.js';
import { prettierChecker } from './prettier-checker.js';
import { ruffChecker } from './ruff-checker.js';
import { secretsChecker } from './secrets-checker.js';
import { securityChecker } from './security-checker.js';
import { tscChecker } from './tsc-checker.js';

/**
 * Every checker, in fix order: Prettier formats, then ESLint fixes (formatting again only if a
 * fix changed it); Ruff fixes and formats, then Black.
 * Each checker lazy-loads its tool inside `run`, so listing them here costs nothing.
 */
export const allCheckers: Checker[] = [
  prettierChecker,
  eslintChecker,
  ruffChecker,
  blackChecker,
  tscChecker,
  mypyChecker,
  securityChecker,
  banditChecker,
  auditChecker,
  secretsChecker,
  complexityChecker,
  coverageChecker,
];

/** Binary names of the external tools; overridable per run (tests use absent names). */
export const defaultTools: Record<string, string> = {
  black: 'black',
  mypy: 'mypy',
  bandit: 'bandit',
  npm: 'npm',
  'pip-audit': 'pip-audit',
  safety: 'safety',
};
