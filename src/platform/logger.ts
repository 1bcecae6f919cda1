import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyStream } from './pretty-log.ts';

/**
 * The JSON logger. Logs must never carry passwords, tokens or secrets, so anything that could hold
 * one is redacted wherever it appears in a log object (top level and two levels down), and requests
 * are logged by path only: later features put one-time tokens in query strings.
 */
const SECRET_FIELDS = [
  'password',
  'current_password',
  'new_password',
  'token',
  'refresh_token',
  'access_token',
  'id_token',
  'secret',
  'client_secret',
  // An API key, shown once at creation or retrieved by an operator (src/api-keys).
  'api_key',
  'authorization',
  'cookie',
  'set-cookie',
  // SMS provider credentials (src/sms), should a configuration object ever be logged.
  'twilioAuthToken',
  'auth_token',
  'smsWebhookHeaders',
];

const SECRETS = new Set(SECRET_FIELDS);
const CENSOR = '[redacted]';
/** How deep secrets are looked for: a field at the top, one level down, or two (`*.*.token`). */
const DEPTH = 3;

/**
 * Plain objects, arrays and errors are looked into; instances of other classes (a stream, a request,
 * a Buffer) are not: log plain objects, as the code here does, or give the class a serializer.
 */
function inspectable(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Array.isArray(value) || value instanceof Error;
}

/** A copy of an error that stays one (its type and stack are what the error serializer prints). */
function copyOf(value: object): Record<string, unknown> {
  if (Array.isArray(value)) return [...value] as unknown as Record<string, unknown>;
  if (!(value instanceof Error)) return { ...value };
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  return Object.assign(copy, value, { message: value.message, stack: value.stack });
}

/**
 * The log object with every secret-named field censored, up to two levels down; the caller's
 * objects are never changed (a copy is made only where something is censored). Hand-written
 * rather than pino's `redact`: its wildcard paths cost about 40 µs on every line, which on a
 * busy server was several per cent of all its CPU.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth >= DEPTH || value === null || typeof value !== 'object' || !inspectable(value)) return value;
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const inner = source[key];
    const next = SECRETS.has(key) ? CENSOR : redactSecrets(inner, depth + 1);
    if (next !== inner) (copy ??= copyOf(source))[key] = next;
  }
  return (copy ?? value) as T;
}

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
}

/** Fastify hands its request object to this serializer; the query string is dropped. */
export function serializeRequest(request: LoggedRequest) {
  return { method: request.method, path: request.url.split('?')[0], remote_address: request.ip };
}

export type LogFormat = 'auto' | 'json' | 'pretty';

export interface LoggerOptions {
  level: string;
  /** JSON lines, readable lines, or (auto) readable when standard output is a terminal. JSON when absent. */
  format?: LogFormat;
  /** Where lines go; standard output when absent (tests capture into a stream). */
  destination?: DestinationStream;
}

function destinationOf(options: LoggerOptions): DestinationStream {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  if (pretty) return prettyStream(options.destination ?? process.stdout);
  return options.destination ?? bufferedStdout();
}

/** Lines are written at least this often when they trickle in (a buffer not yet full waits no longer). */
const FLUSH_MS = 1000;

/**
 * Lines kept while standard output is not taken (a log reader that stalls): beyond this, new lines
 * are dropped rather than held in memory without bound.
 */
const MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;

type Lines = ReturnType<typeof pino.destination>;

/**
 * Lines handed to sonic-boom as bytes. Given text, sonic-boom measures the UTF-8 length of all it
 * holds on every write, and each measure copies the pending text (up to 4 KiB) into one string
 * again: about 2.5 µs a line, 4 µs where 1 µs is the line's own encoding. Given bytes, it keeps a
 * list and a count. Nothing is held here: pino's exit handling (registered for `out`) sees it all.
 */
class EncodedLines implements DestinationStream {
  readonly #out: Lines;

  constructor(out: Lines) {
    this.#out = out;
  }

  write(line: string): void {
    this.#out.write(Buffer.from(line) as unknown as string);
  }

  flush(callback?: (error?: Error) => unknown): void {
    this.#out.flush(callback);
  }

  flushSync(): void {
    this.#out.flushSync();
  }

  destroy(): void {
    this.#out.destroy();
  }

  get destroyed(): boolean {
    // At run time sonic-boom has it; its types leave it out.
    return (this.#out as unknown as { destroyed: boolean }).destroyed;
  }
}

/**
 * Standard output, written in batches of about 4 KiB: one write per request line cost about a
 * tenth of the token endpoint's throughput. A line waits at most FLUSH_MS; stopping flushes.
 */
function bufferedStdout(): DestinationStream {
  // Node's own stdout stream, once made, opens a pipe non-blocking: a write the reader does not take
  // then returns at once (and is retried) instead of blocking one of libuv's threads, which the
  // process waits for at exit. Nothing else may have made it yet (a restart that hashes nothing).
  void process.stdout;
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096, maxLength: MAX_UNWRITTEN_BYTES, contentMode: 'buffer' });
  setInterval(() => stream.flush(), FLUSH_MS).unref();
  return new EncodedLines(stream);
}

/**
 * Gives up the lines not yet written, so that exiting does not wait for them: pino writes what is
 * left synchronously at exit and, while the reader takes nothing, retries forever.
 */
export function abandonUnwrittenLines(logger: Logger): void {
  const stream = (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] as { destroy?: () => void; destroyed?: boolean } | undefined;
  if (stream && typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy();
}

/**
 * pino's ISO time (`,"time":"…"`), formatted once per millisecond: at thousands of lines a second
 * most lines share their millisecond, and formatting a date was 2% of a validate request's CPU.
 */
function isoTimeOncePerMillisecond(): () => string {
  let formattedAt = -1;
  let formatted = '';
  return () => {
    const now = Date.now();
    if (now !== formattedAt) {
      formattedAt = now;
      formatted = `,"time":"${new Date(now).toISOString()}"`;
    }
    return formatted;
  };
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      // What a line logs. A child logger's bindings (a request id) are not looked into: bind no secret.
      formatters: { log: (object) => redactSecrets(object) },
      serializers: { req: serializeRequest, err: pino.stdSerializers.err },
      timestamp: isoTimeOncePerMillisecond(),
    },
    destinationOf(options),
  );
}

export type { Logger };

/**
 * What a failure underneath says, for a log line: its type, message and the codes that name a
 * system error, nothing else. Client errors carry more (ioredis attaches the command that failed:
 * for AUTH, the password; for a script, the keys with addresses and user ids), which no log keeps.
 */
export function faultSummary(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, errno, syscall } = error as Error & { code?: unknown; errno?: unknown; syscall?: unknown };
  return { type: error.name, message: error.message, ...Object.fromEntries(Object.entries({ code, errno, syscall }).filter(([, value]) => typeof value === 'string' || typeof value === 'number')) };
}
