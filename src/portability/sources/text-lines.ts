import { AppError } from '../../errors.ts';
import type { ByteStream } from './source.ts';

/** A longer line is refused: no row of any import is near it, and it would be held whole. */
const MAX_LINE_BYTES = 1024 ** 2;

/** The lines of a UTF-8 byte stream, numbered from 1, without their line ends; blank lines are skipped (but counted). */
export async function* textLines(body: ByteStream): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending = '';
  let line = 0;
  const emit = function* (text: string) {
    line++;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (trimmed.trim() !== '') yield { line, text: trimmed };
  };
  for await (const chunk of body) {
    // Only the new text is searched for line ends: a long line is not scanned again at every chunk.
    const searchFrom = pending.length;
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n', searchFrom); end !== -1; end = pending.indexOf('\n', start)) {
      yield* emit(pending.slice(start, end));
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_BYTES) throw new AppError('request.body_too_large', `Line ${line + 1} is longer than ${MAX_LINE_BYTES / 1024 ** 2} MiB.`);
  }
  pending += decoder.decode();
  if (pending !== '') yield* emit(pending);
}
