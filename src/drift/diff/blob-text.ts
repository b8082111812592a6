/** Text of a blob, or null for binary content (a NUL byte) so parsers never see it. */
export function blobText(buffer: Buffer | null | undefined): string | null {
  if (!buffer || buffer.includes(0)) return null;
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
}
