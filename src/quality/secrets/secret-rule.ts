/**
 * A secret rule. Two kinds: a *prefixed* rule finds a token by its fixed shape anywhere in a line
 * (`ghp_…`, `xoxb-…`); a *keyed* rule judges the value of a `key = value` candidate whose key names
 * the provider (`HEROKU_API_KEY=<uuid>`), for tokens with no prefix of their own.
 */
export interface SecretRule {
  id: string;
  description: string;
  /**
   * Lower-case words, one of which a line must hold before the rule runs on it: every rule's
   * keywords are found in one combined scan, so the cost stays linear in the text.
   */
  keywords: string[];
  /** Prefixed rules: searched in the line (or the text when `multiline`); capture 1 is the secret. */
  pattern?: RegExp;
  /** Keyed rules: the candidate's key must match this… */
  key?: RegExp;
  /** …and its whole value this (anchored). */
  value?: RegExp;
  /** Keyed rules whose values look like ids (UUIDs, hex) also need a key that says secret. */
  strictKey?: boolean;
  /** Shannon entropy (bits per character) the secret must reach. */
  minEntropy?: number;
  /** Extra test on the secret (checksums, decoding); false drops the match. */
  validate?: (value: string) => boolean;
  /** The secret spans lines (PEM blocks): searched in the whole text. */
  multiline?: boolean;
  /** Which capture holds the secret (default 1; 0 is the whole match). */
  group?: number;
  /** Only files whose path matches (a project's `.gitleaks.toml` rules). */
  path?: RegExp;
}

const before = '(?<![A-Za-z0-9])';
const after = '(?![A-Za-z0-9])';

/** A token found by its shape; `body` is a regex source for the whole token. */
export function prefixed(
  id: string,
  description: string,
  keywords: string | string[],
  body: string,
  options: Partial<SecretRule> = {},
): SecretRule {
  const words = (Array.isArray(keywords) ? keywords : [keywords]).map((word) => word.toLowerCase());
  return { id, description, keywords: words, pattern: new RegExp(`${before}(${body})${after}`, 'g'), minEntropy: 2.5, ...options };
}

/** A value with no prefix of its own, recognised by a key that names the provider. */
export function keyed(id: string, description: string, keyWords: string[], value: string, options: Partial<SecretRule> = {}): SecretRule {
  const stems = keyWords.map(normalizeKey);
  return {
    id,
    description,
    // The prefilter needs a word that appears however the key is spelt (`DD_API_KEY`, `ddApiKey`,
    // `dd.api.key`): the longest piece of each key word.
    keywords: [
      ...new Set(
        keyWords.map(
          (word) =>
            word
              .toLowerCase()
              .split(/[^a-z0-9]+/)
              .sort((a, b) => b.length - a.length)[0] ?? word,
        ),
      ),
    ],
    key: new RegExp(stems.map(escapeRegex).join('|')),
    value: new RegExp(`^(?:${value})$`),
    minEntropy: 3,
    ...options,
  };
}

/** A key as keyed rules compare it: lower case, separators dropped (`AWS_Secret.key` → `awssecretkey`). */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
