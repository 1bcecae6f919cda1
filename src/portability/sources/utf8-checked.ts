import { isUtf8 } from 'node:buffer';
import type { ByteStream } from './source.ts';

/** A byte stream that turned out not to be UTF-8 text. */
export class NotUtf8Error extends Error {}

/** Where the last, unfinished character of `bytes` starts (bytes.length when the last is complete). */
function completeLength(bytes: Uint8Array): number {
  for (let at = bytes.length - 1; at >= Math.max(0, bytes.length - 3); at--) {
    const byte = bytes[at];
    if ((byte & 0xc0) === 0x80) continue;
    // Not a lead byte (0xF8 and above never are): the check sees it as it is.
    if (byte < 0xc0 || byte >= 0xf8) return bytes.length;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return bytes.length - at < length ? at : bytes.length;
  }
  return bytes.length;
}

/**
 * The stream's bytes as they came, checked to be UTF-8 on the way: a byte that is not throws
 * `NotUtf8Error` before it is passed on, where a decoder would turn it into U+FFFD and a changed
 * value would be imported (found by review). A character split between two chunks is checked
 * whole, with the next one.
 */
export async function* utf8Checked(body: ByteStream): AsyncGenerator<Uint8Array | string> {
  let carried: Uint8Array = new Uint8Array(0);
  let offset = 0;
  for await (const chunk of body) {
    // Strings were decoded already: what they hold is text.
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const bytes = carried.length === 0 ? chunk : Buffer.concat([carried, chunk]);
    const complete = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, complete))) throw new NotUtf8Error(`it is not UTF-8 text: bytes ${offset} to ${offset + complete - 1} hold one that is not`);
    offset += complete;
    carried = bytes.subarray(complete);
    if (complete > 0) yield bytes.subarray(0, complete);
  }
  if (carried.length > 0) throw new NotUtf8Error('it is not UTF-8 text: it ends inside a character');
}
