#!/usr/bin/env node
// Gap analysis on real public repositories, checked against a truth read by hand (issue 11).
// For each bench/realworld/<slug>.json whose mirror exists under BR_GUARD_MIRRORS (default
// /work/.mirror, one bare git dir per repo as the fetch tool lays them out: <owner>+<name>/repo),
// the pinned commit is extracted into a temporary git repository, the truth's spec is copied to
// <root>/PROJECT_SPEC.md, and `br-guard gaps --json --no-cache` runs through the built CLI. Then
// each removal variant of each requirement (delete the file, the named function/class, or a line
// block) is applied and gaps runs again: the variant is detected when the requirement's own item
// is worse than on the intact repository.
//
//   node bench/realworld.mjs [--only SLUG[,SLUG]] [--json] [--cli PATH] [--max-variants N]
//                            [--truth DIR] [--no-variants] [--show-variants]
//
// The truth format is /work/wt/REALWORLD_FORMAT.md (kept in bench/realworld/README.md too).
// A malformed truth file is exit 2 naming the file; a repository whose mirror is absent is
// skipped, not failed. Figures are printed with their targets (met / MISSED).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGETS = {
  endpointRecall: { min: 0.95, label: 'endpoint recall' },
  endpointPrecision: { min: 0.95, label: 'endpoint precision' },
  callsMatched: { min: 0.9, label: 'certain calls matched' },
  falseDisconnectShare: { max: 0.05, label: 'false ui-disconnect share' },
  itemsDone: { min: 0.95, label: 'items done (intact)' },
  removalsDetected: { min: 0.9, label: 'removals detected' },
  // A second run on the unchanged repo, with what the first remembered: nothing may get worse.
  rerunDrops: { max: 0, label: 'worse on a rerun' },
  coldMs: { max: 3000, label: 'cold gaps run (ms)' },
};
const STATUS_RANK = { done: 2, partial: 1, missing: 0 };
const RUN_TIMEOUT_MS = 180_000;

class TruthError extends Error {}
class UsageError extends Error {}

// ---------- arguments ----------

function parseArgs(argv) {
  const opts = { only: null, json: false, cli: null, maxVariants: Infinity, truthDir: join(HERE, 'realworld'), variants: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--json') opts.json = true;
    else if (a === '--only') opts.only = value().split(',').filter(Boolean);
    else if (a === '--cli') opts.cli = value();
    else if (a === '--truth') opts.truthDir = resolve(value());
    else if (a === '--no-variants') opts.variants = false;
    else if (a === '--show-variants') opts.showVariants = true;
    else if (a === '--max-variants') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-variants takes a whole number ≥ 0');
      opts.maxVariants = n;
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: node bench/realworld.mjs [--only SLUG[,SLUG]] [--json] [--cli PATH] [--max-variants N] [--truth DIR] [--no-variants] [--show-variants]\n',
      );
      process.exit(0);
    } else throw new UsageError(`unknown option ${a}`);
  }
  opts.cli = resolve(opts.cli ?? process.env.BR_GUARD_CLI ?? join(HERE, '..', 'dist', 'src', 'cli', 'main.js'));
  return opts;
}

// ---------- truth files ----------

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', '*']);

/** Path identity for comparison: parameter names do not matter, their kind (one segment or a catch-all) does. */
function pathKey(path) {
  let p = String(path).trim();
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p
    .split('/')
    .map((s) => (s.startsWith(':') ? (s.endsWith('*') ? ':*' : ':') : s))
    .join('/');
}
const epKey = (method, path) => `${String(method).toUpperCase()} ${pathKey(path)}`;

function normText(text) {
  return String(text)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.;,\s]+$/, '')
    .trim();
}

/** Spec list items of a markdown file, normalised, for checking that truth texts are spec items. */
function specItems(specText) {
  const items = new Set();
  let fence = false;
  for (const line of specText.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const m = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/.exec(line);
    if (m) items.add(normText(m[1]));
  }
  return items;
}

