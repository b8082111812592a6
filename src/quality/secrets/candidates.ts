/**
 * The value grammar: every way people write `key = value` in the files they commit, read into
 * (key, value) candidates once, so that keyed provider rules and the generic rule judge values
 * whatever the syntax around them.
 */
export interface Candidate {
  key: string;
  value: string;
  /** Offset of the value in the scanned text. */
  index: number;
  quoted: boolean;
}

// A key, bare or quoted (also as escaped JSON, `\"key\"`), with an optional `]` (PHP/Python
// subscripts) and type annotation (`key: str =`, Go's `var key string =`).
const key = String.raw`(?<![\w.$@-])(?:\\{0,3}["'])?([A-Za-z_$@][\w.$@-]*)(?:\\{0,3}["'])?\]?(?:\s*:\s*[A-Za-z_][\w.<>[\]|]*(?=\s*=[^=>])|\s+(?:string|String|str|&str|\[\]byte|char\s*\*|const\s+char\s*\*)(?=\s*=))?`;
// `=`, `:=` (Go, Makefile), `?=`, `+=`, `.=` (PHP), `::=` and `:::=` (Makefile), `=>` (PHP, Ruby), `<-` (R), `:` (YAML, JSON).
const operator = String.raw`\s*(?::::=|::=|:=|\?=|\+=|\.=|=>|<-|=(?![=~])|:(?![:/]))\s*`;
const quotedValue = String.raw`\\{1,3}"((?:[^"\\\n]|\\(?!\\{0,2}"))*)\\{1,3}"|[@rbuRBUfF$]?"((?:[^"\\\n]|\\.)*)"|[rbuRBU]?'((?:[^'\\\n]|\\.)*)'|\x60([^\x60\n]*)\x60`;
const bareValue = String.raw`([^\s"'\x60,;&<>|]+)`;

const assignment = new RegExp(`${key}${operator}(?:${quotedValue}|${bareValue})`, 'g');
// `setProperty("key", "value")`, `define('KEY', 'value')`, `Setenv("KEY", "value")`, `put("k", "v")`.
const pair = new RegExp(String.raw`\\{0,3}["']([A-Za-z_][\w.-]*)\\{0,3}["']\s*,\s*(?:${quotedValue})`, 'g');
// Dockerfile `ENV KEY value`, C `#define KEY "value"`, `--password value`, `set KEY value`.
const spaced = new RegExp(
  String.raw`(?:^\s*(?:ENV|ARG)\s+|#define\s+|(?:^|\s)--?|^\s*set\s+(?:-x\s+|-gx\s+)?)([A-Za-z_][\w.-]*)\s+(?:${quotedValue}|${bareValue})`,
  'g',
);
// `Authorization: Bearer <token>`, `-H "Authorization: token <token>"`.
const bearer = /\b(bearer|token|basic)\s+([A-Za-z0-9._~+/=-]{16,})/gi;
// XML: `<password>value</password>` (the value may sit on its own line), `<add key="K" value="V"/>`.
const xmlElement = /<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>\s*([^<>\s]{8,})\s*<\/\1>/g;
const xmlKeyValue = /(?:key|name)\s*=\s*"([^"]+)"[^<>]*?\s(?:value|password|secret)\s*=\s*"([^"]*)"/g;
const xmlNamedElement = /<([A-Za-z_][\w:-]*)\s[^<>]*?(?:key|name)\s*=\s*"([^"]+)"[^<>]*>\s*([^<>\s]{8,})\s*<\/\1>/g;
// YAML block scalar: `key: |` (or `>`), the value on the next line.
const yamlBlock = /^([ \t]*)([A-Za-z_][\w.-]*)\s*:\s*[|>][-+]?\s*\r?\n[ \t]+(\S+)\s*$/gm;

/** Languages whose bare words are identifiers and expressions, never literal values. */
const codeFile = /\.(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|cs|php|rb|rs|swift|c|cc|cpp|h|hpp|m|mm|dart|lua|groovy|vue|svelte)$/i;

