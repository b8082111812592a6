#!/usr/bin/env node
// The library half of issue 11's bench: for each library truth in bench/realworld/*.json, extract
// the pinned commit from its mirror (BR_GUARD_MIRRORS, default /work/.mirror), copy our spec in as
// PROJECT_SPEC.md, run `br-guard gaps --json` on the intact repo, then for every removal variant of
// every requirement (delete a file, a symbol, a block; and a stub of the first symbol) run it again
// in the same work tree (as a user would: the manifest remembers the intact run's evidence) and
// count the variant as detected when the requirement's own item is worse than on the intact repo.
//   node bench/realworld-requirements.mjs [--only SLUG] [--json] [--cli PATH/TO/main.js] [--no-memory]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const cli = resolve(value('--cli') ?? join(root, 'dist/src/cli/main.js'));
const mirrors = process.env.BR_GUARD_MIRRORS ?? '/work/.mirror';
const only = value('--only');
const memory = !flag('--no-memory');
const work = join(process.env.TMPDIR ?? '/tmp', `br-guard-rw-req-${process.pid}`);

const RANK = { done: 2, partial: 1, missing: 0 };

function git(cwd, ...argv) {
  return execFileSync('git', argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function gaps(dir) {
  const run = spawnSync(process.execPath, [cli, 'gaps', '--json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`gaps failed in ${dir}: ${run.stderr.slice(0, 400)}`);
  return JSON.parse(run.stdout);
}

function mirrorOf(repo) {
  const candidates = [join(mirrors, repo.replace('/', '+'), 'repo'), join(mirrors, repo.replace('/', '+'))];
  return candidates.find((dir) => existsSync(join(dir, 'HEAD')));
}

/** Lines [start, end] (1-based) of a top-level or class-level function/class/const named `symbol`. */
function symbolSpan(text, symbol, python) {
  const lines = text.split('\n');
  const esc = symbol.replace(/[$]/g, '\\$');
  const start = lines.findIndex((line) =>
    python
      ? new RegExp(`^\\s*(?:async\\s+)?(?:def|class)\\s+${esc}\\b`).test(line)
      : new RegExp(
          `^\\s*(?:export\\s+)?(?:default\\s+)?(?:(?:async\\s+)?function\\*?\\s+${esc}\\b|(?:const|let|var|class)\\s+${esc}\\b|(?:static\\s+)?(?:async\\s+)?${esc}\\s*\\()`,
        ).test(line),
  );
  if (start === -1) return null;
  const indent = (line) => line.length - line.trimStart().length;
  if (python) {
    let i = start;
    // decorators above belong to it
    let first = start;
    while (first > 0 && /^\s*@/.test(lines[first - 1])) first--;
    // the signature may span lines: skip to the line ending with ':'
    while (i < lines.length && !/:\s*(#.*)?$/.test(lines[i])) i++;
    let end = i;
    for (let j = i + 1; j < lines.length; j++) {
      if (lines[j].trim() === '') continue;
      if (indent(lines[j]) <= indent(lines[start])) break;
      end = j;
    }
    return [first + 1, end + 1];
  }
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length; i++) {
    for (const ch of lines[i].replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$/, '')) {
      if (ch === '{' || ch === '(' || ch === '[') {
        depth++;
        opened = true;
      } else if (ch === '}' || ch === ')' || ch === ']') depth--;
    }
    if (opened && depth <= 0) return [start + 1, i + 1];
  }
  return [start + 1, lines.length];
}

/** Applies one removal variant to the work tree; returns a description, or null when it cannot be applied. */
function applyVariant(dir, variant, kind) {
  const path = join(dir, variant.file);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const python = variant.file.endsWith('.py');
  if (kind === 'stub') {
    const span = symbolSpan(text, variant.symbol, python);
    if (!span) return null;
    const lines = text.split('\n');
    const head = lines[span[0] - 1];
    const pad = ' '.repeat(head.length - head.trimStart().length);
    if (python) {
      let sig = span[0] - 1;
      while (sig < span[1] && !/:\s*(#.*)?$/.test(lines[sig])) sig++;
      const body = [`${pad}    raise NotImplementedError`];
      lines.splice(sig + 1, span[1] - sig - 1, ...body);
    } else {
      const open = lines.slice(span[0] - 1, span[1]).findIndex((line) => /=>\s*\{\s*$|\)\s*\{\s*$|\{\s*$/.test(line));
      if (open === -1) return null;
      const at = span[0] - 1 + open;
      lines.splice(at + 1, span[1] - at - 2, `${pad}  throw new Error('not implemented')`);
    }
    writeFileSync(path, lines.join('\n'));
    return `stub ${variant.file}:${variant.symbol}`;
  }
  if (variant.lines) {
    const lines = text.split('\n');
    lines.splice(variant.lines[0] - 1, variant.lines[1] - variant.lines[0] + 1);
    writeFileSync(path, lines.join('\n'));
    return `block ${variant.file}:${variant.lines.join('-')}`;
  }
  if (variant.symbol) {
    const span = symbolSpan(text, variant.symbol, python);
    if (!span) return null;
    const lines = text.split('\n');
    lines.splice(span[0] - 1, span[1] - span[0] + 1);
    writeFileSync(path, lines.join('\n'));
    return `symbol ${variant.file}:${variant.symbol}`;
  }
  unlinkSync(path);
  return `file ${variant.file}`;
}

function restore(dir, file) {
  git(dir, 'checkout', 'HEAD', '--', file);
}

const results = [];
const truths = readdirSync(join(root, 'bench/realworld'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ slug: name.replace(/\.json$/, ''), ...JSON.parse(readFileSync(join(root, 'bench/realworld', name), 'utf8')) }))
  .filter((truth) => truth.kind === 'library' && (!only || truth.slug === only));
mkdirSync(work, { recursive: true });
try {
  for (const truth of truths) {
    const mirror = mirrorOf(truth.repo);
    if (!mirror) {
      results.push({ slug: truth.slug, skipped: 'mirror absent' });
      continue;
    }
    const dir = join(work, truth.slug);
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', 'git --git-dir="$1" archive "$2" | tar -x -C "$3"', 'sh', mirror, truth.commit, dir]);
    writeFileSync(join(dir, 'PROJECT_SPEC.md'), readFileSync(join(root, 'bench/realworld', truth.spec), 'utf8'));
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, '-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-qm', 'intact', '--no-verify');
    const run = (d) => gaps(d);
    const intact = run(dir);
    const judged = intact.items.filter((item) => item.kind !== 'file');
    const notDone = judged.filter((item) => item.status !== 'done');
    const variants = [];
    for (const requirement of truth.requirements) {
      const item = intact.items.find((candidate) => candidate.kind === 'requirement' && candidate.text === requirement.text);
      if (!item) {
        variants.push({ requirement: requirement.text, variant: 'n/a', detected: false, note: 'item not in report' });
        continue;
      }
      const kinds = [...requirement.remove.map((variant) => ({ variant, kind: 'remove' }))];
      const firstSymbol = requirement.remove.find((variant) => variant.symbol);
      if (firstSymbol) kinds.push({ variant: firstSymbol, kind: 'stub' });
      for (const { variant, kind } of kinds) {
        const what = applyVariant(dir, variant, kind);
        if (!what) {
          variants.push({
            requirement: requirement.text,
            variant: JSON.stringify(variant),
            kind,
            detected: false,
            note: 'could not apply',
          });
          continue;
        }
        try {
          const after = run(dir);
          const now = after.items.find((candidate) => candidate.id === item.id);
          const detected = now ? RANK[now.status] < RANK[item.status] : true;
          variants.push({
            requirement: requirement.text,
            variant: what,
            kind,
            before: `${item.status} ${item.score ?? ''}`,
            after: `${now?.status ?? 'absent'} ${now?.score ?? ''}`,
            detected,
          });
        } finally {
          restore(dir, variant.file);
          if (!memory) rmSync(join(dir, '.buildrunner'), { recursive: true, force: true });
        }
      }
    }
    const detected = variants.filter((variant) => variant.detected).length;
    results.push({
      slug: truth.slug,
      repo: truth.repo,
      commit: truth.commit,
      itemsDone: (judged.length - notDone.length) / judged.length,
      items: judged.length,
      notDone: notDone.map((item) => `${item.kind}: ${item.text} (${item.status} ${item.score ?? ''})`),
      removalsDetected: variants.length ? detected / variants.length : 1,
      removals: variants.length,
      missed: variants
        .filter((variant) => !variant.detected)
        .map((variant) => `${variant.requirement} — ${variant.variant} (${variant.before ?? ''} → ${variant.after ?? variant.note})`),
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (flag('--json')) console.log(JSON.stringify(results, null, 2));
else {
  for (const result of results) {
    if (result.skipped) {
      console.log(`${result.slug}: skipped (${result.skipped})`);
      continue;
    }
    console.log(
      `${result.slug}: items done ${(result.itemsDone * 100).toFixed(1)}% of ${result.items}; removals detected ${(result.removalsDetected * 100).toFixed(1)}% of ${result.removals}`,
    );
    for (const line of result.notDone) console.log(`  not done  ${line}`);
    for (const line of result.missed) console.log(`  missed    ${line}`);
  }
}
