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
  'authorization',
  'cookie',
  // SMS provider credentials (src/sms), should a configuration object ever be logged.
  'twilioAuthToken',
  'auth_token',
  'smsWebhookHeaders',
];

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

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
  return options.destination ?? pino.destination({ dest: 1, sync: false });
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { req: serializeRequest, err: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destinationOf(options),
  );
}

export type { Logger };
