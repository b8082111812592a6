import type { QualityStandards } from '../config/types.js';
import type { Severity } from '../domain/findings.js';
import type { Rating } from './types.js';

/** Penalty points per finding, by severity. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 10, warning: 3, info: 1 };

export interface DimensionInput {
  /** Severities of the findings that count (new ones under hold the line). */
  severities: Severity[];
  /** Lines of the files this dimension's checks read. */
  lines: number;
  /** A measured score that replaces the formula (line coverage for `tests`). */
  measured?: number;
}

/**
 * A dimension's score: 100 minus the penalty points per thousand lines checked, floored at 0.
 * Files under 1,000 lines count as one KLOC, so on a small change each finding costs its full
 * weight, while a large healthy codebase is not sunk by a handful of findings.
 *
 *   score = max(0, 100 − Σ weight(severity) / max(1, lines / 1000))
 */
export function dimensionScore(input: DimensionInput): number {
  if (input.measured !== undefined) return round1(clamp(input.measured));
  const penalty = input.severities.reduce((sum, severity) => sum + SEVERITY_WEIGHT[severity], 0);
  const kloc = Math.max(1, input.lines / 1000);
  return round1(clamp(100 - penalty / kloc));
}

/** A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E below. */
export function rating(score: number): Rating {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'E';
}

/** The overall score: the mean of the measured dimensions weighted by `standards.dimensions[d].weight`. */
export function overallScore(scores: Record<string, number>, standards: QualityStandards): number {
  let total = 0;
  let weights = 0;
  for (const [dimension, score] of Object.entries(scores)) {
    const weight = standards.dimensions[dimension]?.weight ?? 1;
    total += weight * score;
    weights += weight;
  }
  return weights === 0 ? 100 : round1(total / weights);
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
