import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultQualityStandards } from '../../../src/config/defaults.js';
import { dimensionScore, overallScore, rating } from '../../../src/quality/score.js';

// Every expected number below is computed by hand from the formula in docs/quality.md:
//   dimension = max(0, 100 − Σ weight / max(1, lines / 1000)), weights error 10, warning 3, info 1.

test('a clean dimension scores 100', () => {
  assert.is(dimensionScore({ severities: [], lines: 5000 }), 100);
});

test('small change: each finding costs its full weight', () => {
  // 1 error + 2 warnings + 1 info = 10 + 6 + 1 = 17 points; 200 lines count as 1 KLOC → 83.
  assert.is(dimensionScore({ severities: ['error', 'warning', 'warning', 'info'], lines: 200 }), 83);
});

test('large codebase: penalty per KLOC', () => {
  // 20 warnings = 60 points over 12 KLOC = 5 per KLOC → 95.
  assert.is(dimensionScore({ severities: Array(20).fill('warning'), lines: 12_000 }), 95);
  // 7 errors = 70 points over 3.5 KLOC = 20 → 80.
  assert.is(dimensionScore({ severities: Array(7).fill('error'), lines: 3500 }), 80);
  // 1 warning over 7 KLOC = 3/7 = 0.43 → 99.57 → rounded to one decimal 99.6.
  assert.is(dimensionScore({ severities: ['warning'], lines: 7000 }), 99.6);
});

test('the score is floored at 0 and a measured score replaces the formula', () => {
  assert.is(dimensionScore({ severities: Array(11).fill('error'), lines: 10 }), 0);
  assert.is(dimensionScore({ severities: ['error'], lines: 10, measured: 87.25 }), 87.3);
  assert.is(dimensionScore({ severities: [], lines: 0, measured: 140 }), 100);
});

test('ratings', () => {
  assert.equal([100, 90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map(rating), ['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E']);
});

test('the quality score is accurately calculated: overall = weighted mean with the configured weights', () => {
  const standards = defaultQualityStandards();
  // Default weights: format 1, types 2, security 3, secrets 3, complexity 1.
  // (1·80 + 2·90 + 3·100 + 3·100 + 1·60) / (1+2+3+3+1) = 920 / 10 = 92.
  assert.is(overallScore({ format: 80, types: 90, security: 100, secrets: 100, complexity: 60 }, standards), 92);
  // Only measured dimensions count: (1·70 + 3·50) / 4 = 55.
  assert.is(overallScore({ format: 70, secrets: 50 }, standards), 55);
  // An unknown dimension weighs 1; nothing measured scores 100.
  assert.is(overallScore({ other: 40, format: 60 }, standards), 50);
  assert.is(overallScore({}, standards), 100);
});

test.run();
