import type { Gap, GapKind } from './types.js';
import { fingerprint } from '../domain/findings.js';
import { buildPrompt, type PromptInput } from './build-prompt.js';
import { redactSecrets } from './redact.js';

// Every gap gets its id, redacted message and fix prompt in one place, so ids stay stable across kinds.
export type AddGap = (kind: GapKind, key: string, prompt: Omit<PromptInput, 'kind' | 'gapId'>) => void;

/** An AddGap that pushes onto `gaps`; the id is a fingerprint of kind, feature and key. */
export function gapAdder(gaps: Gap[]): AddGap {
  return (kind, key, prompt) => {
    const id = `${kind}-${fingerprint([kind, prompt.feature?.id ?? '', key]).slice(0, 10)}`;
    const message = redactSecrets(prompt.message);
    gaps.push({
      id,
      kind,
      featureId: prompt.feature?.id ?? null,
      file: prompt.file,
      line: prompt.line,
      message,
      prompt: buildPrompt({ ...prompt, message, kind, gapId: id }),
    });
  };
}
