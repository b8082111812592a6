import { runProcess } from '../../adapters/process-runner.js';
import type { ProjectFileReader } from '../../adapters/project-files.js';
import type { Finding } from '../../domain/findings.js';
import { qualityFinding } from '../quality-finding.js';
import type { CheckContext, Checker, CheckOutcome, TextFixer } from '../types.js';
import { biomeFindings } from './biome-output.js';
import { biomeConfigFiles, findBiome } from './biome-tools.js';
import { configKey } from './config-key.js';
import { firstDifferentLine } from './prettier-checker.js';
import { batchedFixer, rewriteInShadow } from './shadow-rewrite.js';
import { withShadowCopy } from './shadow-copy.js';

const lintable = /\.(?:[cm]?[jt]sx?)$/;
const formattable = /\.(?:[cm]?[jt]sx?|jsonc?|css|graphql|gql)$/;

/** Paths per Biome process, far under the OS argument limit. */
const CHUNK = 500;

/**
 * Linting by the project's Biome (it has a `biome.json`): `biome lint --reporter=json` on a
 * shadow copy of exactly the judged content (the staged blobs for `--staged`) with the project's
 * Biome config from the same source. Rules keep Biome's names (`lint/suspicious/noDebugger`).
 */
export const biomeLintChecker: Checker = {
  name: 'biome-lint',
  engine: 'biome',
  dimension: 'format',
  appliesTo: (path) => lintable.test(path) && !path.endsWith('.d.ts'),
  cacheKey: async (context) => configKey(context.root, [], [findBiome(context.root).version, await readConfigs(context.readProjectFile)]),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const texts = await readAll(context);
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    const shadow = new Map(texts);
    for (const [name, text] of await readConfigs(context.readProjectFile)) if (!shadow.has(name)) shadow.set(name, text);
    await withShadowCopy(context.root, shadow, async (dir) => {
      const paths = [...texts.keys()];
      for (let i = 0; i < paths.length; i += CHUNK) {
        const stdout = await runBiome(context, dir, ['lint'], paths.slice(i, i + CHUNK));
        const mapped = biomeFindings(stdout, texts);
        findings.push(...mapped.findings);
        for (const id of mapped.fixable) fixable.add(id);
      }
    });
    return { findings, fixable };
  },
};

/**
 * Formatting by the project's Biome, when it is the project's formatter (no Prettier or oxfmt
 * config: see project-engines.ts). `biome format --write` rewrites a shadow copy; a file that
 * comes back different is unformatted, and that text is its `--fix`.
 */
export const biomeFormatChecker: Checker = {
  name: 'biome-format',
  engine: 'biome',
  dimension: 'format',
  formatter: true,
  appliesTo: (path) => formattable.test(path),
  cacheKey: async (context) => configKey(context.root, [], [findBiome(context.root).version, await readConfigs(context.readProjectFile)]),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    const texts = await readAll(context);
    const formatted = await formatAll(context, texts);
    const findings: Finding[] = [];
    const fixable = new Set<string>();
    for (const [path, text] of texts) {
      const after = formatted.get(path) ?? text;
      if (after === text) continue;
      const finding = qualityFinding({
        check: 'biome-format',
        rule: 'format',
        severity: 'warning',
        file: path,
        line: firstDifferentLine(text, after),
        column: 1,
        message: 'not formatted as Biome would (run `br-guard quality check --fix`)',
        key: 'format',
      });
      fixable.add(finding.fingerprint);
      findings.push(finding);
    }
    return { findings, fixable };
  },
  fixer: async (context): Promise<TextFixer> => {
    findBiome(context.root); // Not installed: no fixer (the check says why).
    return batchedFixer((files) => formatAll(context, files));
  },
};

/** The texts Biome formats `files` to; a file it cannot parse comes back as it was. */
async function formatAll(context: Omit<CheckContext, 'files'>, files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const configs = new Map(await readConfigs(context.readProjectFile));
  return rewriteInShadow(context.root, files, configs, async (dir, paths) => {
    for (let i = 0; i < paths.length; i += CHUNK) await runBiome(context, dir, ['format', '--write'], paths.slice(i, i + CHUNK));
  });
}

/**
 * Runs Biome in `dir` with the JSON reporter; its stdout. Exit 1 means diagnostics were found; a
 * run without its JSON summary (a broken biome.json) is Biome failing, never a pass.
 */
async function runBiome(context: Omit<CheckContext, 'files'>, dir: string, command: string[], paths: string[]): Promise<string> {
  const biome = findBiome(context.root);
  const result = await runProcess(
    biome.bin,
    [...biome.prefix, ...command, '--reporter=json', '--colors=off', '--no-errors-on-unmatched', '--', ...paths],
    { cwd: dir, timeoutMs: context.loaded.config.quality.timeoutMs },
  );
  if ((result.code === 0 || result.code === 1) && result.stdout.includes('{"summary"')) return result.stdout;
  const why = (result.stderr || result.stdout).split('\n').find((line) => /×|error/i.test(line)) ?? 'no report';
  throw new Error(`biome ${command[0]} failed: ${why.replace(/^\s*×\s*/, '').trim()}`);
}

async function readAll(context: CheckContext): Promise<Map<string, string>> {
  return new Map(await Promise.all(context.files.map(async (file) => [file.path, await file.read()] as const)));
}

async function readConfigs(readProjectFile: ProjectFileReader): Promise<[string, string][]> {
  const read = await Promise.all(biomeConfigFiles.map(async (name) => [name, await readProjectFile(name)] as const));
  return read.filter((entry): entry is [string, string] => entry[1] !== null);
}
