import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().gaps;

/** `gaps`: what gap analysis leaves out. */
export const gapsSchema = s.object(
  {
    ignoreEndpoints: s.array(s.string('METHOD path glob'), 'Endpoints served on purpose with no UI caller, as `METHOD /path/*`.', {
      default: defaults.ignoreEndpoints,
    }),
    ignore: s.array(s.string('A glob'), 'Globs of files the scanner never reads.', { default: defaults.ignore }),
  },
  'Gap analysis.',
);
