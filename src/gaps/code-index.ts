import type { FileScan } from './scanner/types.js';
import type { Endpoint } from './scanner/link-endpoints.js';
import { identifierStems } from './words.js';
import { buildRetrievalIndex, type RetrievalDoc, type RetrievalIndex } from './retrieval.js';

/** Something in the code a spec item can match: a symbol, a file, a CLI command or a test. */
export interface Candidate {
  label: string;
  kind: 'symbol' | 'file' | 'command' | 'test';
  file: string;
  line: number;
  stems: Set<string>;
}

/** Everything the matcher looks things up in, built once per run. */
export interface CodeIndex {
  /** Every file of the repository that gap analysis considers (not only code). */
  files: string[];
  scans: Map<string, FileScan>;
  endpoints: Endpoint[];
  /** Symbols, files and commands: what requirements match against. */
  candidates: Candidate[];
  /** Tests (with their describe blocks and file names): what acceptance criteria match against. */
  tests: Candidate[];
  /** Exact symbol names → where they are declared, for identifiers written in backticks. */
  symbols: Map<string, Candidate>;
  /** Ranked retrieval over definitions, files, commands and tests (built on first use). */
  readonly retrieval: RetrievalIndex;
  /** Term → the documents that hold it, per pool (built on first use). */
  postings(pool: 'code' | 'tests', term: string): readonly RetrievalDoc[];
}

const PATH_NOISE = new Set(['src', 'lib', 'index', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'py', 'init', 'main', 'test', 'tests', 'spec']);

/** Stems of a file path without its extension and folder noise (`src`, `index`, `__init__`). */
export function pathStems(path: string): Set<string> {
  const stems = identifierStems(path.replace(/\.[^./]+$/, ''));
  for (const noise of PATH_NOISE) stems.delete(noise);
  return stems;
}

/** `specText`: the prose of the spec's items, whose words help split run-together names (retrieval.ts). */
export function buildCodeIndex(files: readonly string[], scans: readonly FileScan[], endpoints: Endpoint[], specText = ''): CodeIndex {
  const candidates: Candidate[] = [];
  const tests: Candidate[] = [];
  const symbols = new Map<string, Candidate>();
  for (const file of files) candidates.push({ label: file, kind: 'file', file, line: 1, stems: pathStems(file) });
  for (const scan of scans) {
    const testFileStems = pathStems(scan.path.split('/').pop() ?? scan.path);
    for (const symbol of scan.symbols) {
      const candidate: Candidate = {
        label: symbol.container ? `${symbol.container}.${symbol.name}` : symbol.name,
        kind: 'symbol',
        file: scan.path,
        line: symbol.line,
        stems: identifierStems(symbol.name),
      };
      candidates.push(candidate);
      if (!symbols.has(symbol.name)) symbols.set(symbol.name, candidate);
      if (symbol.container && !symbols.has(candidate.label)) symbols.set(candidate.label, candidate);
    }
    for (const command of scan.commands) {
      candidates.push({
        label: `command ${command.name}`,
        kind: 'command',
        file: scan.path,
        line: command.line,
        stems: new Set([...identifierStems(command.name), 'command', 'cli']),
      });
    }
    for (const test of scan.tests) {
      // A describe block is context for its tests, not a test: its words reach them as parents.
      if (test.group && scan.tests.some((other) => other.parents.includes(test.name))) continue;
      const stems = identifierStems([...test.parents, test.name].join(' '));
      for (const stemmed of testFileStems) stems.add(stemmed);
      stems.delete('test');
      tests.push({ label: [...test.parents, test.name].join(' › '), kind: 'test', file: scan.path, line: test.line, stems });
    }
  }
  const scanMap = new Map(scans.map((scan) => [scan.path, scan]));
  let retrieval: RetrievalIndex | null = null;
  const index: CodeIndex = {
    files: [...files],
    scans: scanMap,
    endpoints,
    candidates,
    tests,
    symbols,
    get retrieval(): RetrievalIndex {
      retrieval ??= buildRetrievalIndex(scanMap.values(), specText);
      return retrieval;
    },
    postings(pool, term) {
      return index.retrieval.postings[pool].get(term) ?? [];
    },
  };
  return index;
}
