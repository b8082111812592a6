/** Which import parser and resolver a file needs, by extension; null for files without imports we read. */
export type SourceLanguage = 'js' | 'py';

const jsExtension = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const pyExtension = /\.pyi?$/;

export function sourceLanguage(path: string): SourceLanguage | null {
  if (jsExtension.test(path)) return 'js';
  if (pyExtension.test(path)) return 'py';
  return null;
}
