/** The stages a hook runs; `BR_GUARD_SKIP` names them. */
export const HOOK_STAGES = ['secrets', 'quality', 'drift', 'gaps', 'checkpoint', 'manifest'] as const;
export type HookStage = (typeof HOOK_STAGES)[number];

export interface SkipSettings {
  /** `BR_GUARD=0`: every hook is a no-op. */
  disabled: boolean;
  skipped: Set<HookStage>;
  /** Names in `BR_GUARD_SKIP` that are no stage, said on stderr so a typo is never silent. */
  unknown: string[];
}

/**
 * Reads `BR_GUARD` and `BR_GUARD_SKIP` (comma or space separated, case-insensitive). `all`
 * skips every stage. `secrets` can only be skipped by name: skipping `quality` still scans for
 * secrets, because a leaked key is the one thing a hurried commit must never carry.
 */
export function readSkipSettings(env: NodeJS.ProcessEnv): SkipSettings {
  const flag = (env.BR_GUARD ?? '').trim().toLowerCase();
  const disabled = flag === '0' || flag === 'false' || flag === 'off';
  const skipped = new Set<HookStage>();
  const unknown: string[] = [];
  for (const raw of (env.BR_GUARD_SKIP ?? '').split(/[\s,]+/)) {
    const name = raw.trim().toLowerCase();
    if (!name) continue;
    if (name === 'all') HOOK_STAGES.forEach((stage) => skipped.add(stage));
    else if ((HOOK_STAGES as readonly string[]).includes(name)) skipped.add(name as HookStage);
    else unknown.push(raw.trim());
  }
  return { disabled, skipped, unknown };
}

/** The lines a hook prints on stderr about what it skips (never silent). */
export function describeSkips(settings: SkipSettings, hook: string): string[] {
  if (settings.disabled) return [`br-guard: BR_GUARD=0 — ${hook} hook skipped entirely`];
  const lines: string[] = [];
  if (settings.skipped.size) {
    lines.push(`br-guard: BR_GUARD_SKIP — skipping ${[...settings.skipped].join(', ')} in ${hook}`);
  }
  if (settings.unknown.length) {
    lines.push(`br-guard: BR_GUARD_SKIP names unknown stage(s) ${settings.unknown.join(', ')} (known: ${HOOK_STAGES.join(', ')}, all)`);
  }
  return lines;
}