/** The candidates in one line (`offset`: where the line starts in the text). */
export function lineCandidates(line: string, offset: number, path: string): Candidate[] {
  const found: Candidate[] = [];
  const bare = !codeFile.test(path);
  collect(found, assignment, line, offset, bare);
  // JSON inside a string (`"{\"key\": \"value\"}"`): read once more unescaped, else the outer
  // string swallows the inner pairs; offsets are mapped back to the line.
  if (line.includes('\\"')) {
    const positions: number[] = [];
    let unescaped = '';
    for (let i = 0; i < line.length; i++) {
      if (line[i] === '\\' && /^\\*"/.test(line.slice(i))) continue;
      positions.push(i);
      unescaped += line[i];
    }
    const inner: Candidate[] = [];
    collect(inner, assignment, unescaped, 0, bare);
    for (const candidate of inner) found.push({ ...candidate, index: offset + (positions[candidate.index] ?? 0) });
  }
  // A file inside a string (`"config.ini": "TOKEN=value\nDEBUG=true"`): its escaped line breaks
  // read as breaks. Each escape becomes two spaces, so offsets stay those of the line; its bare
  // values are data, whatever the file's language.
  if (/\\[nrt]/.test(line))
    for (const string of line.matchAll(/"((?:[^"\\]|\\.)*\\[nrt](?:[^"\\]|\\.)*)"/g))
      collect(found, assignment, (string[1] ?? '').replace(/\\[nrt]/g, '  '), offset + (string.index ?? 0) + 1, true);
  if (line.includes(',')) collect(found, pair, line, offset, false);
  if (/^\s*(?:ENV|ARG|set)\s|#define|-/.test(line)) collect(found, spaced, line, offset, bare);
  if (/bearer|token|basic/i.test(line)) {
    for (const match of line.matchAll(bearer)) {
      const value = match[2] ?? '';
      found.push({
        key: `authorization ${match[1]}`,
        value,
        index: offset + (match.index ?? 0) + match[0].length - value.length,
        quoted: true,
      });
    }
  }
  return found;
}

/** Candidates that span lines or need the whole file: XML elements and YAML block scalars. */
export function fileCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  if (/<[A-Za-z]/.test(text)) {
    for (const match of text.matchAll(xmlElement)) push(found, match[1], match[2], text, match, true);
    for (const match of text.matchAll(xmlKeyValue)) push(found, match[1], match[2], text, match, true);
    for (const match of text.matchAll(xmlNamedElement)) push(found, match[2], match[3], text, match, true);
  }
  if (/:\s*[|>]/.test(text)) for (const match of text.matchAll(yamlBlock)) push(found, match[2], match[3], text, match, true);
  return found;
}

function collect(found: Candidate[], pattern: RegExp, line: string, offset: number, bareAllowed: boolean): void {
  for (const match of line.matchAll(pattern)) {
    const name = match[1] ?? '';
    const quoted = match[2] ?? match[3] ?? match[4] ?? match[5];
    const value = quoted ?? match[6];
    if (value === undefined || (quoted === undefined && !bareAllowed)) continue;
    const at = match[0].lastIndexOf(value);
    found.push({
      key: name,
      // A sentence's full stop or colon is not part of a bare value; an ellipsis (a value cut short) stays.
      value: quoted === undefined && !value.endsWith('...') ? value.replace(/[.:]+$/, '') : value,
      index: offset + (match.index ?? 0) + at,
      quoted: quoted !== undefined,
    });
  }
}

function push(
  found: Candidate[],
  name: string | undefined,
  value: string | undefined,
  text: string,
  match: RegExpMatchArray,
  quoted: boolean,
): void {
  if (!name || !value) return;
  found.push({ key: name, value, index: (match.index ?? 0) + match[0].lastIndexOf(value), quoted });
}
