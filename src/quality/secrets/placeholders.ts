/** Documented example credentials that vendors publish on purpose; never a leak. */
const exampleValues = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // Stripe's documentation keys.
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'sk_test_26PHem9AhJZvU623DfE1x4sd',
  'rk_test_4eC39HqLyjWDarjtT1zdp7dc',
  // The sample credentials of RFC 5849 (OAuth 1.0) and RFC 6749 (OAuth 2.0), copied into many docstrings.
  'dpf43f3p2l4k3l03',
  'nnch734d00sl2jdk',
  'hh5s93j4hdidpola',
  'kd94hf93k423kf44',
  'pfkkdhi9sl3r4s00',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  'kkk9d7dh3k39sjv7',
  'dh893hdasih9',
  'j49sk3j29djd',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  'mF_9.B5f-4.1JqM',
  // Flask's documentation keys (docs/config.rst, quickstart.rst, patterns/flashing.rst), copied into many apps' READMEs.
  '192b9bdd22ab9ed4d12e236c78afcb9a393ec15f71bbf5dc987d54727823bcbf',
  '5f352379324c22463451387a0aec5d2f',
  '_5#y2L"F4Q8z\\n\\xec]/',
  // The Firebase SDKs' test and sample project keys (firebase-android-sdk, firebase-js-sdk): public
  // app configs of Google's demo projects, copied into countless sample apps.
  'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
  'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
  'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
  'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
  'AIzayDNSXIbFmlXbIE6mCzDLQAqITYefhixbX4A',
  'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
  'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
  'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
  'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
  'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
  'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
  'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
  'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
  'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
  'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  // jwt.io's sample token.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
]);

const placeholderPatterns: RegExp[] = [
  /\$\{[^}]*\}/, // ${ENV_VAR}
  /\{\{[^}]*\}\}/, // {{ template }}
  /<[^>]+>/, // <your-key>
  /x{5,}|X{5,}|^x{3,}|x{3,}$/,
  /\*{3,}/,
  /#{4,}/, // xoxp-…-####################
  /(?:token|string|key|secret|value|goes|random)[_-]?here$/i, // …-AccessTokenHere, RANDOMSTRINGHERE
  /\.\.\./,
  /changeme|change_me|change-me/i,
  /example|placeholder|dummy|redacted|sample|fake|your[_-]?(?:api|key|token|secret|pass)/i,
  /^(?:password|passwd|secret|token|pass|test|admin|none|null|undefined|todo|qwerty|letmein)[\d!_.-]*$/i,
  /^\$[A-Z_][A-Z0-9_]*$/, // $ENV_VAR
  /^\$\([^)]*\)$/, // $(shell or make)
  /^%\(?[\w.]*\)?s$|^%[A-Z_]+%$/, // %(password)s, %PASSWORD%
  /#\{[^}]*\}/, // #{ruby}
  /^@[A-Za-z_]+@$/, // @MAVEN_FILTER@
  /<%=?[^%]*%>/, // <%= erb %>
  /^(?:process\.env|os\.environ|os\.getenv|env\(|ENV\[|System\.getenv|getenv\()/,
  /^(?:secrets|vars|env|inputs|steps)\.[A-Za-z_]/, // GitHub Actions contexts
  /^(?:insert|enter|put|add|replace)[_-]?(?:your|the|a)?[_-]?/i,
  /^(?:my|your|some|any|test|demo|dev|local)[_-]?(?:secret|password|token|key|pass|api[_-]?key)/i,
  /^(?:true|false|null|nil|none|undefined|empty|required|optional|string|str|int|bool|secret|hidden|masked|redacted|unset)$/i,
];

/** True for documented example keys and for values that obviously stand in for a real one. */
export function isPlaceholder(value: string): boolean {
  if (exampleValues.has(value)) return true;
  if (/EXAMPLE/.test(value)) return true;
  if (placeholderPatterns.some((pattern) => pattern.test(value))) return true;
  // A token made of one to three characters repeated (0000…, abab…) is filler, and so is one
  // that walks the alphabet or the digits (ABCDEFGH…, 12345678…), as hand-made fakes do.
  return new Set(value).size <= 3 || hasSequentialRun(value, 6);
}

/** True when `length` consecutive characters each follow the previous one (a→b, 4→5). */
export function hasSequentialRun(value: string, length: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= length) return true;
  }
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