function loadTruth(file) {
  const where = file;
  const fail = (msg) => {
    throw new TruthError(`${where}: ${msg}`);
  };
  let t;
  try {
    t = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`not valid JSON (${e.message.split('\n')[0]})`);
  }
  if (!t || typeof t !== 'object' || Array.isArray(t)) fail('the truth must be a JSON object');
  if (typeof t.repo !== 'string' || !/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(t.repo)) fail('"repo" must be "owner/name"');
  if (typeof t.commit !== 'string' || !/^[0-9a-f]{40}$/.test(t.commit)) fail('"commit" must be 40 lower-case hex digits');
  if (t.kind !== 'app' && t.kind !== 'library') fail('"kind" must be "app" or "library"');
  if (t.root !== undefined && (typeof t.root !== 'string' || t.root.includes('..') || t.root.startsWith('/')))
    fail('"root" must be a relative folder ("" = repo root)');
  if (typeof t.spec !== 'string' || !t.spec) fail('"spec" must name the spec file next to the truth');
  const specPath = join(dirname(file), t.spec);
  if (!existsSync(specPath)) fail(`spec ${t.spec} not found next to the truth file`);
  const items = specItems(readFileSync(specPath, 'utf8'));

  const arr = (name) => {
    const v = t[name] ?? [];
    if (!Array.isArray(v)) fail(`"${name}" must be an array`);
    return v;
  };
  const endpoints = arr('endpoints');
  const keys = new Map();
  endpoints.forEach((e, i) => {
    if (!e || typeof e.method !== 'string' || !METHODS.has(e.method))
      fail(`endpoints[${i}]: method must be one of ${[...METHODS].join(' ')}`);
    if (typeof e.path !== 'string' || !e.path.startsWith('/')) fail(`endpoints[${i}]: path must start with /`);
    if (e.path.length > 1 && e.path.endsWith('/')) fail(`endpoints[${i}]: path ${e.path} has a trailing slash`);
    if (/[{}<>[\]]/.test(e.path)) fail(`endpoints[${i}]: path ${e.path} is not normalised (parameters are :name)`);
    if (typeof e.file !== 'string' || !e.file) fail(`endpoints[${i}]: file is required`);
    const k = epKey(e.method, e.path);
    if (keys.has(k)) fail(`endpoints[${i}]: ${k} is listed twice`);
    keys.set(k, e);
  });
  arr('ignoredEndpoints').forEach((e, i) => {
    if (!e || typeof e.method !== 'string' || typeof e.path !== 'string') fail(`ignoredEndpoints[${i}]: method and path are required`);
  });
  const calls = arr('calls');
  calls.forEach((c, i) => {
    if (!c || typeof c.method !== 'string' || typeof c.path !== 'string' || typeof c.file !== 'string')
      fail(`calls[${i}]: method, path and file are required`);
    if (!Number.isInteger(c.line) || c.line < 1) fail(`calls[${i}]: line must be a positive whole number`);
    if (c.endLine !== undefined && (!Number.isInteger(c.endLine) || c.endLine < c.line)) fail(`calls[${i}]: endLine must be ≥ line`);
    if (!keys.has(epKey(c.method, c.path)))
      fail(`calls[${i}]: ${c.method} ${c.path} (${c.file}:${c.line}) matches no endpoint of the truth`);
  });
  arr('uncalled').forEach((u, i) => {
    const k = epKey(u?.method, u?.path);
    if (!keys.has(k)) fail(`uncalled[${i}]: ${k} is not an endpoint of the truth`);
    if (calls.some((c) => epKey(c.method, c.path) === k)) fail(`uncalled[${i}]: ${k} has a call in "calls"`);
  });
  const requirements = arr('requirements');
  requirements.forEach((r, i) => {
    if (!r || typeof r.text !== 'string' || !r.text) fail(`requirements[${i}]: text is required`);
    if (!items.has(normText(r.text))) fail(`requirements[${i}]: "${r.text}" is not a list item of ${t.spec}`);
    if (r.files !== undefined && !Array.isArray(r.files)) fail(`requirements[${i}]: files must be an array`);
    const rem = r.remove ?? [];
    if (!Array.isArray(rem)) fail(`requirements[${i}]: remove must be an array`);
    rem.forEach((v, j) => {
      const at = `requirements[${i}].remove[${j}]`;
      if (!v || typeof v.file !== 'string' || !v.file || v.file.includes('..') || v.file.startsWith('/'))
        fail(`${at}: file must be a relative path`);
      if (v.symbol !== undefined && (typeof v.symbol !== 'string' || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)?$/.test(v.symbol)))
        fail(`${at}: symbol must be a name (or Class.method)`);
      if (
        v.lines !== undefined &&
        !(Array.isArray(v.lines) && v.lines.length === 2 && v.lines.every(Number.isInteger) && v.lines[0] >= 1 && v.lines[1] >= v.lines[0])
      )
        fail(`${at}: lines must be [first, last] with first ≤ last`);
      if (v.symbol !== undefined && v.lines !== undefined) fail(`${at}: give symbol or lines, not both`);
    });
  });
  arr('criteria').forEach((c, i) => {
    if (!c || typeof c.text !== 'string') fail(`criteria[${i}]: text is required`);
    if (!items.has(normText(c.text))) fail(`criteria[${i}]: "${c.text}" is not a list item of ${t.spec}`);
  });
  return { ...t, root: t.root ?? '', specPath, file };
}

