#!/usr/bin/env node
// Benchmark of br-guard's secrets detector against gitleaks' own rule test cases.
// gitleaks checks each of its ~220 default rules against the true and false positives built in
// cmd/generate/config/rules/*.go; bench/lib/gitleaks-corpus.mjs evaluates those Go functions from a
// gitleaks checkout (seeded, so a run is replayable). This measures br-guard on samples it was not
// written from, in the forms gitleaks considers a secret (the ~26 of GenerateSampleSecrets: INI,
// JSON, XML, YAML, Go, Java, PHP, Makefile, …), through the path `br-guard quality` takes for a
// staged file in a project without .gitleaks.toml: scanFile(defaultSecretsConfig(), path, text).
// A true positive is found when any hit is reported on it; a false positive is flagged likewise.
// Prints per-rule recall for rules under 100%, the totals, and for the 15 worst rules one missed
// sample with its secret cut to 6 characters. Also counts the samples gitleaks' own rule regex
// does not match (a flawed test case, or a limit of the regex translation), and recall without them.
// Usage: GITLEAKS_REPO=/path/to/gitleaks.git node bench/secrets-gitleaks.mjs [--json] [--rule ID] [--seed N] [--seeds N]
//        (build from BR_GUARD_DIST, default dist)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitleaksCorpus } from './lib/gitleaks-corpus.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(repoRoot, process.env.BR_GUARD_DIST ?? 'dist');
const args = process.argv.slice(2);
const option = (name) => args.flatMap((arg, i) => (args[i - 1] === name ? [arg] : []))[0];
const asJson = args.includes('--json');
const onlyRule = option('--rule');
const seed = Number(option('--seed') ?? 1);
const gitDir = process.env.GITLEAKS_REPO;
if (!gitDir || !existsSync(gitDir)) {
  console.error('secrets-gitleaks: set GITLEAKS_REPO to a gitleaks git directory (e.g. /work/.mirror/gitleaks+gitleaks/repo)');
  process.exit(2);
}

const { scanFile } = await import(join(dist, 'src/quality/secrets/scan-file.js'));
const { defaultSecretsConfig } = await import(join(dist, 'src/quality/secrets/gitleaks-config.js'));
const { goRegex } = await import(join(dist, 'src/quality/secrets/go-regex.js'));

const seeds = Math.max(1, Number(option('--seeds') ?? 1));
const built = performance.now();
// With --seeds N the corpora of seeds seed…seed+N-1 are pooled per rule: the random secrets differ,
// so a rule br-guard only catches with its generic keyword+entropy rule is measured on more of them.
const all = await gitleaksCorpus(gitDir, { seed });
for (let k = 1; k < seeds; k++) {
  const more = await gitleaksCorpus(gitDir, { seed: seed + k });
  for (const entry of more) {
    const base = all.find((e) => e.rule === entry.rule && e.fn === entry.fn);
    for (const key of ['tps', 'tpForms', 'fps', 'tpPaths', 'fpPaths']) if (base[key]) base[key] = [...base[key], ...entry[key]];
  }
}
const buildSeconds = (performance.now() - built) / 1000;
const corpus = onlyRule ? all.filter((e) => e.rule === onlyRule) : all;
if (onlyRule && !corpus.length) {
  console.error(`secrets-gitleaks: no rule ${onlyRule} in the corpus`);
  process.exit(2);
}

const config = defaultSecretsConfig();
const NEUTRAL = 'sample.txt';
/** Every sample, with the path gitleaks tests it under when the rule is path-based. */
const samples = corpus.flatMap((entry) => [
  ...entry.tps.map((text, i) => ({ entry, text, path: entry.tpPaths?.[i] || NEUTRAL, form: entry.tpForms[i], positive: true })),
  ...entry.fps.map((text, i) => ({ entry, text, path: entry.fpPaths?.[i] || NEUTRAL, positive: false })),
]);
// The machine is shared: the best of three passes is the detector's speed.
let seconds = Infinity;
for (let pass = 0; pass < 3; pass++) {
  const start = performance.now();
  for (const s of samples) s.hits = scanFile(config, s.path, s.text);
  seconds = Math.min(seconds, (performance.now() - start) / 1000);
}

