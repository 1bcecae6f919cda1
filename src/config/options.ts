/**
 * Every configuration option, declared once: its environment variable, config-file key, default
 * and how its value is parsed. The README's configuration reference is written from this table.
 */

import { compileWebhookBody, DEFAULT_WEBHOOK_BODY, parseWebhookHeaders } from '../sms/webhook-format.ts';

export type Parser<T> = (raw: string) => T;

export class OptionValueError extends Error {}

export interface OptionSpec<T> {
  env: string;
  /** What the option accepts, used in the one-line error when a value is refused. */
  accepts: string;
  default: T;
  parse: Parser<T>;
}

function integer(min: number, max: number): Parser<number> {
  return (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new OptionValueError();
    const value = Number(raw);
    if (value < min || value > max) throw new OptionValueError();
    return value;
  };
}

function oneOf<const T extends string>(...values: T[]): Parser<T> {
  return (raw) => {
    if (!(values as string[]).includes(raw)) throw new OptionValueError();
    return raw as T;
  };
}

const text: Parser<string> = (raw) => raw;

/**
 * A URL that must not carry `user:password@`: fetch refuses such URLs, and the error it throws
 * quotes the URL, which would put the credentials into message errors, events and logs.
 */
function urlWithoutCredentials(...protocols: string[]): Parser<string> {
  const parse = url(...protocols);
  return (raw) => {
    const value = parse(raw);
    const parsed = new URL(value);
    if (parsed.username !== '' || parsed.password !== '') throw new OptionValueError();
    return value;
  };
}

function url(...protocols: string[]): Parser<string> {
  return (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new OptionValueError();
    }
    if (!protocols.includes(parsed.protocol)) throw new OptionValueError();
    return raw.replace(/\/+$/, '');
  };
}

const optionalText: Parser<string | undefined> = (raw) => (raw === '' ? undefined : raw);

const boolean: Parser<boolean> = (raw) => {
  if (['true', '1', 'on', 'yes'].includes(raw)) return true;
  if (['false', '0', 'off', 'no'].includes(raw)) return false;
  throw new OptionValueError();
};

function optional<T>(parse: Parser<T>): Parser<T | undefined> {
  return (raw) => (raw === '' ? undefined : parse(raw));
}

/** A parser that throws its own errors, refusing the value with the option's one line instead. */
function refusing<T>(parse: Parser<T>): Parser<T> {
  return (raw) => {
    try {
      return parse(raw);
    } catch {
      throw new OptionValueError();
    }
  };
}

function matching(pattern: RegExp): Parser<string> {
  return (raw) => {
    if (!pattern.test(raw)) throw new OptionValueError();
    return raw;
  };
}

const masterKey: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  if (Buffer.from(raw, 'base64').length !== 32) throw new OptionValueError();
  return raw;
};

