/**
 * Files streamed to and from the admin API with a progress bar (bytes, rate and, for uploads, the
 * ETA) on a terminal: imports send the file as it is read, exports write the answer as it comes.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { writePrivateFile } from '../platform/private-files.ts';
import type { CliContext } from './context.ts';
import { CliError, EXIT } from './exit-codes.ts';

type Params = { path?: Record<string, string>; query?: Record<string, unknown> };

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new CliError(`${file} cannot be read: ${(error as Error).message}`, EXIT.usage);
  }
}

/** Counts bytes through, updating the bar with the rate in MB/s. */
function counter(bar: SingleBar | undefined): Transform {
  const started = Date.now();
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      bar?.update(bytes, { rate: (bytes / 1e6 / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1) });
      done(null, chunk);
    },
  });
}

const progressBar = (ctx: CliContext, format: string) =>
  ctx.out.json || !process.stderr.isTTY ? undefined : new SingleBar({ format, hideCursor: true, stream: process.stderr, etaBuffer: 50 });

/** POSTs the file as the request body; resolves with the server's JSON answer. */
export async function upload<T>(ctx: CliContext, path: string, params: Params, file: string, headers: Record<string, string> = {}): Promise<T> {
  const size = fileSize(file);
  const bar = progressBar(ctx, 'sending {bar} {percentage}% | {rate} MB/s | ETA {eta_formatted}');
  bar?.start(size, 0, { rate: '0.0' });
  try {
    const { data } = (await ctx.admin().api.POST(path as never, {
      params,
      body: Readable.toWeb(createReadStream(file).compose(counter(bar))),
      bodySerializer: (body: unknown) => body,
      headers: { 'content-type': 'application/octet-stream', ...headers },
      duplex: 'half',
      // Sent once, as it is read: not kept for a retry (the SDK would hold the whole file).
      sendOnce: true,
      signal: ctx.signal,
    } as never)) as { data?: T };
    if (data === undefined) throw new CliError('the server answered without a body', EXIT.refused);
    return data;
  } finally {
    bar?.stop();
  }
}

/** GETs a streamed answer into `output` (or standard output); says where it went. */
export async function download(ctx: CliContext, path: string, params: Params, output: string | undefined, headers: Record<string, string> = {}): Promise<void> {
  const { response } = await ctx.admin().api.GET(path as never, { params, headers, parseAs: 'stream', signal: ctx.signal } as never);
  if (!response.body) throw new CliError('the export answered no body', EXIT.refused);
  const bar = output ? progressBar(ctx, 'receiving {value} bytes | {rate} MB/s') : undefined;
  bar?.start(0, 0, { rate: '0.0' });
  const received = Readable.fromWeb(response.body as never).compose(counter(bar));
  try {
    // A file is written under a fresh private name and renamed over whatever was there (an older,
    // looser file, someone's descriptor on it, a symlink), so none of them sees the export. Standard
    // output stays open for whatever comes after.
    await (output ? writePrivateFile(output, received) : pipeline(received, process.stdout, { end: false }));
  } finally {
    // Unread when the file could not be created: the answer would hold the connection, and the process, open.
    received.destroy();
    bar?.stop();
  }
  if (output) process.stderr.write(`Exported to ${output}.\n`);
}
