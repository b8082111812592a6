import { s } from './schema-node.js';
import { architectureSchema } from './sections/architecture.js';
import { buildSchema } from './sections/build.js';
import { gapsSchema } from './sections/gaps.js';
import { hooksSchema } from './sections/hooks.js';
import { qualitySchema } from './sections/quality.js';
import { techStackSchema } from './sections/tech-stack.js';

/**
 * The br-guard config (cosmiconfig `br-guard`): one schema per top-level section, each in
 * `sections/`. To add a section: write its schema there, add it here, and add its type in
 * types.ts and its defaults in defaults.ts.
 */
export const configSchema = s.object(
  {
    spec: s.string('Path of the spec, relative to the repo root (default: PROJECT_SPEC.md, else .buildrunner/PROJECT_SPEC.md).', {
      nullable: true,
      default: null,
    }),
    architecture: architectureSchema,
    techStack: techStackSchema,
    gaps: gapsSchema,
    build: buildSchema,
    quality: qualitySchema,
    hooks: hooksSchema,
  },
  'br-guard configuration.',
);
