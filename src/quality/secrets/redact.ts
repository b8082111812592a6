/**
 * The only form in which a secret value ever leaves the detector: a short prefix, an ellipsis and
 * the length, so a person can find it without the output (terminal, JSON, SARIF, logs) leaking it.
 */
export function redact(value: string): string {
  const shown = value.length >= 16 ? 4 : value.length >= 8 ? 2 : 0;
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}
