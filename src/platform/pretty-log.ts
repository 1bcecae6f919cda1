import { Writable } from 'node:stream';

/**
 * The readable log for a terminal: pino writes its JSON lines into this stream, which prints each
 * as `12:00:01.234 INFO  message key=value…`, coloured by level (and a request line by status).
 * Small on purpose: a pretty-printing library would add dependencies and resident memory to every
 * server process for something only a person at a terminal looks at.
 */
const LEVELS: Record<number, [name: string, colour: number]> = {
  10: ['TRACE', 90],
  20: ['DEBUG', 36],
  30: ['INFO ', 32],
  40: ['WARN ', 33],
  50: ['ERROR', 31],
  60: ['FATAL', 35],
};

/** Fields every line has, or that the line's text already shows. */
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'err', 'method', 'url', 'status', 'ms']);

const paint = (colour: number, text: string, coloured: boolean) => (coloured ? `\x1b[${colour}m${text}\x1b[0m` : text);

function fieldText(value: unknown): string {
  return typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

/** One JSON log line as readable text; a line that is not JSON is passed through. */
export function formatLogLine(line: string, coloured: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  const [name, colour] = LEVELS[entry.level as number] ?? ['?????', 0];
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  let text = String(entry.msg ?? '');
  if (typeof entry.status === 'number') {
    const statusColour = entry.status >= 500 ? 31 : entry.status >= 400 ? 33 : 32;
    text = `${entry.method} ${entry.url} ${paint(statusColour, String(entry.status), coloured)} ${entry.ms}ms`;
  }
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN_ELSEWHERE.has(key))
    .map(([key, value]) => `${key}=${fieldText(value)}`);
  const rest = fields.length > 0 ? ` ${paint(90, fields.join(' '), coloured)}` : '';
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n    ${(err.stack ?? err.message ?? '').split('\n').join('\n    ')}` : '';
  return `${paint(90, time, coloured)} ${paint(colour, name, coloured)} ${text}${rest}${stack}\n`;
}

/** A destination for pino that writes readable lines to `output` (colours when it is a terminal). */
export function prettyStream(output: { write(text: string): unknown; isTTY?: boolean }): Writable {
  const coloured = output.isTTY === true && !process.env.NO_COLOR;
  let pending = '';
  return new Writable({
    write(chunk, _encoding, done) {
      const lines = (pending + String(chunk)).split('\n');
      pending = lines.pop() ?? '';
      const text = lines.filter(Boolean).map((line) => formatLogLine(line, coloured)).join('');
      if (text !== '') output.write(text);
      done();
    },
  });
}
