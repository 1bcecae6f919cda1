import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import type { SonicBoom } from 'sonic-boom';
// A CommonJS module: its class is a property of what it exports (as its types say).
import sonicBoom from 'sonic-boom';

/** Lines are written at least this often when they trickle in (a chunk not yet full waits no longer). */
const FLUSH_MS = 1000;

/**
 * Lines kept while standard output is not taken (a log reader that stalls): beyond this, new lines
 * are dropped rather than held in memory without bound.
 */
const MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;

/**
 * Lines reach standard output in chunks of at least this size (a line past it rides along): each
 * write is a system call, a wake-up of one of libuv's threads and, for a file, the file system's
 * own work.
 */
const CHUNK_BYTES = 16 * 1024;

/**
 * Lines are encoded into room of this size and handed on as views of it, never copied here; once
 * it is used up, new room is taken and the old is freed when sonic-boom is done with its views.
 * A line that could need more than a quarter of it goes out on its own.
 */
const ROOM_BYTES = 64 * 1024;
const LONG_LINE_BYTES = ROOM_BYTES / 4;

/** How long an exiting process keeps trying to write its last lines to an output that is full. */
const LAST_LINES_BOUND_MS = 2000;
const pause = new Int32Array(new SharedArrayBuffer(4));
const NEWLINE = 0x0a;

/**
 * Lines encoded straight into room already there and handed on to sonic-boom a chunk at a time.
 * Handing it each line cost a `Buffer` of its own and a step of its queue, about a microsecond a
 * line; handing it text is worse (it then measures the UTF-8 length of all it holds on every
 * write, copying it into one string each time). A chunk is a view of the room, not a copy: a
 * 16 KiB buffer of its own costs a few microseconds to allocate, and sonic-boom copies what it
 * writes anyway. What is gathered goes on with every flush (pino's, the stop signal's bounded
 * wait in src/cli/stop-signal.ts) and is written synchronously at exit (`bufferedStdout`).
 */
export class ChunkedLines implements DestinationStream {
  readonly #out: SonicBoom;
  #room = Buffer.allocUnsafeSlow(ROOM_BYTES);
  /** Where the chunk being gathered starts, and where it ends (the next line's place). */
  #start = 0;
  #end = 0;

  /** Lines lost: dropped by sonic-boom (more than its `maxLength` waiting) or given up on here. */
  #dropped = 0;
  /** The output's reader is gone (EPIPE): nothing can be written any more. */
  #closed = false;