// ---------- mirrors and temporary repositories ----------

function git(args, opts = {}) {
  return spawnSync('git', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
}

function findMirror(mirrors, repo) {
  const base = join(mirrors, repo.replace('/', '+'));
  if (!existsSync(base)) return null;
  const candidates = [base, join(base, 'repo')];
  try {
    for (const d of readdirSync(base)) candidates.push(join(base, d));
  } catch {
    /* not a folder */
  }
  for (const c of candidates) {
    try {
      if (statSync(c).isDirectory() && existsSync(join(c, 'HEAD')) && existsSync(join(c, 'objects'))) return c;
    } catch {
      /* unreadable: try the next */
    }
  }
  return null;
}

function extract(mirror, commit, dest) {
  const archive = spawnSync('git', ['--git-dir', mirror, 'archive', '--format=tar', commit], { maxBuffer: 1024 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${String(archive.stderr).trim().split('\n')[0]}`);
  const tar = spawnSync('tar', ['-x', '-C', dest], { input: archive.stdout, maxBuffer: 64 * 1024 * 1024 });
  if (tar.status !== 0) throw new Error(`tar failed: ${String(tar.stderr).trim().split('\n')[0]}`);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@localhost',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@localhost',
  };
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
    ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'snapshot', '--no-verify'],
  ]) {
    const r = git(args, { cwd: dest, env });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr.trim().split('\n')[0]}`);
  }
}

function countFiles(dir) {
  const r = git(['ls-files', '-z'], { cwd: dir });
  return r.status === 0 ? r.stdout.split('\0').filter(Boolean).length : null;
}

// CPU time of the gaps process (GNU time), the figure that survives a loaded machine; wall time otherwise only.
const TIME_BIN = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p)) ?? null;

function runGaps(cli, root) {
  const started = process.hrtime.bigint();
  const args = [cli, 'gaps', '--json', '--no-cache', '--cwd', root];
  const [cmd, argv] = TIME_BIN ? [TIME_BIN, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: RUN_TIMEOUT_MS });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  const cpuMs = cpu ? Math.round((Number(cpu[1]) + Number(cpu[2])) * 1000) : null;
  if (r.error) return { error: `br-guard did not finish: ${r.error.code ?? r.error.message}`, ms };
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    const why = (r.stderr || r.stdout || '').trim().split('\n')[0] || `exit ${r.status}`;
    return { error: `br-guard gaps printed no JSON (exit ${r.status}): ${why}`, ms };
  }
  return { report, ms, cpuMs, exit: r.status };
}

// ---------- removal variants ----------

let tsModule = null;
function typescript(cli) {
  if (tsModule) return tsModule;
  const req = createRequire(cli);
  try {
    tsModule = req('typescript');
  } catch {
    tsModule = createRequire(import.meta.url)('typescript');
  }
  return tsModule;
}

const JS_EXT = /\.(m|c)?[jt]sx?$/;

function nodeName(ts, node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isStringLiteral(node.name)) return node.name.text;
  return null;
}

