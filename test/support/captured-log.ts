import { PassThrough } from 'node:stream';
import pino from 'pino';

/** A pino logger whose lines are kept, parsed, for a test to look up by request id. */
export function capturedLog(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const captured = new PassThrough();
  captured.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  return {
    logger: pino({ level }, captured),
    lines,
    /** The line of a request, once the logger has had a moment to write it. */
    async lineFor(requestId: string): Promise<Record<string, unknown> | undefined> {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return lines.find((line) => line.request_id === requestId);
    },
  };
}

/** A line without what differs from run to run (the time, process, host and duration). */
export function stableFields(line: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!line) return undefined;
  const { time: _time, pid: _pid, hostname: _hostname, ms: _ms, ...stable } = line;
  return stable;
}
