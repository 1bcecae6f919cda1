import { AppError } from '../../errors.ts';
import type { ByteStream } from './source.ts';

/** A longer line is refused: no row of any import is near it, and it would be held whole. */
const MAX_LINE_BYTES = 1024 ** 2;

/** A line of the stream, or one whose bytes are not UTF-8 (refused as a row, not changed into U+FFFD: found by review). */
export type TextLine = { line: number; text: string } | { line: number; notUtf8: true };

const tooLong = (line: number) => new AppError('request.body_too_large', `Line ${line} is longer than ${MAX_LINE_BYTES / 1024 ** 2} MiB.`);

/**
 * The lines of a UTF-8 byte stream, numbered from 1, without their line ends; blank lines are
 * skipped (but counted). Split on the byte 0x0A, which is never part of a longer UTF-8 sequence,
 * and each line decoded alone; its length is counted in bytes, also for a line that arrives whole
 * inside one chunk (found by review: characters were counted, and only of an unfinished line).
 */
export async function* textLines(body: ByteStream): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  const emitText = function* (text: string): Generator<TextLine> {
    line++;
    // Characters never outnumber bytes: only a line this long can be too long.
    if (text.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(text) > MAX_LINE_BYTES) throw tooLong(line);
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') yield { line, text: trimmed };
  };
  const emit = function* (bytes: Buffer): Generator<TextLine> {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      line++;
      if (bytes.length > MAX_LINE_BYTES) throw tooLong(line);
      yield { line, notUtf8: true };
      return;
    }
    yield* emitText(text);
  };
  /** The complete lines of `bytes` (each ended by 0x0A): decoded at once, and one at a time only when they are not all UTF-8. */
  const emitLines = function* (bytes: Buffer): Generator<TextLine> {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      for (let start = 0, end = bytes.indexOf(0x0a); end !== -1; start = end + 1, end = bytes.indexOf(0x0a, start)) yield* emit(bytes.subarray(start, end));
      return;
    }
    const lines = text.split('\n');
    lines.pop();
    for (const each of lines) yield* emitText(each);
  };
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Only the new bytes are searched for line ends: a long line is not scanned again at every chunk.
    const searchFrom = pending.length;
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    const last = pending.lastIndexOf(0x0a);
    if (last >= searchFrom) {
      yield* emitLines(pending.subarray(0, last + 1));
      pending = pending.subarray(last + 1);
    }
    if (pending.length > MAX_LINE_BYTES) throw tooLong(line + 1);
  }
  if (pending.length > 0) yield* emit(pending);
}