  constructor(out: SonicBoom) {
    this.#out = out;
    // Given bytes, sonic-boom drops a whole chunk as it was handed on: its lines are counted.
    out.on('drop', (chunk: Buffer) => this.#countDropped(chunk));
    // Handled, a failed write (a full disk: ENOSPC, EIO) never becomes an uncaught exception: the
    // server goes on serving, sonic-boom tries again with the next chunk, and lines wait (then are
    // dropped and counted) until the output takes them again.
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') this.#closed = true;
    });
  }

  #countDropped(bytes: Uint8Array): void {
    for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) this.#dropped += 1;
  }

  /** What is gathered here, given up. */
  #dropGathered(): void {
    this.#countDropped(this.#room.subarray(this.#start, this.#end));
    this.#start = this.#end;
  }

  get droppedLines(): number {
    return this.#dropped;
  }

  write(line: string): void {
    if (this.#closed) {
      this.#dropped += 1;
      return;
    }
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: with that much room, the line fits whole.
    const most = line.length * 3;
    if (this.#end + most > ROOM_BYTES) {
      this.#handOn();
      if (most > LONG_LINE_BYTES) {
        this.#out.write(Buffer.from(line) as unknown as string);
        return;
      }
      this.#room = Buffer.allocUnsafeSlow(ROOM_BYTES);
      this.#start = this.#end = 0;
    }
    this.#end += this.#room.write(line, this.#end);
    if (this.#end - this.#start >= CHUNK_BYTES) this.#handOn();
  }

  flush(callback?: (error?: Error) => unknown): void {
    if (this.#closed) {
      this.#dropGathered();
      callback?.();
      return;
    }
    this.#handOn();
    this.#out.flush(callback);
  }

  /**
   * Writes everything now, before returning: at exit (see `bufferedStdout`) and after a fatal
   * line (pino calls it). What sonic-boom holds goes first; what is gathered here is written
   * directly after it: handed to sonic-boom, it would start an asynchronous write at once, which
   * an exiting process never finishes and sonic-boom's own flushSync then skips.
   */
  flushSync(): void {
    if (this.#closed) return this.#dropGathered();
    const giveUpAt = Date.now() + LAST_LINES_BOUND_MS;
    const fd = (this.#out as unknown as { fd: number }).fd;
    let rest = this.#room.subarray(this.#start, this.#end);
    this.#start = this.#end;
    try {
      // sonic-boom 5 throws on an error it does not retry (4 retried a full disk forever).
      this.#out.flushSync();
      while (rest.length > 0) {
        try {
          rest = rest.subarray(writeSync(fd, rest));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || Date.now() > giveUpAt) throw error;
          Atomics.wait(pause, 0, 0, 10);
        }
      }
    } catch (error) {
      // A stalled reader keeps its old behaviour (the caller bounds the wait); a failed output loses the rest.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') throw error;
      this.#countDropped(rest);
    }
  }

  destroy(): void {
    this.#start = this.#end;
    this.#out.destroy();
  }

  get destroyed(): boolean {
    // At run time sonic-boom has it; its types leave it out.
    return (this.#out as unknown as { destroyed: boolean }).destroyed;
  }

  /** What is gathered, as a view of the room (nothing is written there again): written now, or to sonic-boom. */
  #handOn(): void {
    if (this.#end === this.#start) return;
    const chunk = this.#room.subarray(this.#start, this.#end);
    this.#start = this.#end;
    const rest = this.#writeNow(chunk);
    // Given bytes (`contentMode: 'buffer'`), sonic-boom takes them as they are; its types say text.
    if (rest.length > 0) this.#out.write(rest as unknown as string);
  }

  /**
   * Writes as much of the chunk as the output takes at once, as Node's own standard output does
   * (synchronously to a file, a pipe tried first and queued only when full), and answers the rest.
   * An asynchronous write is a task for one of libuv's threads and two wake-ups: about 50 µs of
   * CPU for a 16 KiB chunk to a file, against 7 µs written directly. Only when sonic-boom holds
   * nothing (else the chunk would pass lines written before it). Standard output, made
   * non-blocking where it is a pipe (`bufferedStdout`), answers EAGAIN when full instead of
   * waiting; that and any failure leave the chunk to sonic-boom, which waits, retries, drops and
   * reports as before.
   */
  #writeNow(chunk: Buffer): Buffer {
    const queue = this.#out as unknown as { _writing: boolean; _len: number; fd: number };
    if (queue._writing || queue._len > 0) return chunk;
    try {
      return chunk.subarray(writeSync(queue.fd, chunk));
    } catch {
      return chunk;
    }
  }
}

let stdoutLines: ChunkedLines | undefined;

/** Lines of standard output dropped so far: a stalled, failed or closed output (the metrics report it). */
export const droppedLogLines = (): number => stdoutLines?.droppedLines ?? 0;

/**
 * Standard output, written a chunk at a time: one write per request line cost about a tenth of the
 * token endpoint's throughput. A line waits at most FLUSH_MS; stopping flushes.
 */
export function bufferedStdout(): DestinationStream {
  // Node's own stdout stream, once made, opens a pipe non-blocking: a write the reader does not take
  // then returns at once (and is retried) instead of blocking one of libuv's threads, which the
  // process waits for at exit. Nothing else may have made it yet (a restart that hashes nothing).
  void process.stdout;
  // Chunks are gathered here; `minLength: 1` still matters: with none, sonic-boom's flush calls back
  // at once instead of once its writes are done, and a stopping server would exit before them.
  // sonic-boom itself rather than pino.destination(), whose exit hook flushes it synchronously
  // (forever, on a full disk) and whose error handling turns a failed write into an uncaught exception.
  const out = new sonicBoom.SonicBoom({ fd: 1, sync: false, minLength: 1, maxLength: MAX_UNWRITTEN_BYTES, contentMode: 'buffer' });
  const lines = new ChunkedLines(out);
  stdoutLines = lines;
  setInterval(() => lines.flush(), FLUSH_MS).unref();
  // However the process ends (its work done, process.exit, an uncaught exception), what sonic-boom
  // holds and what is gathered here are written: nothing else flushes this stream at exit. A stop
  // that gave up on a stalled reader (abandonUnwrittenLines) destroyed the stream first: nothing to write.
  process.on('exit', () => {
    if (!lines.destroyed) lines.flushSync();
  });
  return lines;
}
