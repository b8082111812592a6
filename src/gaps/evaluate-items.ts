// One entry point for judging manifest items; each kind of judging lives in its own module.
export type { ItemEvaluation, Judgement } from './item-evaluation.js';
export { resolveSpecFile, type FileMatch } from './resolve-spec-file.js';
export { endpointsInText, identifiersInText } from './names-in-text.js';
export { isServed } from './explicit-evidence.js';
export { BAR } from './retrieval-bars.js';
export { relatedTo } from './related-to.js';
export { evaluateFileItem } from './evaluate-file-item.js';
export { evaluateRequirement, ownFilesOf } from './evaluate-requirement.js';
export { evaluateAcceptance } from './evaluate-acceptance.js';
