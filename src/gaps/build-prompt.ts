import type { ManifestItem, SpecFeature } from '../domain/spec.js';
import type { Candidate } from './code-index.js';
import type { GapKind } from './types.js';
import { redactSecrets } from './redact.js';

export interface PromptInput {
  kind: GapKind;
  gapId: string;
  feature: SpecFeature | null;
  item: ManifestItem | null;
  message: string;
  file: string | null;
  line: number | null;
  related: readonly Candidate[];
  /** Extra facts for this kind (the calls that hit a mismatched endpoint, the file to create). */
  details: readonly string[];
}

const TASKS: Record<GapKind, string> = {
  'missing-file':
    'Create the file the spec names, with a real implementation of its part of the feature (no placeholders), or move the existing counterpart to that path if it already does the job.',
  stub: 'Replace the stub with a working implementation: remove the placeholder (`not implemented` error, `NotImplementedError`, a body of only `pass`/`...`, or an empty body) and implement the behaviour the spec describes.',
  todo: 'Resolve the marker: do the work it describes, then delete the comment. If the work is out of scope, record it in the spec or an issue instead of the code.',
  'unimplemented-requirement':
    'Implement the requirement. Name the main module, class or function after the requirement so the implementation is recognisable (gap analysis matches spec words against file and symbol names).',
  'missing-endpoint':
    'Implement the HTTP endpoint the spec names, with the exact method and path, in the server code that owns this area, and register it on the router/app that is mounted at the right prefix.',
  'ui-disconnect':
    "Connect the UI to this endpoint: call it from the client code (fetch, the axios instance, or the project's API wrapper) where the feature is used. If the endpoint is served on purpose with no UI caller (a webhook, a health check), add it to `gaps.ignoreEndpoints` in the br-guard config instead.",
  'unserved-call':
    'Either implement the endpoint this client call expects (same method and path) on the server, or fix the call to use an endpoint that exists.',
  'method-mismatch':
    "Make the client and the server agree on the HTTP method for this path: change the call's method, or serve the method the client uses.",
  'missing-test':
    'Write a test that proves this acceptance criterion. Name the test after the criterion (gap analysis matches its words against test names and test file names) and make it assert the behaviour, not only that code runs.',
};

/** One deterministic, self-contained instruction for a coding agent. Secrets never appear in it. */
export function buildPrompt(input: PromptInput): string {
  const lines: string[] = [`Fix a gap that br-guard gap analysis found in this repository (gap ${input.gapId}, kind ${input.kind}).`, ''];
  if (input.feature) lines.push(`Feature: ${input.feature.name} (id ${input.feature.id})`);
  if (input.item) lines.push(`Spec item (${input.item.kind}, id ${input.item.id}): ${input.item.text}`);
  lines.push(`Problem: ${input.message}`);
  if (input.file) lines.push(`Where: ${input.file}${input.line ? `:${input.line}` : ''}`);
  for (const detail of input.details) lines.push(detail);
  lines.push('', `Task: ${TASKS[input.kind]}`);
  if (input.related.length > 0) {
    lines.push('', 'Related code already in the repository (reuse it, keep its conventions):');
    for (const candidate of input.related)
      lines.push(`- ${candidate.file}:${candidate.line} ${candidate.kind === 'file' ? '(file)' : candidate.label}`);
  }
  const criteria = input.feature?.acceptanceCriteria ?? [];
  if (criteria.length > 0) {
    lines.push('', 'Acceptance criteria of this feature (the result must meet them):');
    for (const criterion of criteria) lines.push(`- ${criterion.text}`);
  }
  if (input.feature?.description) lines.push('', `Feature description: ${input.feature.description.replace(/\s+/g, ' ').trim()}`);
  const verify =
    input.kind === 'missing-test' ? '`npm test` passes with the new test, and `npx br-guard gaps --json`' : '`npx br-guard gaps --json`';
  lines.push('', `Verify: ${verify} no longer lists gap ${input.gapId}.`);
  return redactSecrets(lines.join('\n'));
}
