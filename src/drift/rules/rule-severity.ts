import type { RuleLevel } from '../../config/types.js';
import type { Severity } from '../../domain/findings.js';

/** The configured level of a rule: `architecture.rules[id]`, else the rule's default. */
export function ruleLevel(rules: Readonly<Record<string, RuleLevel>>, id: string, fallback: RuleLevel): RuleLevel {
  return rules[id] ?? fallback;
}

/** Config says `warn`; output says `warning` (the findings model). */
export function levelToSeverity(level: Exclude<RuleLevel, 'off'>): Severity {
  return level === 'warn' ? 'warning' : level;
}
