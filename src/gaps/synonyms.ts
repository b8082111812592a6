import { stem } from './words.js';

/**
 * Light synonyms: words a spec and the code use for the same thing ("validate" in the spec,
 * `checkConfig` in the code). Each group maps to its first word's stem. Kept short on purpose:
 * a synonym that is only sometimes one makes every match looser.
 */
const GROUPS: readonly string[][] = [
  ['validate', 'validation', 'validator', 'check', 'verify', 'assert'],
  ['config', 'configuration', 'configure', 'settings', 'conf', 'cfg', 'rc'],
  ['remove', 'delete', 'unlink', 'rm', 'drop', 'erase', 'uninstall'],
  ['list', 'enumerate', 'ls', 'listing'],
  ['run', 'execute', 'exec', 'spawn', 'invoke'],
  ['read', 'load'],
  ['write', 'save', 'store', 'persist'],
  ['find', 'search', 'lookup', 'locate'],
  ['kill', 'terminate'],
  ['error', 'err', 'exception', 'failure'],
  ['argument', 'arg', 'args', 'argv'],
  ['directory', 'dir', 'folder'],
  ['initialize', 'initialise', 'init', 'setup'],
  ['repository', 'repo'],
  ['message', 'msg'],
  ['command', 'cmd'],
  ['number', 'num', 'numeric'],
  ['string', 'str', 'text'],
  ['print', 'log', 'logger'],
  ['translation', 'translate', 'gettext', 'i18n', 'internationalisation', 'internationalization', 'locale'],
  ['help', 'usage'],
  ['version', 'ver'],
  ['environment', 'env'],
  ['dependency', 'dep', 'deps'],
  ['package', 'pkg'],
  ['normalize', 'normalise', 'normalization', 'normalisation'],
  ['template', 'tmpl'],
  ['prompt', 'ask', 'question'],
  ['detect', 'detection', 'sniff'],
  ['format', 'fmt'],
  ['parse', 'parser'],
  ['generate', 'gen'],
  ['abort', 'cancel'],
  ['file', 'filename'],
  ['postgres', 'postgresql', 'pg'],
  ['pick', 'choose', 'choice', 'select', 'selection'],
];

/** Phrases that are one word in code: "back up" → backup, "command line" → cli. */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bback(?:s|ed|ing)?\s+up\b/gi, 'backup'],
  [/\bset(?:s|ting)?\s+up\b/gi, 'setup'],
  [/\bcommand[\s-]+line\b/gi, 'cli'],
  [/\bstandard\s+input\b/gi, 'stdin'],
  [/\bstandard\s+output\b/gi, 'stdout'],
  [/\bstandard\s+error\b/gi, 'stderr'],
  [/\bworking\s+director(?:y|ies)\b/gi, 'cwd'],
  [/\bsub[\s-]+process(es)?\b/gi, 'subprocess$1'],
  [/\bfile\s+names?\b/gi, 'filename'],
  [/\bdry[\s-]+run\b/gi, 'dryrun'],
  // Before the synonyms fold "log" into "print": logging in is not printing.
  [/\blog(?:s|ged|ging)?[\s-]+in\b/gi, 'login'],
  [/\blog(?:s|ged|ging)?[\s-]+out\b/gi, 'logout'],
  [/\bsign(?:s|ed|ing)?[\s-]+in\b/gi, 'signin'],
  [/\bsign(?:s|ed|ing)?[\s-]+up\b/gi, 'signup'],
  [/\bsign(?:s|ed|ing)?[\s-]+out\b/gi, 'signout'],
  [/\bserver[\s-]+sent[\s-]+events?\b/gi, 'sse'],
  [/\breal[\s-]+time\b/gi, 'realtime'],
];

let canonical: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (canonical) return canonical;
  canonical = new Map();
  for (const group of GROUPS) {
    const head = stem(group[0] as string);
    for (const word of group) canonical.set(stem(word), head);
  }
  return canonical;
}

/** The canonical stem of a stem: `check` → `validat`. */
export function canonicalStem(stemmed: string): string {
  return table().get(stemmed) ?? stemmed;
}

/** Spec prose with multi-word names joined the way code writes them. */
export function joinPhrases(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Short command-line flags written in text (`-D`, `-g`): one letter that splitting into words
 * would drop, yet "ni with -D" and a test titled `ni foo -D` are about the same thing. Case
 * matters (`-d` is not `-D`); the term keeps the dash so no word can meet it.
 */
export function shortFlags(text: string): string[] {
  if (!text.includes('-')) return [];
  return [...text.matchAll(/(?<![\w-])-([A-Za-z])(?![\w-])/g)].map((match) => `-${match[1] as string}`);
}