/** [start, end) character range of the declaration named `symbol` in a JS/TS file, or null. */
function jsSymbolRange(cli, file, text, symbol) {
  const ts = typescript(cli);
  const kind = /\.tsx$/.test(file)
    ? ts.ScriptKind.TSX
    : /\.jsx$/.test(file)
      ? ts.ScriptKind.JSX
      : /\.[mc]?ts$/.test(file)
        ? ts.ScriptKind.TS
        : ts.ScriptKind.JSX;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const [outer, inner] = symbol.includes('.') ? symbol.split('.') : [null, symbol];
  let found = null;
  const range = (n) => [n.getStart(sf, false), n.getEnd()];
  const visit = (node, insideOuter) => {
    if (found) return;
    const name = nodeName(ts, node);
    if (outer && !insideOuter && (ts.isClassDeclaration(node) || ts.isClassExpression(node)) && name === outer) {
      node.members.forEach((m) => visit(m, true));
      return;
    }
    if (!outer || insideOuter) {
      if (
        (ts.isFunctionDeclaration(node) ||
          ts.isClassDeclaration(node) ||
          ts.isMethodDeclaration(node) ||
          ts.isInterfaceDeclaration(node) ||
          ts.isTypeAliasDeclaration(node) ||
          ts.isEnumDeclaration(node) ||
          ts.isPropertyDeclaration(node) ||
          ts.isGetAccessorDeclaration(node)) &&
        name === inner
      ) {
        found = range(node);
        return;
      }
      if (ts.isVariableStatement(node) && node.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === inner)) {
        found = range(node);
        return;
      }
    }
    ts.forEachChild(node, (c) => visit(c, insideOuter));
  };
  visit(sf, false);
  return found;
}

