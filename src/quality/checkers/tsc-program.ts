import { join } from 'node:path';
import type ts from 'typescript';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';

type TS = typeof ts;

/** What the type check needs; plain data, so it can cross into a worker thread. */
export interface TscInput {
  root: string;
  cacheDir: string;
  /** The whole repository is in scope: record every affected file in the build info. */
  all: boolean;
  /** Files to report on; `text` is their staged content (null: read from disk). */
  files: Array<{ path: string; text: string | null }>;
}

/**
 * The TypeScript compiler API on the project's tsconfig, always in strict mode (the seed asks for
 * strict type checking), incremental with its build info under `.buildrunner/cache/quality/`.
 * Staged content is served by the compiler host in place of the work-tree files.
 */
export async function checkTypes(input: TscInput): Promise<Finding[]> {
  const tsApi = await loadTypeScript(input.root);
  const program = createProgram(tsApi, input, join(input.root, 'tsconfig.json'));
  const findings: Finding[] = [];
  const global = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const diagnostic of global) findings.push(toFinding(tsApi, diagnostic, input.root));
  if (input.all) {
    // Walking the affected files is what records their results in the build info; asking
    // per file alone would leave them "changed" and re-checked on every run.
    while (program.getSemanticDiagnosticsOfNextAffectedFile()) {
      // Each call checks one affected file; the loop ends when none is left.
    }
  }
  for (const file of input.files) {
    const source = program.getSourceFile(join(input.root, file.path));
    if (!source) continue; // Not part of the tsconfig's program.
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      findings.push(toFinding(tsApi, diagnostic, input.root));
    }
  }
  program.emit(); // With noEmit this writes only the build info, for the next run.
  return findings;
}

/**
 * The project's TypeScript, else br-guard's, compiled through V8's code cache (see code-cache.ts).
 * `require`, not `import()`: TypeScript is one 9 MB CommonJS file, and importing it from ESM
 * first runs Node's CommonJS export scanner over all of it.
 */
async function loadTypeScript(root: string): Promise<TS> {
  return (await import('../../adapters/code-cache.js')).requireProjectTypeScript<TS>(root);
}

function createProgram(tsApi: TS, input: TscInput, configPath: string): ts.EmitAndSemanticDiagnosticsBuilderProgram {
  const read = tsApi.readConfigFile(configPath, (path) => tsApi.sys.readFile(path));
  const parsed = tsApi.parseJsonConfigFileContent(read.config ?? {}, tsApi.sys, input.root, undefined, configPath);
  const staged = new Map(
    input.files.filter((file) => file.text !== null).map((file) => [join(input.root, file.path), file.text as string]),
  );
  const options: ts.CompilerOptions = {
    ...parsed.options,
    strict: true,
    noEmit: true,
    incremental: true,
    composite: false,
    declaration: false,
    emitDeclarationOnly: false,
    tsBuildInfoFile: join(input.cacheDir, staged.size ? 'tsc-staged.tsbuildinfo' : 'tsc.tsbuildinfo'),
  };
  const host = tsApi.createIncrementalCompilerHost(options);
  if (staged.size) {
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => staged.get(name) ?? readFile(name);
    host.fileExists = (name) => staged.has(name) || fileExists(name);
  }
  return tsApi.createIncrementalProgram<ts.EmitAndSemanticDiagnosticsBuilderProgram>({
    rootNames: parsed.fileNames,
    options,
    host,
    configFileParsingDiagnostics: parsed.errors,
  });
}

function toFinding(tsApi: TS, diagnostic: ts.Diagnostic, root: string): Finding {
  const message = tsApi.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0] ?? '';
  let file: string | null = null;
  let line: number | null = null;
  let column: number | null = null;
  let key = message;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    file = diagnostic.file.fileName.startsWith(`${root}/`) ? diagnostic.file.fileName.slice(root.length + 1) : diagnostic.file.fileName;
    line = position.line + 1;
    column = position.character + 1;
    key = `${diagnostic.file.text.split('\n')[position.line]?.trim() ?? ''}\0${message}`;
  }
  const severity =
    diagnostic.category === tsApi.DiagnosticCategory.Error
      ? 'error'
      : diagnostic.category === tsApi.DiagnosticCategory.Warning
        ? 'warning'
        : 'info';
  return qualityFinding({ check: 'tsc', rule: `TS${diagnostic.code}`, severity, file, line, column, message, key });
}
