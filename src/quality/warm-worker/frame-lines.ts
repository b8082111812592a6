/**
 * Framing for the warm worker's socket: one JSON document per line. JSON.stringify escapes every
 * newline inside strings, so a newline always ends a message; file contents need no other escaping.
 */

/** Encodes one message as a frame. */
export function encodeFrame(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

/** A frame bigger than this ends the connection: no request of ours is near it (staged files are capped far lower). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/**
 * Splits a byte stream into messages. Chunks may end anywhere, inside a line or inside a UTF-8
 * character, so bytes are kept until their line is complete and only then decoded.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Feeds a chunk; returns the messages it completed. Throws on a line that is not JSON or is too long. */
  push(chunk: Buffer): unknown[] {
    const messages: unknown[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      const line = Buffer.concat([...this.pending, chunk.subarray(start, newline)]);
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
      if (line.length) messages.push(JSON.parse(line.toString('utf8')));
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > MAX_FRAME_BYTES) throw new Error(`frame over ${MAX_FRAME_BYTES} bytes`);
    }
    return messages;
  }
}

/**
 * Reads a socket's frames: each complete message goes to `onMessage`; a line that is not one of
 * ours (not JSON, too long) calls `onBroken` once and nothing more is read from that stream.
 */
export function readFrames(
  socket: { on(event: 'data', listener: (chunk: Buffer) => void): unknown },
  onMessage: (message: unknown) => void,
  onBroken: () => void,
): void {
  const decoder = new FrameDecoder();
  let broken = false;
  socket.on('data', (chunk: Buffer) => {
    if (broken) return;
    let messages: unknown[];
    try {
      messages = decoder.push(chunk);
    } catch {
      broken = true;
      onBroken();
      return;
    }
    for (const message of messages) onMessage(message);
  });
}
