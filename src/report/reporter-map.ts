/** Renders one system's result in one format; pure, from the result to text. */
export type Render<R> = (result: R, options: { color: boolean }) => string;

export type DocumentFormat = 'json' | 'sarif' | 'markdown';

/**
 * A system's reporters keyed by format, each module loaded only when its format is asked for.
 * Text is always offered; a command offers the document formats its map has.
 */
export type ReporterMap<R> = { text: () => Promise<Render<R>> } & Partial<Record<DocumentFormat, () => Promise<Render<R>>>>;

/** The JSON reporter every system shares: its result as it is, the contract's shape. */
export const jsonReporter = async (): Promise<Render<unknown>> => (result) => JSON.stringify(result, null, 2);

/** The document formats `map` offers, for the usage error that names them. */
export function offeredFormats<R>(map: ReporterMap<R>): DocumentFormat[] {
  return (['json', 'sarif', 'markdown'] as const).filter((format) => map[format] !== undefined);
}
