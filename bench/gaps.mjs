#!/usr/bin/env node
// Gap analysis on generated TS+Python codebases (1,000 and 10,000 files) in a temporary git
// repository, through the built CLI: a cold run (no cache) and a warm run (nothing changed).
// Anchors (issue 4): cold < 5 s for 10,000 files, warm < 1 s; target (issue 13): cold <= 1.5 s.
//   node bench/gaps.mjs [--sizes 1000,10000] [--keep]   (CLI from env BR_GUARD_CLI, default dist/src/cli/main.js)
// With BR_GUARD_CLI_BASE (another build, e.g. the one before a change), the cold runs of both
// CLIs are interleaved and the ratio current/base is printed, with a check that both found the same.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const cli = resolve(process.env.BR_GUARD_CLI ?? 'dist/src/cli/main.js');
const sizesArg = process.argv.indexOf('--sizes');
const sizes = sizesArg > 0 ? process.argv[sizesArg + 1].split(',').map(Number) : [1000, 10000];
// --keep: leave the generated repository (and say where) to profile a run by hand.
const keep = process.argv.includes('--keep');
const base = process.env.BR_GUARD_CLI_BASE ? resolve(process.env.BR_GUARD_CLI_BASE) : null;
const COLD_ANCHOR_MS = 5000;
const COLD_TARGET_MS = 1500;
const WARM_ANCHOR_MS = 1000;

function tsRoute(i) {
  return `import { Router } from 'express';
import { load${i}, save${i} } from '../services/service-${i}';

export const router${i} = Router();

router${i}.get('/resource-${i}', async (req, res) => {
  res.json(await load${i}(String(req.query.id ?? '')));
});

router${i}.post('/resource-${i}/:id', async (req, res) => {
  res.status(201).json(await save${i}(req.params.id, req.body));
});
`;
}

function tsService(i) {
  return `export interface Record${i} {
  id: string;
  value: number;
}

const store${i} = new Map<string, Record${i}>();

/** Loads one record of kind ${i}. */
export async function load${i}(id: string): Promise<Record${i} | undefined> {
  return store${i}.get(id);
}

export async function save${i}(id: string, input: Partial<Record${i}>): Promise<Record${i}> {
  const record = { id, value: input.value ?? ${i} };
  store${i}.set(id, record);
  return record;
}
${i % 25 === 0 ? '// TODO: evict old records\n' : ''}`;
}

function tsClient(i) {
  return `import { api } from './api';

export async function fetchResource${i}(id: string) {
  const response = await fetch(\`/api/resource-${i}?id=\${id}\`);
  return response.json();
}

export async function saveResource${i}(id: string, value: number) {
  return api.post(\`/resource-${i}/\${id}\`, { value });
}
`;
}

function pyRouter(i) {
  return `from fastapi import APIRouter

from ..services.service_${i} import load, save

router = APIRouter(prefix="/py-${i}")


@router.get("/{item_id}")
def get_item(item_id: int) -> dict:
    return load(item_id)


@router.put("/{item_id}")
def put_item(item_id: int, value: int) -> dict:
    return save(item_id, value)
`;
}

function pyService(i) {
  return `STORE: dict[int, dict] = {}


def load(item_id: int) -> dict:
    """Loads item ${i}."""
    return STORE.get(item_id, {})


def save(item_id: int, value: int) -> dict:
    STORE[item_id] = {"id": item_id, "value": value}
    return STORE[item_id]
${i % 40 === 0 ? '\n\ndef later() -> None:\n    raise NotImplementedError\n' : ''}`;
}

function generate(root, files) {
  const write = (path, content) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  // Five kinds of module; each group of five files is one slice of the app.
  const groups = Math.floor(files / 5);
  const mounts = [];
  for (let i = 0; i < groups; i++) {
    write(`server/routes/route-${i}.ts`, tsRoute(i));
    write(`server/services/service-${i}.ts`, tsService(i));
    write(`web/src/clients/client-${i}.ts`, tsClient(i));
    write(`py/app/routers/router_${i}.py`, pyRouter(i));
    write(`py/app/services/service_${i}.py`, pyService(i));
    mounts.push(`import { router${i} } from './routes/route-${i}';\napp.use('/api', router${i});`);
  }
  write('server/app.ts', `import express from 'express';\nexport const app = express();\n${mounts.join('\n')}\n`);
  write('web/src/clients/api.ts', `import axios from 'axios';\nexport const api = axios.create({ baseURL: '/api' });\n`);
  write('py/app/main.py', `from fastapi import FastAPI\n\napp = FastAPI()\n`);
  write(
    'PROJECT_SPEC.md',
    `# PROJECT_SPEC: Generated\n\n## Features\n\n### Feature: Resources\n\n**Requirements:**\n- Resource service for loading records\n- Resource client\n\n**Files:**\n- server/app.ts\n- web/src/clients/api.ts\n\n**Acceptance Criteria:**\n- Loads a record\n`,
  );
}

