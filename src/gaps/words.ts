/**
 * Word handling for matching spec text against code: identifiers and paths split into words
 * (`DependencyGraphBuilder`, `dependency_graph_builder.py`, `buildDependencyGraph` → dependency,
 * graph, build(er)), stemmed so that `builder`/`build`, `analysis`/`analyzer`, `validation`/
 * `validator` meet, with stopwords dropped.
 */

const STOPWORDS = new Set(
  (
    'a an the and or of for to in on at by with from into onto via as is are be been being it its this that these those ' +
    'which who whom what when where while than then there their them they we you your our us not no nor so such ' +
    'all any each every both either neither some more most other own same only just also very can could should would ' +
    'will shall may might must do does did done has have had having get gets got use uses used using make makes made ' +
    'per if else up out over under about after before again further once here how why e g i eg ie etc new ' +
    'correctly properly successfully accurately automatically fully actually ensure ensures able work works'
  ).split(/\s+/),
);

/** Words too vague to identify a requirement on their own. */
const GENERIC = new Set([
  'system',
  'engine',
  'framework',
  'functionality',
  'support',
  'mechanism',
  'logic',
  'capability',
  'capabiliti',
  'feature',
  'featur',
  'implement',
  'implementation',
]);

/** Splits identifiers, paths and prose into lower-case words. */
export function splitWords(text: string): string[] {
  // Without capitals or non-ASCII characters (most paths, many names) the case rules below change
  // nothing and `toLowerCase` neither: only the split is left.
  if (!CASED.test(text)) return text.split(NON_WORD).filter((word) => word.length > 0);
  return (
    text
      // A brand written with one lower-case letter before capitals (tRPC, iOS) is one word, as
      // code writes it (`createTRPCContext`, `trpc`): not "t" and "rpc".
      .replace(/\b([a-z])([A-Z]{2,})(?![a-z])/g, (_, first: string, rest: string) => first.toUpperCase() + rest)
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 0)
  );
}

/** A character the case rules of `splitWords` or `toLowerCase` may act on. */
const CASED = /[A-Z\u0080-\uffff]/;
const NON_WORD = /[^a-z0-9]+/;

const SUFFIXES = [
  'izations',
  'ization',
  'isation',
  'ations',
  'ation',
  'itions',
  'ition',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ers',
  'ors',
  'ions',
  'ion',
  'ies',
  'ied',
  'ables',
  'able',
  'ibles',
  'ible',
  'ities',
  'ity',
  'ives',
  'ive',
  'ed',
  'er',
  'or',
  'es',
  'ly',
  'e',
  's',
];

/** A light stemmer: enough for `builder`/`build`, `analysis`/`analyzer`, `parser`/`parsing`, `validator`/`validation`. */
export function stem(word: string): string {
  let cached = stems.get(word);
  if (cached === undefined) stems.set(word, (cached = stemUncached(word)));
  return cached;
}

const stems = new Map<string, string>();

function stemUncached(word: string): string {
  let w = word.toLowerCase();
  // `add` must meet `adds` → `ad` (the doubled consonant goes below), as `run` meets `running`.
  if (w.length <= 3) return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
  w = w.replace(/ys(?:is|es)$/, 'y').replace(/y[sz](?:e|er|ers|ed|ing|es)?$/, 'y');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  // Two rounds: `completeness` → `complete` → `complet`, the same stem as `complete`.
  for (let round = 0; round < 2; round++) {
    // `notation` is not `not`: a stem shorter than four letters after -ation says too little.
    const suffix = SUFFIXES.find(
      (candidate) => w.endsWith(candidate) && w.length - candidate.length >= (candidate.startsWith('ation') ? 4 : 3),
    );
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (/at$/.test(w) && w.length > 5) w = w.slice(0, -2);
  return w;
}

/** Content words of prose, stemmed, without stopwords, in order, deduplicated. */
export function contentStems(text: string): string[] {
  const stems: string[] = [];
  for (const word of splitWords(text)) {
    if (STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    const stemmed = stem(word);
    if (!stems.includes(stemmed)) stems.push(stemmed);
  }
  return stems;
}

/** The stems of an identifier or path, as a set. */
export function identifierStems(text: string): Set<string> {
  return new Set(
    splitWords(text)
      .filter((word) => !STOPWORDS.has(word))
      .map(stem),
  );
}

export function isGeneric(stemmed: string): boolean {
  return GENERIC.has(stemmed);
}

/**
 * The head of a requirement: the words before its first qualifier (`for`, `to`, `that`, `with`,
 * a parenthesis or a colon): "Dependency graph builder for build plan analysis" → dependency,
 * graph, builder. The head names the thing; the rest says what it is for.
 */
export function headStems(text: string): string[] {
  const head =
    text.split(/\s+(?:for|to|that|which|with|so|by|via|using|including|in order|from|into|against|when|across)\s+|[(:;—–]|\s-\s/i)[0] ??
    text;
  const stems = contentStems(head).filter((word) => !isGeneric(word));
  return stems.length > 0 ? stems : contentStems(text).filter((word) => !isGeneric(word));
}

/** Names listed in a parenthesis: "Format checkers (Black, Ruff, ESLint, Prettier)" → black, ruff, eslint, prettier. */
export function listedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\(([^)]*)\)/g)) {
    const items = (match[1] ?? '')
      .split(/[,/]|\band\b/)
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length < 2) continue;
    for (const item of items) {
      // "Bandit for SAST" names Bandit: the words after a qualifier describe it.
      const name = item.split(/\s+(?:for|to|with|in|of)\s+/i)[0]?.trim() ?? '';
      if (name && name.split(/\s+/).length <= 3 && !/[≥<>=%]/.test(name)) names.push(name);
    }
  }
  return names;
}
