import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().architecture;

/** `architecture`: layers, forbidden edges and files that need no spec entry (drift checks). */
export const architectureSchema = s.object(
  {
    layers: s.array(
      s.object(
        {
          name: s.string('Name of the layer, used in messages.'),
          paths: s.array(s.string('A glob'), 'Globs (picomatch, relative to the repo root) of the files in this layer.'),
        },
        'One layer.',
      ),
      'Layers from top to bottom: a layer may import itself and the layers below it.',
      { default: defaults.layers },
    ),
    forbidden: s.array(
      s.object(
        {
          from: s.string('Glob of importing files.'),
          to: s.string('Glob of imported files, or a package name pattern.'),
          message: s.string('Explanation shown with the violation.', { optional: true }),
        },
        'One forbidden edge.',
      ),
      'Import edges that must never exist, whatever the layers say.',
      { default: defaults.forbidden },
    ),
    undocumentedAllowed: s.array(s.string('A glob'), 'Globs of new files that need no entry in the spec.', {
      default: defaults.undocumentedAllowed,
    }),
    rules: s.record(
      s.string('Severity.', { enum: ['error', 'warn', 'info', 'off'] }),
      'Severity per drift rule id (for example `undocumented-file: warn`); every rule is an error by default.',
      { default: defaults.rules },
    ),
  },
  'Architecture drift rules.',
);
