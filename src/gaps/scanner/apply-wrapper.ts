import type { RawCall, RawWrapper } from './types.js';
import { normalizeRoutePath } from './route-path.js';

/** Applies a wrapper to a call of it: the wrapper's prefix and method rules. Null when the URL went to another parameter. */
export function applyWrapper(wrapper: RawWrapper, call: RawCall): RawCall | null {
  if (call.argIndex !== wrapper.urlParam) return null;
  const method = wrapper.method.kind === 'fixed' ? wrapper.method.value : (call.method ?? 'GET');
  const path = normalizeRoutePath(`${wrapper.prefix}${call.path === '/' ? '' : call.path}`);
  return { ...call, via: null, method, path };
}
