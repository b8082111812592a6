// Passport strategies are wired by name, not by import: `@UseGuards(AuthGuard('google'))` on a
// handler runs the class declared `extends PassportStrategy(Strategy, 'google')` elsewhere (NestJS),
// as `passport.authenticate('google')` runs `passport.use('google', …)` (Express). A handler that
// needs a strategy depends on the file that provides it, though nothing imports that file.

/** The prefix that keeps a strategy name apart from identifiers in a body's `requires`. */
export const PASSPORT = 'passport:';

const PROVIDES = [/\bPassportStrategy\(\s*[\w$.]+\s*,\s*['"`]([\w-]+)['"`]/g, /\bpassport\.use\(\s*['"`]([\w-]+)['"`]/g];
const REQUIRES = [/\bAuthGuard\(\s*['"`]([\w-]+)['"`]/g, /\bpassport\.authenticate\(\s*['"`]([\w-]+)['"`]/g];

/** Strategy names a text declares (`passport:google`). */
export function providedStrategies(text: string): string[] {
  return namesOf(text, PROVIDES);
}

/** Strategy names a text asks for (`passport:jwt-refresh`). */
export function requiredStrategies(text: string): string[] {
  return namesOf(text, REQUIRES);
}

function namesOf(text: string, patterns: readonly RegExp[]): string[] {
  const names = new Set<string>();
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) names.add(`${PASSPORT}${match[1] as string}`);
  return [...names];
}
