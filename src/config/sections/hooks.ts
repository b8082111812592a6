import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

const defaults = defaultConfig().hooks;

/** `hooks`: what the git hooks run beyond their defaults. */
export const hooksSchema = s.object(
  {
    prePush: s.object(
      {
        minCompletion: s.number('Block a push when gap analysis completion is under this percentage (null: never).', {
          nullable: true,
          min: 0,
          max: 100,
          default: defaults.prePush.minCompletion,
        }),
        quality: s.boolean('Run the quality gate on the pushed range.', { default: defaults.prePush.quality }),
      },
      'pre-push hook.',
    ),
  },
  'Git hooks.',
);
