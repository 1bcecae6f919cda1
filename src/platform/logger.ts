import pino, { type DestinationStream, type Logger } from 'pino';
import { bufferedStdout } from './log-destination.ts';
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
 * Writes a line of fields the caller has already written as JSON members (`"a":1,"b":"x"`),
 * byte for byte as `logger[level](fields, message)` would. For the line every request writes:
 * pino's general path (the redacting formatter, a serializer lookup and a stringifier per field)
 * cost about two microseconds of it. So nothing here is redacted or serialized: the members must
 * be valid JSON and hold nothing secret. `test/platform/logger.test.ts` holds it to pino's output.
 * Anything else (Fastify's silent logger, when an app is built without logging) is given the
 * fields as an object.
 */
export function writeLine(logger: Pick<Logger, 'info' | 'debug'>, level: 'info' | 'debug', members: string, message: string): void {
  const internals = logger as unknown as Record<symbol, unknown>;
  const { lsCacheSym, timeSym, chindingsSym, endSym, streamSym, hooksSym, needsMetadataGsym } = pino.symbols;
  const stream = internals[streamSym] as (DestinationStream & Record<symbol, unknown>) | undefined;
  // pino's own path where it does more than write the line: a stream that takes metadata (its
  // multistream), a hook on each write, or no pino at all.
  const general = stream === undefined || stream[needsMetadataGsym] === true || (internals[hooksSym] as { streamWrite?: unknown } | undefined)?.streamWrite !== undefined;
  if (general) return logger[level](JSON.parse(`{${members}}`) as object, message);
  const { levels, levelVal } = logger as Logger;
  const value = levels.values[level];
  if (value < levelVal) return;
  const start = (internals[lsCacheSym] as Record<number, string>)[value];
  const time = (internals[timeSym] as () => string).call(logger);
  stream.write(`${start}${time}${internals[chindingsSym] as string},${members},"msg":${JSON.stringify(message)}${internals[endSym] as string}`);
}

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
