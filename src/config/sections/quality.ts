import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().quality;

/** `quality`: how the gate runs (the thresholds live in quality-standards.yaml). */
export const qualitySchema = s.object(
  {
    holdTheLine: s.boolean('With --staged or --since, findings on untouched lines do not fail the gate.', {
      default: defaults.holdTheLine,
    }),
    timeoutMs: s.number('Per-checker timeout in milliseconds.', { integer: true, min: 1, default: defaults.timeoutMs }),
  },
  'Quality gate runtime settings.',
);