function git(root, ...args) {
  return execFileSync('git', args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' },
  });
}

// CPU seconds (user + system, all threads) say more than wall time on a shared, loaded machine.
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function run(root, using = cli) {
  const started = performance.now();
  const command = timeBin
    ? [timeBin, ['-f', 'cpu %U %S', process.execPath, using, 'gaps', '--json']]
    : [process.execPath, [using, 'gaps', '--json']];
  const result = spawnSync(command[0], command[1], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`gaps failed (${result.status}): ${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, report: JSON.parse(result.stdout) };
}

const cpuText = (run) => (run.cpuMs === null ? '' : `, ${run.cpuMs.toFixed(0)} ms CPU`);

for (const size of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'br-guard-bench-gaps-'));
  try {
    generate(root, size);
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'generated');
    // Cold three times (the cache removed before each), median reported: one run on 2 shared cores swings.
    const colds = [];
    const baseColds = [];
    for (let i = 0; i < 3; i++) {
      if (base) {
        rmSync(join(root, '.buildrunner', 'cache'), { recursive: true, force: true });
        baseColds.push(run(root, base));
      }
      rmSync(join(root, '.buildrunner', 'cache'), { recursive: true, force: true });
      colds.push(run(root));
    }
    const median = (runs) => [...runs].sort((a, b) => a.ms - b.ms)[1];
    const cold = median(colds);
    const warm = run(root);
    const files = cold.report.stats.scanned;
    console.log(
      `${size} files: ${files} scanned, ${cold.report.endpoints.length} endpoints, ${cold.report.calls.length} calls, ${cold.report.gaps.length} gaps`,
    );
    console.log(
      `  cold ${cold.ms.toFixed(0)} ms, median of [${colds.map((c) => c.ms.toFixed(0)).join(', ')}] (${Math.round(files / (cold.ms / 1000))} files/s${cpuText(cold)}), anchor < ${COLD_ANCHOR_MS} ms: ratio ${(cold.ms / COLD_ANCHOR_MS).toFixed(2)}; target <= ${COLD_TARGET_MS} ms: ${cold.ms <= COLD_TARGET_MS ? 'met' : 'MISSED'}`,
    );
    if (base) {
      const baseCold = median(baseColds);
      const same = ['endpoints', 'calls', 'gaps', 'items'].every(
        (key) => JSON.stringify(baseCold.report[key]) === JSON.stringify(cold.report[key]),
      );
      console.log(
        `  base cold ${baseCold.ms.toFixed(0)} ms, median of [${baseColds.map((c) => c.ms.toFixed(0)).join(', ')}]${cpuText(baseCold)}; ratio current/base ${(cold.ms / baseCold.ms).toFixed(2)}${baseCold.cpuMs && cold.cpuMs ? ` (CPU ${(cold.cpuMs / baseCold.cpuMs).toFixed(2)})` : ''}; same endpoints, calls, gaps and items: ${same ? 'yes' : 'NO'}`,
      );
    }
    console.log(
      `  warm ${warm.ms.toFixed(0)} ms (${Math.round(files / (warm.ms / 1000))} files/s${cpuText(warm)}), anchor < ${WARM_ANCHOR_MS} ms: ratio ${(warm.ms / WARM_ANCHOR_MS).toFixed(2)}`,
    );
    // One changed file: the report cache misses, the scan cache serves every other file.
    writeFileSync(join(root, 'server/services/service-0.ts'), `${tsService(0)}\nexport const touched = 1;\n`);
    const edited = run(root);
    console.log(`  one file changed ${edited.ms.toFixed(0)} ms (${edited.report.stats.parsed} parsed${cpuText(edited)})`);
    console.log(
      `  load average during the run: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores`,
    );
    if (warm.report.stats.parsed !== 0) console.log(`  warning: the warm run parsed ${warm.report.stats.parsed} files`);
  } finally {
    if (keep) console.log(`  repository kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