/** [firstLine, lastLine] (0-based, inclusive) of the def/class named `symbol` in Python, with its decorators. */
function pySymbolLines(text, symbol) {
  const lines = text.split('\n');
  const [outer, inner] = symbol.includes('.') ? symbol.split('.') : [null, symbol];
  const indentOf = (l) => l.length - l.trimStart().length;
  const blockEnd = (start) => {
    const ind = indentOf(lines[start]);
    let end = start;
    let open = 0;
    for (let i = start; i < lines.length; i++) {
      // The signature may span lines: wait until its brackets close and the colon is seen.
      for (const ch of lines[i]) {
        if ('([{'.includes(ch)) open++;
        else if (')]}'.includes(ch)) open--;
      }
      if (open <= 0 && /:\s*(#.*)?$/.test(lines[i])) {
        end = i;
        break;
      }
      end = i;
    }
    for (let i = end + 1; i < lines.length; i++) {
      if (lines[i].trim() === '') continue;
      if (indentOf(lines[i]) <= ind) break;
      end = i;
    }
    return end;
  };
  const find = (name, from, to, minIndent) => {
    const re = new RegExp(`^(\\s*)(async\\s+def|def|class)\\s+${name}\\b`);
    for (let i = from; i <= to; i++) {
      const m = re.exec(lines[i]);
      if (m && m[1].length >= minIndent) return i;
    }
    return -1;
  };
  let from = 0;
  let to = lines.length - 1;
  let minIndent = 0;
  if (outer) {
    const c = find(outer, 0, to, 0);
    if (c < 0) return null;
    from = c + 1;
    to = blockEnd(c);
    minIndent = indentOf(lines[c]) + 1;
  }
  const at = find(inner, from, to, minIndent);
  if (at < 0) return null;
  let first = at;
  while (first > 0 && /^\s*@/.test(lines[first - 1]) && indentOf(lines[first - 1]) === indentOf(lines[at])) first--;
  return [first, blockEnd(at)];
}

/** After deleting lines at `at`, a Python block left empty (`class X:` with nothing under it) gets
 * a `pass`, so the variant is a deletion and not a syntax error. */
function keepBlockValid(lines, at) {
  const indentOf = (l) => l.length - l.trimStart().length;
  let prev = at - 1;
  while (prev >= 0 && lines[prev].trim() === '') prev--;
  if (prev < 0 || !/:\s*(#.*)?$/.test(lines[prev])) return;
  let next = at;
  while (next < lines.length && lines[next].trim() === '') next++;
  if (next < lines.length && indentOf(lines[next]) > indentOf(lines[prev])) return;
  lines.splice(prev + 1, 0, `${' '.repeat(indentOf(lines[prev]) + 4)}pass`);
}

/** Returns { describe, apply(root) -> restore() } for one removal entry, or throws TruthError. */
function planVariant(cli, truth, root, v) {
  const abs = join(root, v.file);
  const at = `${truth.file}: remove ${JSON.stringify(v)}`;
  if (!existsSync(abs)) throw new TruthError(`${at}: ${v.file} does not exist at ${truth.commit.slice(0, 12)}`);
  const original = readFileSync(abs, 'utf8');
  let next;
  let describe;
  if (v.symbol) {
    if (JS_EXT.test(v.file)) {
      const r = jsSymbolRange(cli, v.file, original, v.symbol);
      if (!r) throw new TruthError(`${at}: no declaration named ${v.symbol} in ${v.file}`);
      next = original.slice(0, r[0]) + original.slice(r[1]);
    } else if (v.file.endsWith('.py')) {
      const r = pySymbolLines(original, v.symbol);
      if (!r) throw new TruthError(`${at}: no def/class named ${v.symbol} in ${v.file}`);
      const lines = original.split('\n');
      lines.splice(r[0], r[1] - r[0] + 1);
      keepBlockValid(lines, r[0]);
      next = lines.join('\n');
    } else throw new TruthError(`${at}: symbol removal works on JS/TS and Python files only`);
    describe = `delete ${v.symbol} from ${v.file}`;
  } else if (v.lines) {
    const lines = original.split('\n');
    if (v.lines[1] > lines.length) throw new TruthError(`${at}: ${v.file} has only ${lines.length} lines`);
    lines.splice(v.lines[0] - 1, v.lines[1] - v.lines[0] + 1);
    next = lines.join('\n');
    describe = `delete ${v.file}:${v.lines[0]}-${v.lines[1]}`;
  } else {
    describe = `delete ${v.file}`;
  }
  return {
    describe,
    apply() {
      if (next === undefined) rmSync(abs);
      else writeFileSync(abs, next);
      return () => writeFileSync(abs, original);
    },
  };
}

// ---------- metrics ----------

function ratio(n, d) {
  return d === 0 ? null : n / d;
}

function measure(truth, report) {
  const ignored = new Set((truth.ignoredEndpoints ?? []).map((e) => epKey(e.method, e.path)));
  const truthKeys = new Set(truth.endpoints.map((e) => epKey(e.method, e.path)));
  const reported = new Map();
  for (const e of report.endpoints ?? []) {
    const k = epKey(e.method, e.path);
    if (ignored.has(k) && !truthKeys.has(k)) continue;
    if (!reported.has(k)) reported.set(k, []);
    reported.get(k).push(e);
  }
  const hit = [...truthKeys].filter((k) => reported.has(k));
  const missedEndpoints = [...truthKeys].filter((k) => !reported.has(k));
  const extraEndpoints = [...reported.keys()].filter((k) => !truthKeys.has(k));

  const unmatchedCalls = [];
  let matched = 0;
  for (const c of truth.calls ?? []) {
    const k = epKey(c.method, c.path);
    const last = c.endLine ?? c.line;
    const ok = (reported.get(k) ?? []).some((e) =>
      (e.callers ?? []).some((cl) => cl.file === c.file && cl.line >= c.line - 1 && cl.line <= last + 1),
    );
    if (ok) matched++;
    else unmatchedCalls.push(`${k} ← ${c.file}:${c.line}`);
  }

  const calledKeys = new Set((truth.calls ?? []).map((c) => epKey(c.method, c.path)));
  const byLocation = new Map((report.endpoints ?? []).map((e) => [`${e.file}:${e.line}`, e]));
  const falseDisconnects = [];
  const phantomDisconnects = [];
  for (const g of report.gaps ?? []) {
    if (g.kind !== 'ui-disconnect') continue;
    const m = /^(\S+) (\/\S*) is served/.exec(g.message ?? '');
    const e = m ? { method: m[1], path: m[2] } : byLocation.get(`${g.file}:${g.line}`);
    if (e && calledKeys.has(epKey(e.method, e.path))) falseDisconnects.push(epKey(e.method, e.path));
    // A disconnect about an endpoint the app does not serve (a path read wrong) is noise too; listed, not scored.
    else if (e && !truthKeys.has(epKey(e.method, e.path)) && !ignored.has(epKey(e.method, e.path)))
      phantomDisconnects.push(epKey(e.method, e.path));
  }

  const judged = (report.items ?? []).filter((i) => i.kind === 'requirement' || i.kind === 'acceptance');
  const notDone = judged.filter((i) => i.status !== 'done').map((i) => `${i.kind} "${i.text}": ${i.status}`);

  return {
    metrics: {
      endpointRecall: ratio(hit.length, truthKeys.size),
      endpointPrecision: ratio(hit.length, hit.length + extraEndpoints.length),
      callsMatched: ratio(matched, (truth.calls ?? []).length),
      falseDisconnects: falseDisconnects.length,
      falseDisconnectShare: truthKeys.size ? falseDisconnects.length / truthKeys.size : null,
      itemsDone: ratio(judged.length - notDone.length, judged.length),
    },
    counts: {
      endpoints: truthKeys.size,
      reportedEndpoints: reported.size,
      endpointsFound: hit.length,
      calls: (truth.calls ?? []).length,
      callsMatched: matched,
      items: judged.length,
      itemsDone: judged.length - notDone.length,
    },
    details: { missedEndpoints, extraEndpoints, unmatchedCalls, falseDisconnects, phantomDisconnects, itemsNotDone: notDone },
  };
}

function itemStatus(report, text) {
  const want = normText(text);
  const item = (report.items ?? []).find((i) => i.kind === 'requirement' && normText(i.text) === want);
  return item ? item.status : null;
}

// ---------- one repository ----------

function benchRepo(opts, truth, mirrors) {
  const slug = truth.slug;
  const mirror = findMirror(mirrors, truth.repo);
  if (!mirror) return { slug, repo: truth.repo, status: 'skipped', reason: `no mirror of ${truth.repo} under ${mirrors}` };
  if (git(['--git-dir', mirror, 'cat-file', '-e', `${truth.commit}^{commit}`]).status !== 0) {
    return { slug, repo: truth.repo, status: 'skipped', reason: `the mirror ${mirror} lacks commit ${truth.commit.slice(0, 12)}` };
  }
  const tmp = mkdtempSync(join(tmpdir(), `br-realworld-${slug}-`));
  cleanups.add(tmp);
  try {
    extract(mirror, truth.commit, tmp);
    const root = join(tmp, truth.root);
    if (!existsSync(root)) throw new TruthError(`${truth.file}: root "${truth.root}" does not exist at ${truth.commit.slice(0, 12)}`);
    mkdirSync(root, { recursive: true });
    copyFileSync(truth.specPath, join(root, 'PROJECT_SPEC.md'));
    const files = countFiles(tmp);

    // Plan every variant before running anything: a truth naming a missing symbol fails up front.
    const variants = [];
    if (opts.variants) {
      for (const r of truth.requirements ?? []) {
        for (const v of r.remove ?? []) variants.push({ requirement: r.text, plan: planVariant(opts.cli, truth, root, v) });
      }
    }

    if (opts.showVariants) {
      // For truth authors: what each variant deletes (git diff --stat), without running gaps.
      const shown = variants.map((v) => {
        const restore = v.plan.apply();
        const stat = git(['diff', '--shortstat'], { cwd: tmp }).stdout.trim();
        restore();
        return { requirement: v.requirement, variant: v.plan.describe, diff: stat };
      });
      return { slug, repo: truth.repo, status: 'shown', reason: 'variants shown, gaps not run', variants: shown };
    }

    const intact = runGaps(opts.cli, root);
    if (intact.error) return { slug, repo: truth.repo, status: 'error', reason: intact.error, files };
    const m = measure(truth, intact.report);
    m.metrics.coldMs = Math.round(intact.ms);
    m.metrics.coldCpuMs = intact.cpuMs;
    if (opts.variants) {
      // Remembered evidence must not object to the code it was recorded from.
      const rerun = runGaps(opts.cli, root);
      const before = new Map((intact.report.items ?? []).map((i) => [i.id, i.status]));
      const worse = rerun.error
        ? null
        : (rerun.report.items ?? []).filter((i) => before.has(i.id) && STATUS_RANK[i.status] < STATUS_RANK[before.get(i.id)]);
      m.metrics.rerunDrops = worse ? worse.length : null;
      if (worse?.length) m.details.rerunDrops = worse.map((i) => `${i.text}: ${before.get(i.id)} → ${i.status}`);
    }

    // Every variant starts from what the intact run remembered, as a user who ran gaps and then
    // deleted the code would: a variant's run must not change what the next variant is judged by.
    const manifestPath = join(root, '.buildrunner', 'manifest.json');
    const remembered = existsSync(manifestPath) ? readFileSync(manifestPath) : null;
    const runs = [];
    for (const v of variants.slice(0, opts.maxVariants)) {
      const before = itemStatus(intact.report, v.requirement);
      if (remembered) writeFileSync(manifestPath, remembered);
      const restore = v.plan.apply();
      let run;
      try {
        run = runGaps(opts.cli, root);
      } finally {
        restore();
      }
      const after = run.error ? null : itemStatus(run.report, v.requirement);
      const detected = !run.error && before !== null && after !== null && STATUS_RANK[after] < STATUS_RANK[before];
      runs.push({ requirement: v.requirement, variant: v.plan.describe, intact: before, after, detected, error: run.error });
    }
    m.metrics.removalsDetected = ratio(runs.filter((r) => r.detected).length, runs.length);
    m.counts.variants = runs.length;
    m.counts.variantsPlanned = variants.length;
    m.counts.variantsDetected = runs.filter((r) => r.detected).length;
    m.details.variants = runs;
    return { slug, repo: truth.repo, commit: truth.commit, status: 'ok', files, ...m };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    cleanups.delete(tmp);
  }
}

// ---------- output ----------

function verdict(key, value) {
  const t = TARGETS[key];
  if (!t) return '';
  if (value === null || value === undefined) return 'n/a';
  return (t.min !== undefined ? value >= t.min : value <= t.max) ? 'met' : 'MISSED';
}

function fmt(key, value) {
  if (value === null || value === undefined) return '–';
  if (key === 'coldMs' || key === 'coldCpuMs' || key === 'falseDisconnects' || key === 'rerunDrops') return String(value);
  return value.toFixed(3);
}

function totals(results) {
  const ok = results.filter((r) => r.status === 'ok');
  const sum = (f) => ok.reduce((s, r) => s + (r.counts[f] ?? 0), 0);
  const endpoints = sum('endpoints');
  const found = sum('endpointsFound');
  const reported = ok.reduce((s, r) => s + r.counts.endpointsFound + r.details.extraEndpoints.length, 0);
  const fd = ok.reduce((s, r) => s + r.metrics.falseDisconnects, 0);
  return {
    repos: results.length,
    measured: ok.length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    errors: results.filter((r) => r.status === 'error').length,
    metrics: {
      endpointRecall: ratio(found, endpoints),
      endpointPrecision: ratio(found, reported),
      callsMatched: ratio(sum('callsMatched'), sum('calls')),
      falseDisconnects: fd,
      falseDisconnectShare: ratio(fd, endpoints),
      itemsDone: ratio(sum('itemsDone'), sum('items')),
      removalsDetected: ratio(sum('variantsDetected'), sum('variants')),
      rerunDrops: ok.some((r) => typeof r.metrics.rerunDrops === 'number') ? ok.reduce((s, r) => s + (r.metrics.rerunDrops ?? 0), 0) : null,
      coldMs: ok.length ? Math.max(...ok.map((r) => r.metrics.coldMs)) : null,
      coldCpuMs: ok.some((r) => r.metrics.coldCpuMs !== null) ? Math.max(...ok.map((r) => r.metrics.coldCpuMs ?? 0)) : null,
    },
    reposMeetingAll: ok.filter((r) => Object.keys(TARGETS).every((k) => verdict(k, r.metrics[k]) !== 'MISSED')).length,
  };
}

function printTable(results, total, opts) {
  const out = [];
  out.push(`br-guard gaps on real repositories (cli ${opts.cli})`);
  const keys = [
    'endpointRecall',
    'endpointPrecision',
    'callsMatched',
    'falseDisconnects',
    'falseDisconnectShare',
    'itemsDone',
    'removalsDetected',
    'rerunDrops',
    'coldMs',
    'coldCpuMs',
  ];
  const label = (k) => TARGETS[k]?.label ?? (k === 'coldCpuMs' ? 'cold gaps run, CPU (ms)' : 'false ui-disconnect count');
  const target = (k) => (TARGETS[k] ? (TARGETS[k].min !== undefined ? `≥ ${TARGETS[k].min}` : `≤ ${TARGETS[k].max}`) : '');
  for (const r of results) {
    out.push('');
    if (r.status === 'shown') {
      out.push(`${r.slug} (${r.repo}): ${r.variants.length} variants`);
      for (const v of r.variants) out.push(`  ${v.variant.padEnd(70)} ${v.diff || 'NO CHANGE'}  [${v.requirement}]`);
      continue;
    }
    if (r.status !== 'ok') {
      out.push(`${r.slug} (${r.repo}): ${r.status.toUpperCase()} — ${r.reason}`);
      continue;
    }
    out.push(
      `${r.slug} (${r.repo} @ ${r.commit.slice(0, 12)}, ${r.files} files; ${r.counts.endpoints} endpoints, ${r.counts.calls} calls, ${r.counts.items} items, ${r.counts.variants}/${r.counts.variantsPlanned} variants)`,
    );
    for (const k of keys) {
      out.push(`  ${label(k).padEnd(28)} ${fmt(k, r.metrics[k]).padStart(7)}  ${target(k).padEnd(7)} ${verdict(k, r.metrics[k])}`);
    }
  }
  out.push('');
  out.push(
    `TOTAL (${total.measured} measured, ${total.skipped} skipped, ${total.errors} errors; ${total.reposMeetingAll}/${total.measured} repos meet every target; ratios pooled over repos, time = slowest):`,
  );
  for (const k of keys) {
    out.push(`  ${label(k).padEnd(28)} ${fmt(k, total.metrics[k]).padStart(7)}  ${target(k).padEnd(7)} ${verdict(k, total.metrics[k])}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------- main ----------

const cleanups = new Set();
function cleanAll() {
  for (const d of cleanups) rmSync(d, { recursive: true, force: true });
  cleanups.clear();
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanAll();
    process.exit(130);
  });
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(opts.cli)) throw new UsageError(`no built CLI at ${opts.cli} (run npm run build, or pass --cli PATH)`);
  if (!existsSync(opts.truthDir)) throw new UsageError(`no truth folder ${opts.truthDir}`);
  const mirrors = resolve(process.env.BR_GUARD_MIRRORS ?? '/work/.mirror');
  const files = readdirSync(opts.truthDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const slugs = files.map((f) => f.replace(/\.json$/, ''));
  if (opts.only) {
    const unknown = opts.only.filter((s) => !slugs.includes(s));
    if (unknown.length) throw new UsageError(`no truth file for ${unknown.join(', ')} in ${opts.truthDir}`);
  }
  // Every truth file is validated, selected or not: a malformed one is a broken bench.
  const truths = files.map((f) => ({ ...loadTruth(join(opts.truthDir, f)), slug: f.replace(/\.json$/, '') }));
  const selected = truths.filter((t) => !opts.only || opts.only.includes(t.slug));
  const results = [];
  for (const t of selected) {
    if (!opts.json) process.stderr.write(`… ${t.slug}\n`);
    results.push(benchRepo(opts, t, mirrors));
  }
  const total = totals(results);
  if (opts.json) process.stdout.write(`${JSON.stringify({ cli: opts.cli, mirrors, targets: TARGETS, repos: results, total }, null, 2)}\n`);
  else printTable(results, total, opts);
  process.exitCode = total.errors ? 1 : 0;
}

try {
  main();
} catch (e) {
  cleanAll();
  if (e instanceof TruthError || e instanceof UsageError) {
    process.stderr.write(`realworld: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`realworld: ${e.message}\n`);
  process.exit(1);
}