/** `address` or `Name <address>`: a mail sender. */
const mailbox: Parser<{ name: string | null; address: string } | undefined> = (raw) => {
  if (raw.trim() === '') return undefined;
  const match = /^\s*(?:([^<>"\r\n]*?)\s*<([^\s@<>",]+@[^\s@<>",]+)>|([^\s@<>",]+@[^\s@<>",]+))\s*$/.exec(raw);
  if (!match) throw new OptionValueError();
  return match[3] ? { name: null, address: match[3] } : { name: match[1] || null, address: match[2] };
};

/** Domain names, comma-separated (`example.com, mail.example.org`), kept in lower case; empty: undefined. */
const domainList: Parser<string[] | undefined> = (raw) => {
  const domains = raw.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  if (domains.length === 0) return undefined;
  if (domains.some((domain) => !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(domain))) throw new OptionValueError();
  return domains;
};

/** E.164 prefixes, comma-separated (`+1, +44`); empty: undefined. */
const prefixList: Parser<string[] | undefined> = (raw) => {
  const prefixes = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (prefixes.length === 0) return undefined;
  if (prefixes.some((prefix) => !/^\+[1-9]\d{0,5}$/.test(prefix))) throw new OptionValueError();
  return prefixes;
};

export const options = {
  port: { env: 'KEYREALM_PORT', accepts: 'a port number 0-65535', default: 8080, parse: integer(0, 65535) },
  host: { env: 'KEYREALM_HOST', accepts: 'an interface address to listen on', default: '0.0.0.0', parse: text },
  publicUrl: {
    env: 'KEYREALM_PUBLIC_URL',
    accepts: 'an http(s) URL, the base of every token issuer',
    // Unset: http://localhost and the port listened on (src/config/config.ts).
    default: undefined as string | undefined,
    parse: url('http:', 'https:'),
  },
  dataDir: { env: 'KEYREALM_DATA_DIR', accepts: 'a directory path', default: './data', parse: text },
  databaseUrl: {
    env: 'KEYREALM_DATABASE_URL',
    accepts: 'a postgres:// URL (unset: embedded SQLite in the data directory)',
    default: undefined,
    parse: optional(url('postgres:', 'postgresql:')),
  },
  databasePoolSize: { env: 'KEYREALM_DATABASE_POOL_SIZE', accepts: 'an integer 1-200', default: 10, parse: integer(1, 200) },
  databasePoolWaitMs: { env: 'KEYREALM_DATABASE_POOL_WAIT_MS', accepts: 'milliseconds, 100-600000', default: 10_000, parse: integer(100, 600_000) },
  databasePreparedStatements: { env: 'KEYREALM_DATABASE_PREPARED_STATEMENTS', accepts: 'on or off', default: true, parse: boolean },
  redisUrl: {
    env: 'KEYREALM_REDIS_URL',
    accepts: 'a redis:// URL (unset: rate limits are kept in process)',
    default: undefined,
    parse: optional(url('redis:', 'rediss:')),
  },
  masterKey: {
    env: 'KEYREALM_MASTER_KEY',
    accepts: '32 bytes, base64-encoded (openssl rand -base64 32)',
    default: undefined,
    parse: masterKey,
  },
  adminEmail: { env: 'KEYREALM_ADMIN_EMAIL', accepts: 'an email address', default: undefined, parse: optionalText },
  adminPassword: { env: 'KEYREALM_ADMIN_PASSWORD', accepts: 'a password of 8-1024 characters', default: undefined, parse: optionalText },
  maxRealms: { env: 'KEYREALM_MAX_REALMS', accepts: 'an integer 1-1000000', default: 100, parse: integer(1, 1_000_000) },
  trustProxy: {
    env: 'KEYREALM_TRUST_PROXY',
    accepts: "'false', 'true', a hop count, or a comma-separated list of proxy addresses/CIDRs",
    default: false as boolean | number | string[],
    parse: (raw: string): boolean | number | string[] => {
      if (raw === 'false' || raw === '') return false;
      if (raw === 'true') return true;
      if (/^\d+$/.test(raw)) return Number(raw);
      return raw.split(',').map((part) => part.trim()).filter(Boolean);
    },
  },
  logLevel: {
    env: 'KEYREALM_LOG_LEVEL',
    accepts: 'fatal, error, warn, info, debug, trace or silent',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  logFormat: {
    env: 'KEYREALM_LOG_FORMAT',
    accepts: 'auto (readable when standard output is a terminal, else JSON), json or pretty',
    default: 'auto' as 'auto' | 'json' | 'pretty',
    parse: oneOf('auto', 'json', 'pretty'),
  },
  bodyLimit: { env: 'KEYREALM_BODY_LIMIT', accepts: 'a byte count 1024-10485760', default: 102_400, parse: integer(1024, 10_485_760) },
  workers: {
    env: 'KEYREALM_WORKERS',
    accepts: "an integer 1-64, or 'auto' for one per core",
    default: 1,
    parse: (raw: string) => (raw === 'auto' ? 0 : integer(1, 64)(raw)),
  },
  rateLimits: { env: 'KEYREALM_RATE_LIMITS', accepts: 'on or off', default: true, parse: boolean },
  // Identity providers and the breached-password range API reached over plain http:// on loopback (tests, development): never in production.
  allowInsecureUpstreams: { env: 'KEYREALM_ALLOW_INSECURE_UPSTREAMS', accepts: 'on or off', default: false, parse: boolean },
  rateLimitLoginPerIp: {
    env: 'KEYREALM_RATE_LIMIT_LOGIN_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 60,
    parse: integer(1, 1_000_000),
  },
  rateLimitOperatorLoginPerIp: {
    env: 'KEYREALM_RATE_LIMIT_OPERATOR_LOGIN_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 20,
    parse: integer(1, 1_000_000),
  },
  rateLimitLoginPerIdentifier: {
    env: 'KEYREALM_RATE_LIMIT_LOGIN_PER_IDENTIFIER',
    accepts: 'requests per minute, 1-1000000',
    default: 10,
    parse: integer(1, 1_000_000),
  },
  rateLimitRefreshPerIp: {
    env: 'KEYREALM_RATE_LIMIT_REFRESH_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 600,
    parse: integer(1, 1_000_000),
  },
  argon2MemoryKib: { env: 'KEYREALM_ARGON2_MEMORY_KIB', accepts: 'KiB, 1024-4194304', default: 19_456, parse: integer(1024, 4_194_304) },
  argon2Passes: { env: 'KEYREALM_ARGON2_PASSES', accepts: 'an integer 1-20', default: 2, parse: integer(1, 20) },
  argon2Parallelism: { env: 'KEYREALM_ARGON2_PARALLELISM', accepts: 'an integer 1-16', default: 1, parse: integer(1, 16) },
  hashingQueuePerRealm: { env: 'KEYREALM_HASHING_QUEUE_PER_REALM', accepts: 'an integer 1-100000', default: 64, parse: integer(1, 100_000) },
  rateLimitPasswordChangePerUser: {
    env: 'KEYREALM_RATE_LIMIT_PASSWORD_CHANGE_PER_USER',
    accepts: 'requests per minute, 1-1000000',
    default: 5,
    parse: integer(1, 1_000_000),
  },
  rateLimitApiKeyCreatePerOwner: {
    env: 'KEYREALM_RATE_LIMIT_API_KEY_CREATE_PER_OWNER',
    accepts: 'requests per minute, 1-1000000',
    default: 10,
    parse: integer(1, 1_000_000),
  },
  rateLimitSignUpPerIp: {
    env: 'KEYREALM_RATE_LIMIT_SIGN_UP_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 10,
    parse: integer(1, 1_000_000),
  },
  rateLimitRecoveryPerIp: {
    env: 'KEYREALM_RATE_LIMIT_RECOVERY_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 10,
    parse: integer(1, 1_000_000),
  },
  rateLimitRecoveryPerAddress: {
    env: 'KEYREALM_RATE_LIMIT_RECOVERY_PER_ADDRESS',
    accepts: 'requests per minute, 1-1000000',
    default: 3,
    parse: integer(1, 1_000_000),
  },
  rateLimitRecoveryPerAddressHour: {
    env: 'KEYREALM_RATE_LIMIT_RECOVERY_PER_ADDRESS_HOUR',
    accepts: 'requests per hour, 1-1000000',
    default: 10,
    parse: integer(1, 1_000_000),
  },
  rateLimitTokenPerIp: {
    env: 'KEYREALM_RATE_LIMIT_TOKEN_PER_IP',
    accepts: 'requests per minute, 1-1000000',
    default: 30,
    parse: integer(1, 1_000_000),
  },
  rateLimitMfaCheckPerUser: {
    env: 'KEYREALM_RATE_LIMIT_MFA_CHECK_PER_USER',
    accepts: 'requests per minute, 1-1000000',
    default: 5,
    parse: integer(1, 1_000_000),
  },
  smtpUrl: {
    env: 'KEYREALM_SMTP_URL',
    accepts: 'an smtp:// or smtps:// URL, with user:password@ when the server wants them (unset: messages go to <data dir>/outbox)',
    default: undefined,
    parse: optional(url('smtp:', 'smtps:')),
  },
  outboxLogLinks: {
    env: 'KEYREALM_OUTBOX_LOG_LINKS',
    accepts: 'true or false (unset: true only when KEYREALM_PUBLIC_URL is on localhost, 127.0.0.0/8 or [::1])',
    default: undefined,
    parse: optional(boolean),
  },
  mailFrom: {
    env: 'KEYREALM_MAIL_FROM',
    accepts: "an email address, or 'Name <address>' (unset: no-reply@ the host of KEYREALM_PUBLIC_URL)",
    default: undefined,
    parse: mailbox,
  },
  mailSenderDomains: {
    env: 'KEYREALM_MAIL_SENDER_DOMAINS',
    accepts: "domain names realms may send from (a realm's email.from_address), comma-separated, each with its subdomains (unset: any)",
    default: undefined,
    parse: domainList,
  },
  mailPollMs: { env: 'KEYREALM_MAIL_POLL_MS', accepts: 'milliseconds, 50-3600000', default: 1000, parse: integer(50, 3_600_000) },
  // Live event streams (src/events/event-streams.ts, docs/events.md#live-events).
  eventStreamPollMs: { env: 'KEYREALM_EVENT_STREAM_POLL_MS', accepts: 'milliseconds, 10-60000', default: 500, parse: integer(10, 60_000) },
  eventStreamSettleMs: { env: 'KEYREALM_EVENT_STREAM_SETTLE_MS', accepts: 'milliseconds, 0-60000', default: 2000, parse: integer(0, 60_000) },
  eventStreamHeartbeatMs: { env: 'KEYREALM_EVENT_STREAM_HEARTBEAT_MS', accepts: 'milliseconds, 10-300000', default: 15_000, parse: integer(10, 300_000) },
  eventStreamsPerToken: { env: 'KEYREALM_EVENT_STREAMS_PER_TOKEN', accepts: 'open streams, 1-1000', default: 5, parse: integer(1, 1000) },
  eventStreamsPerInstance: { env: 'KEYREALM_EVENT_STREAMS_PER_INSTANCE', accepts: 'open streams, 1-100000', default: 500, parse: integer(1, 100_000) },
  // Webhooks (src/webhooks, docs/webhooks.md): plain http to loopback endpoints is for development and tests only.
  webhooksAllowLoopback: { env: 'KEYREALM_WEBHOOKS_ALLOW_LOOPBACK', accepts: 'on or off', default: false, parse: boolean },
  webhookPollMs: { env: 'KEYREALM_WEBHOOK_POLL_MS', accepts: 'milliseconds, 50-3600000', default: 1000, parse: integer(50, 3_600_000) },
  // SMS (src/sms, docs/sms.md); which options go together is checked by src/sms/sms-settings.ts.
  smsProvider: { env: 'KEYREALM_SMS_PROVIDER', accepts: 'outbox, webhook or twilio', default: 'outbox' as 'outbox' | 'webhook' | 'twilio', parse: oneOf('outbox', 'webhook', 'twilio') },
  smsCountries: {
    env: 'KEYREALM_SMS_COUNTRIES',
    accepts: 'calling-code prefixes SMS may go to, comma-separated, such as +1,+44,+49 (unset: any)',
    default: undefined,
    parse: prefixList,
  },
  smsWebhookUrl: {
    env: 'KEYREALM_SMS_WEBHOOK_URL',
    // Credentials in the URL are refused too; README says they go in KEYREALM_SMS_WEBHOOK_HEADERS.
    accepts: 'an http(s) URL',
    default: undefined,
    parse: optional(urlWithoutCredentials('http:', 'https:')),
  },
  smsWebhookHeaders: {
    env: 'KEYREALM_SMS_WEBHOOK_HEADERS',
    accepts: 'a JSON object of header names to string values',
    default: undefined,
    parse: optional(refusing(parseWebhookHeaders)),
  },
  smsWebhookBody: {
    env: 'KEYREALM_SMS_WEBHOOK_BODY',
    accepts: 'a Handlebars template giving JSON, with {{to}}, {{body}}, {{message_id}} and {{realm_id}} inside quotes',
    default: DEFAULT_WEBHOOK_BODY,
    parse: refusing((raw) => (compileWebhookBody(raw), raw)),
  },
  twilioAccountSid: {
    env: 'KEYREALM_TWILIO_ACCOUNT_SID',
    accepts: 'an account SID (letters, digits, - and _)',
    default: undefined,
    parse: optional(matching(/^[A-Za-z0-9_-]{1,128}$/)),
  },
  twilioAuthToken: { env: 'KEYREALM_TWILIO_AUTH_TOKEN', accepts: 'the auth token of the account', default: undefined, parse: optionalText },
  twilioFrom: {
    env: 'KEYREALM_TWILIO_FROM',
    accepts: 'an E.164 number (+ and 7 to 15 digits), a Messaging Service SID (MG…) or an alphanumeric sender ID of 1-11 characters',
    default: undefined,
    parse: optional(matching(/^(?:\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|(?=[A-Za-z0-9 ]*[A-Za-z])[A-Za-z0-9 ]{1,11})$/)),
  },
  twilioBaseUrl: { env: 'KEYREALM_TWILIO_BASE_URL', accepts: 'an http(s) URL without user:password', default: 'https://api.twilio.com', parse: urlWithoutCredentials('http:', 'https:') },
} satisfies Record<string, OptionSpec<unknown>>;

export type OptionName = keyof typeof options;
type OptionValues = { [K in OptionName]: ReturnType<(typeof options)[K]['parse']> | (typeof options)[K]['default'] };
/** The options' values; the public URL is always known once the configuration is loaded. */
export type Config = Omit<OptionValues, 'publicUrl'> & { publicUrl: string };
