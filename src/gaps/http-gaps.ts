import picomatch from 'picomatch';
import type { SpecFeature } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { ClientCall } from './scanner/link-endpoints.js';
import { CallMatcher, type CallMatch } from './scanner/match-calls.js';
import { callerKindOf, type CallerKind } from './scanner/test-paths.js';
import type { AddGap } from './gap-adder.js';
import type { GapCall, GapEndpoint } from './types.js';

// Gaps between served endpoints and client calls: UI disconnects, unserved calls, method mismatches.

export interface HttpGapsInput {
  index: CodeIndex;
  calls: readonly ClientCall[];
  /** `gaps.ignoreEndpoints`: `POST /api/webhooks/*`, or a path glob alone. */
  ignoreEndpoints: readonly string[];
}

export function httpGaps(
  input: HttpGapsInput,
  featureOf: (file: string) => SpecFeature | null,
  addGap: AddGap,
): { endpoints: GapEndpoint[]; calls: GapCall[] } {
  const { index } = input;
  const ownCalls = input.calls.filter((call) => !call.external);
  const endpoints: GapEndpoint[] = index.endpoints.map((endpoint) => ({ ...endpoint, callers: [], otherCallers: [] }));
  const matcher = new CallMatcher(endpoints);
  const matches = ownCalls.map((call) => matcher.match(call.method, call.path, call.procedure));
  const calls: GapCall[] = ownCalls.map((call, i) => {
    const serving = (matches[i] as CallMatch<GapEndpoint>).endpoint;
    const caller = callerKindOf(call.file);
    if (serving && caller === 'ui') serving.callers.push({ file: call.file, line: call.line });
    else if (serving) serving.otherCallers.push({ file: call.file, line: call.line, caller });
    // A tRPC call is known by its procedure; the path is the served one once matched.
    const path = call.procedure && serving ? serving.path : call.path;
    return { method: call.method ?? '*', path, file: call.file, line: call.line, served: serving !== null, caller };
  });
  // Endpoints whose exact path is called with a method nothing serves: one method-mismatch, not also a disconnect.
  const mismatched = new Set<GapEndpoint>();
  calls.forEach((call, i) => {
    if (!call.served && call.caller === 'ui' && !ownCalls[i]?.soft)
      for (const endpoint of (matches[i] as CallMatch<GapEndpoint>).samePath) mismatched.add(endpoint);
  });
  const ignored = compileIgnores(input.ignoreEndpoints);
  // With no UI in the repository (a backend-only service), "nothing calls it" says nothing.
  const hasUi =
    calls.some((call) => call.caller === 'ui') ||
    index.files.some((file) => /\.(?:tsx|jsx|vue|svelte|html)$/.test(file) && callerKindOf(file) === 'ui');
  if (hasUi) {
    for (const endpoint of endpoints) {
      if (endpoint.callers.length > 0 || ignored(endpoint.method, endpoint.path)) continue;
      if (mismatched.has(endpoint)) continue;
      addGap('ui-disconnect', `${endpoint.method} ${endpoint.path} ${endpoint.file}`, {
        feature: featureOf(endpoint.file),
        item: null,
        message: `${endpoint.method === '*' ? 'ANY' : endpoint.method} ${endpoint.path} is served but nothing in the client code calls it${onlyOthersNote(endpoint.otherCallers)}`,
        file: endpoint.file,
        line: endpoint.line,
        related: [],
        details: endpoint.otherCallers.map((other) => `Called by ${callerNoun(other.caller)}: ${other.file}:${other.line}`),
      });
    }
  }
  // With no server in the repository, calls go to a backend that lives elsewhere.
  if (endpoints.length === 0) return { endpoints, calls };
  const seen = new Map<string, number>();
  calls.forEach((call, i) => {
    // Tests may call paths nothing serves on purpose (a 404 check); only the UI's calls are judged,
    // and of them not links and navigations (a link to a page of the SPA is not an API call).
    if (call.served || call.caller !== 'ui' || ownCalls[i]?.soft) return;
    const key = `${call.method} ${call.path} ${call.file}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const samePath = (matches[i] as CallMatch<GapEndpoint>).samePath;
    const feature = featureOf(call.file);
    if (samePath.length > 0) {
      const served = [...new Set(samePath.map((endpoint) => endpoint.method))].join(', ');
      addGap('method-mismatch', `${key}#${count}`, {
        feature,
        item: null,
        message: `${call.method} ${call.path} is called, but the server serves ${served} for that path`,
        file: call.file,
        line: call.line,
        related: [],
        details: samePath.map((endpoint) => `Served: ${endpoint.method} ${endpoint.path} at ${endpoint.file}:${endpoint.line}`),
      });
    } else {
      addGap('unserved-call', `${key}#${count}`, {
        feature,
        item: null,
        message: `${call.method === '*' ? 'a request to' : call.method} ${call.path} is called but no endpoint serves it`,
        file: call.file,
        line: call.line,
        related: [],
        details: [],
      });
    }
  });
  return { endpoints, calls };
}

/** ` (only tests call it: a.test.ts:3)` for an endpoint that only non-UI code calls. */
function onlyOthersNote(others: GapEndpoint['otherCallers']): string {
  if (others.length === 0) return '';
  const who = [...new Set(others.map((other) => callerNoun(other.caller)))].join(' and ');
  const where = others.slice(0, 3).map((other) => `${other.file}:${other.line}`);
  return ` (only ${who} call it: ${where.join(', ')}${others.length > 3 ? ', …' : ''})`;
}

function callerNoun(kind: CallerKind): string {
  return kind === 'e2e' ? 'e2e tests' : kind === 'story' ? 'stories' : kind === 'mock' ? 'mocks' : kind === 'config' ? 'configs' : 'tests';
}

function compileIgnores(patterns: readonly string[]): (method: string, path: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const trimmed = pattern.trim();
    const space = trimmed.indexOf(' ');
    const method = trimmed.startsWith('/') || space === -1 ? '*' : trimmed.slice(0, space).toUpperCase();
    const pathGlob = trimmed.startsWith('/') || space === -1 ? trimmed : trimmed.slice(space + 1).trim();
    return { method, path: picomatch(pathGlob, { dot: true }) };
  });
  return (method, path) =>
    matchers.some((matcher) => (matcher.method === '*' || method === '*' || matcher.method === method) && matcher.path(path));
}
