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
    modules: s.array(
      s.string('A glob of folders'),
      'Globs of module folders (`src/features/*`): code outside a module imports it only through its entry (`index.ts`, or the folder), never its other files or an `internal/` folder.',
      { default: defaults.modules },
    ),
    boundaries: s.array(
      s.object(
        {
          from: s.string('Glob of importing files; each wildcard (`*`, `**`, `?`, an extglob) is a capture, `$1`, `$2`, … from the left.'),
          to: s.string(
            'Glob of the imported files (or a package pattern) this entry judges, captures substituted; absent: every file of the repository.',
            {
              optional: true,
            },
          ),
          allow: s.array(s.string('A glob'), 'Globs of the imports that pass (captures substituted); absent: none of those `to` matches.', {
            optional: true,
          }),
          message: s.string('Explanation shown with the violation.', { optional: true }),
        },
        'One boundary: `{from: "src/features/*/**", allow: ["src/features/$1/**", "src/shared/**"]}`.',
      ),
      "Import boundaries with captures: what files matching `from` may import, judged per import with `from`'s captures substituted.",
      { default: defaults.boundaries },
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