// gitleaks' rule regex, translated, finds the secret in a sample (for redaction) and says whether
// the sample is a positive even for gitleaks. JavaScript in Node 20 has no scoped flags, so
// `(?-i:…)` is widened to `(?:…)`: a sample that still does not match is not one.
const ruleRegex = new Map();
function regexOf(entry) {
  if (!ruleRegex.has(entry.rule)) {
    let re = null;
    if (entry.regex) {
      try {
        re = goRegex(entry.regex.replace(/\(\?-i:/g, '(?:'));
      } catch {
        re = null;
      }
    }
    ruleRegex.set(entry.rule, re);
  }
  return ruleRegex.get(entry.rule);
}
function secretIn(entry, text) {
  const re = regexOf(entry);
  if (!re) return null;
  re.lastIndex = 0;
  const m = re.exec(text);
  if (!m) return null;
  const group = entry.secretGroup ?? m.slice(1).findIndex((g) => g) + 1;
  return m[group] || m[0];
}
for (const s of samples) {
  const re = regexOf(s.entry);
  if (!re) s.gitleaksMatches = null;
  else {
    re.lastIndex = 0;
    s.gitleaksMatches = re.test(s.text);
  }
}
/** A sample for a person to read: its secret cut to 6 characters, on one line. */
function redactSample(entry, text) {
  const secret = secretIn(entry, text);
  let out = secret && secret.length > 6 ? text.split(secret).join(`${secret.slice(0, 6)}…`) : text;
  out = out.replace(/[A-Za-z0-9+/=_.~-]{20,}/g, (run) => `${run.slice(0, 6)}…`);
  const line = JSON.stringify(out);
  return line.length > 180 ? `${line.slice(0, 177)}...` : line;
}

const rules = corpus.map((entry) => {
  const mine = samples.filter((s) => s.entry === entry);
  const tps = mine.filter((s) => s.positive);
  const fps = mine.filter((s) => !s.positive);
  const found = tps.filter((s) => s.hits.length);
  const missed = tps.filter((s) => !s.hits.length);
  const missedForms = {};
  for (const s of missed) missedForms[s.form] = (missedForms[s.form] ?? 0) + 1;
  const valid = tps.filter((s) => s.gitleaksMatches !== false);
  const foundBy = {};
  for (const s of found) for (const id of new Set(s.hits.map((h) => h.rule))) foundBy[id] = (foundBy[id] ?? 0) + 1;
  return {
    rule: entry.rule,
    total: tps.length,
    found: found.length,
    recall: tps.length ? found.length / tps.length : 1,
    validTotal: valid.length,
    validFound: valid.filter((s) => s.hits.length).length,
    missedForms,
    foundBy,
    foundOnlyByGeneric: found.filter((s) => s.hits.every((h) => h.rule === 'generic-secret')).length,
    example: missed[0] ? { form: missed[0].form, sample: redactSample(entry, missed[0].text) } : null,
    fps: fps.length,
    flagged: fps.filter((s) => s.hits.length).length,
    // gitleaks' false positives are negatives for that one rule; many are another rule's secrets.
    flaggedSameRule: fps.filter((s) => s.hits.some((h) => h.rule === entry.rule)).length,
    flaggedBy: [...new Set(fps.flatMap((s) => s.hits.map((h) => h.rule)))],
  };
});
const withTps = rules.filter((r) => r.total > 0);
const tpCount = withTps.reduce((n, r) => n + r.total, 0);
const tpFound = withTps.reduce((n, r) => n + r.found, 0);
const validCount = withTps.reduce((n, r) => n + r.validTotal, 0);
const validFound = withTps.reduce((n, r) => n + r.validFound, 0);
const onlyGeneric = withTps.reduce((n, r) => n + r.foundOnlyByGeneric, 0);
const fpCount = rules.reduce((n, r) => n + r.fps, 0);
const fpFlagged = rules.reduce((n, r) => n + r.flagged, 0);
const fpFlaggedSameRule = rules.reduce((n, r) => n + r.flaggedSameRule, 0);
const totals = {
  tpSamples: tpCount,
  rules: withTps.length,
  recall: tpFound / tpCount,
  meanPerRuleRecall: withTps.reduce((sum, r) => sum + r.recall, 0) / withTps.length,
  rulesWithZeroFound: withTps.filter((r) => r.found === 0).length,
  fpSamples: fpCount,
  fpFlagged,
  fpShareFlagged: fpCount ? fpFlagged / fpCount : 0,
  fpFlaggedSameRuleId: fpFlaggedSameRule,
  samplesPerSecond: samples.length / seconds,
  foundOnlyByGeneric: onlyGeneric,
  notMatchedByGitleaksRegex: tpCount - validCount,
  recallWithoutThose: validFound / validCount,
  corpusBuildSeconds: buildSeconds,
};
const worst = withTps.filter((r) => r.recall < 1).sort((a, b) => a.recall - b.recall || b.total - a.total || a.rule.localeCompare(b.rule));

if (asJson) {
  console.log(
    JSON.stringify(
      {
        gitleaksCommit: all.commit,
        seed,
        seeds,
        totals,
        rules: rules.map(({ example, ...r }) => ({ ...r, example })),
        skipped: all.skipped,
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const forms = (r) =>
  r.found === 0
    ? `every sample${Object.keys(r.missedForms).length > 1 ? ` (${Object.keys(r.missedForms).length} forms)` : ''}`
    : Object.entries(r.missedForms)
        .sort((a, b) => b[1] - a[1])
        .map(([form, n]) => `${form}${n > 1 ? ` ×${n}` : ''}`)
        .join(', ');
console.log(`detector: scanFile(defaultSecretsConfig(), '${NEUTRAL}' or the path gitleaks tests a path rule with, text) from ${dist}`);
console.log(
  `gitleaks ${all.commit.slice(0, 12)} rule test cases, seed ${seed}${seeds > 1 ? `…${seed + seeds - 1}` : ''}: ${corpus.length} rules, ${samples.length} samples (built in ${buildSeconds.toFixed(1)}s)`,
);
if (onlyRule) {
  for (const s of samples.filter((x) => x.entry.rule === onlyRule)) {
    const status = s.positive ? (s.hits.length ? 'found ' : 'MISSED') : s.hits.length ? 'FLAGGED' : 'clean ';
    console.log(
      `  ${s.positive ? 'tp' : 'fp'} ${status} ${s.form ?? ''} ${redactSample(s.entry, s.text)}${s.hits.length ? `  [${s.hits.map((h) => h.rule).join(', ')}]` : ''}`,
    );
  }
}
if (worst.length) {
  console.log(`rules under 100% recall (${worst.length}):`);
  for (const r of worst)
    console.log(
      `  ${r.rule.padEnd(40)} ${String(r.found).padStart(3)}/${String(r.total).padEnd(3)} ${pct(r.recall).padStart(6)}  missed: ${forms(r)}`,
    );
  console.log('one missed sample for each of the 15 worst rules:');
  for (const r of worst.slice(0, 15)) console.log(`  ${r.rule} [${r.example.form}]: ${r.example.sample}`);
}
const flaggedRules = rules.filter((r) => r.flagged);
if (flaggedRules.length) {
  console.log(`false positives flagged (${flaggedRules.length} rules):`);
  for (const r of flaggedRules) console.log(`  ${r.rule}: ${r.flagged}/${r.fps} flagged by ${r.flaggedBy.join(', ')}`);
}
const suspect = withTps.filter((r) => r.validTotal < r.total);
if (suspect.length)
  console.log(`samples gitleaks' own rule regex does not match: ${suspect.map((r) => `${r.rule} ${r.total - r.validTotal}`).join(', ')}`);
if (all.skipped.length) {
  console.log(`skipped rule functions (${all.skipped.length}):`);
  for (const s of all.skipped) console.log(`  ${s.fn} (${s.file}): ${s.reason}`);
}
console.log(`true-positive samples ${tpCount} over ${withTps.length} rules`);
console.log(
  `recall ${tpFound}/${tpCount} = ${pct(totals.recall)}, mean per-rule recall ${pct(totals.meanPerRuleRecall)}, rules with 0 found: ${totals.rulesWithZeroFound}`,
);
console.log(`found only by br-guard's generic keyword+entropy rule: ${onlyGeneric} of ${tpFound} (seed-sensitive: try --seeds 5)`);
console.log(
  `recall without the ${totals.notMatchedByGitleaksRegex} samples gitleaks' regex does not match: ${pct(totals.recallWithoutThose)}`,
);
console.log(
  `false-positive samples ${fpCount}, flagged ${fpFlagged} (${pct(totals.fpShareFlagged)}); under the same rule id as gitleaks' rule: ${fpFlaggedSameRule}`,
);
console.log(`speed ${Math.round(totals.samplesPerSecond)} samples/s`);
