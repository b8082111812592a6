/** An import as written in a file, before resolution. */
export interface RawImport {
  specifier: string;
  line: number;
  /** `import type` / `export type ... from`: erased at run time, so it cannot form a run-time cycle. */
  typeOnly: boolean;
  /** Python `from X import a, b`: the imported names, which may be submodules of X. */
  names?: string[];
}
