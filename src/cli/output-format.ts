import { UsageError } from '../domain/errors.js';

/** How a command prints its result: text for people, or one document on stdout. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown';

/**
 * The one format the flags ask for. Every command that offers formats decides here, so two
 * flags at once, or a format the command does not offer, is the same one-line usage error everywhere.
 */
export function chooseFormat(
  flags: { json?: boolean; sarif?: boolean; markdown?: boolean },
  offered: readonly Exclude<OutputFormat, 'text'>[],
  command: string,
): OutputFormat {
  const asked = (['json', 'sarif', 'markdown'] as const).filter((format) => flags[format]);
  const list = offered.map((format) => `--${format}`).join(', ');
  if (asked.length > 1) throw new UsageError(`choose one of ${list}`);
  const format = asked[0];
  if (!format) return 'text';
  if (!offered.includes(format)) throw new UsageError(`${command}: --${format} is not offered (choose one of ${list})`);
  return format;
}

/** Prints `result` in `format` with the reporter `map` holds for it (chooseFormat offered only those). */
export async function render<R>(
  map: { [F in OutputFormat]?: () => Promise<(result: R, options: { color: boolean }) => string> },
  format: OutputFormat,
  result: R,
  color: boolean,
): Promise<string> {
  const load = map[format];
  if (!load) throw new Error(`no ${format} reporter`);
  return (await load())(result, { color });
}
