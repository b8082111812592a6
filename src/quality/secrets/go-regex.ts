/**
 * Gitleaks rules are Go (RE2) regexes. The differences that matter in practice are translated:
 * inline flags (`(?i)`, `(?s)`, `(?i:…)`), named groups `(?P<name>…)`, `\A`/`\z`, and POSIX
 * classes (`[[:alnum:]]`). Inline flags apply to the whole pattern here (JavaScript has no scoped flags in Node 20).
 */
const posix: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  digit: '0-9',
  lower: 'a-z',
  upper: 'A-Z',
  space: '\\s',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
  punct: '!-/:-@\\[-`{-~',
};

/** A global JavaScript RegExp for a Go regex; throws SyntaxError when it is invalid. */
export function goRegex(source: string): RegExp {
  const flags = new Set<string>(['g']);
  let js = source.replace(/\(\?([imsU]+)\)/g, (_, f: string) => {
    for (const flag of f) if (flag !== 'U') flags.add(flag);
    return '';
  });
  js = js.replace(/\(\?([imsU]+):/g, (_, f: string) => {
    for (const flag of f) if (flag !== 'U') flags.add(flag);
    return '(?:';
  });
  js = js
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(\w+):\]/g, (whole, name: string) => posix[name] ?? whole);
  return new RegExp(js, [...flags].join(''));
}
