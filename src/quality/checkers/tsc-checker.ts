import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeJsonAtomic } from '../../adapters/file-system.js';
import type { Finding } from '../../domain/findings.js';
import type { CheckContext, Checker, CheckOutcome } from '../types.js';
import { configKey } from './config-key.js';
import { dependenciesNotInstalled } from './installed-dependencies.js';
import { findNativeTsc } from './native-tsc.js';
import { runNativeTsc } from './native-tsc-run.js';
import type { TscInput } from './tsc-program.js';

/**
 * Type checking with the TypeScript compiler API (see tsc-program.ts). The compiler is
 * synchronous and the slowest check, so it runs in a worker thread: the other checks proceed on
 * the main thread meanwhile instead of waiting for it.
 */
export const tscChecker: Checker = {
  name: 'tsc',
  dimension: 'types',
  appliesTo: (path) => /\.[cm]?tsx?$/.test(path),
  run: async (context: CheckContext): Promise<CheckOutcome> => {
    if (!existsSync(join(context.root, 'tsconfig.json'))) {
      return { findings: [], skipped: 'no tsconfig.json at the repository root (create one: npx tsc --init)' };
    }
    const notInstalled = dependenciesNotInstalled(context.root);
    if (notInstalled) return { findings: [], skipped: notInstalled };
    // TypeScript 7 has no compiler API: its binary runs (on a shadow copy of the index for --staged).
    const native = findNativeTsc(context.root);
    const usable = native && (!context.staged || context.readProjectFile.where.startsWith('the index'));
    const check = usable ? () => runNativeTsc(context, native) : null;
    const input: TscInput = {
      root: context.root,
      cacheDir: context.cacheDir,
      all: context.all,
      files: await Promise.all(context.files.map(async (file) => ({ path: file.path, text: context.staged ? await file.read() : null }))),
    };
    const engine = usable ? `${native.name} ${native.version} (${native.where})` : null;
    const note = engine ? `type-checked by ${engine}` : undefined;
    const ran = usable ? native.name : undefined;
    if (!context.all) return { findings: await (check ? check() : inWorker(input)), note, engine: ran };
    // For the whole repository, an unchanged set of sources means unchanged diagnostics: skip
    // even building the program (which parses every file, build info or not).
    const key = `${engine ?? 'api'}\0${await wholeProgramKey(context)}`;
    const memo = join(context.cacheDir, 'results-tsc.json');
    try {
      const cached = JSON.parse(await readFile(memo, 'utf8')) as { key: string; findings: Finding[] };
      if (cached.key === key) return { findings: cached.findings, note, engine: ran };
    } catch {
      // No memo yet.
    }
    const findings = await (check ? check() : inWorker(input));
    await writeJsonAtomic(memo, { key, findings }).catch(() => undefined);
    return { findings, note, engine: ran };
  },
};

/** Every checked source, the tsconfig and the lockfile (dependency types) in one hash. */
async function wholeProgramKey(context: CheckContext): Promise<string> {
  const hash = createHash('sha1').update(
    await configKey(context.root, ['tsconfig.json', 'package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']),
  );
  for (const file of context.files) hash.update(`\0${file.path}\0`).update(await file.read());
  return hash.digest('hex');
}

function inWorker(input: TscInput): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./tsc-worker.js', import.meta.url), { workerData: input });
    worker.once('message', (message: { findings?: Finding[]; error?: string }) => {
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.findings ?? []);
    });
    worker.once('error', reject);
  });
}
