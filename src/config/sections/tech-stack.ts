import { s } from '../schema-node.js';
import { defaultConfig } from '../defaults.js';

/** `techStack`: what the drift check accepts beyond the spec's tech stack. */
export const techStackSchema = s.object(
  {
    allow: s.array(s.string('A package name or glob'), "Dependencies allowed beyond the spec's tech stack (globs such as `@types/*`).", {
      default: defaultConfig().techStack.allow,
    }),
  },
  'Tech stack compliance.',
);
