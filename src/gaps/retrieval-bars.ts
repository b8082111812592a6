// The calibrated score bars live apart from the judging code so calibration changes touch one file.

/**
 * Bars on the retrieval score (0..1), calibrated on real libraries with specs written by hand
 * (docs/gaps.md, "How the bars were chosen"), not on our own fixtures.
 */
export const BAR = {
  requirementDone: 0.42,
  /** Code in the feature's own Files: the spec already says it is where the requirement lives. */
  requirementDoneInFiles: 0.35,
  /** Code outside the feature's Files, when the feature lists some: it must match clearly. */
  requirementDoneOutside: 0.6,
  requirementPartial: 0.28,
  acceptanceDone: 0.42,
  acceptancePartial: 0.28,
} as const;
