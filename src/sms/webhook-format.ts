import type Handlebars from 'handlebars';
import { once, requirePackage } from '../platform/lazy.ts';

/**
 * The generic webhook's request: extra headers (a JSON object of strings) and the body, a
 * Handlebars template of JSON. Values are JSON-escaped, not HTML-escaped, so a template writes them
 * inside quotes: `{"to":"{{to}}","text":"{{body}}"}`. Both are checked when the configuration is
 * read (a leaf module: src/config/options.ts parses with it), so a bad one stops the server at start.
 */
export const DEFAULT_WEBHOOK_BODY = '{"to":"{{to}}","body":"{{body}}"}';

export interface WebhookValues {
  to: string;
  body: string;
  message_id: string;
  realm_id: string;
}

export type WebhookBody = (values: WebhookValues) => string;

// An environment of our own, strict (an unknown variable is an error), with no helper that writes
// to the console; `noEscape` because the values are escaped for JSON here instead. Loaded when a
// webhook body is first compiled: only with the webhook provider.
const handlebars = once(() => requirePackage<typeof Handlebars>('handlebars').create());
const compileOptions = { strict: true, noEscape: true, knownHelpersOnly: true, knownHelpers: { log: false } } as const;

/** The characters JSON would escape inside a string, and nothing else (the quotes are the template's). */
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);

// Quotes, backslashes, line breaks and non-ASCII: whatever the template, these must still give JSON.
const awkward: WebhookValues = { to: '+15550100', body: 'a "quoted"\\ line\nand ünïcode ✓', message_id: 'msg_x', realm_id: 'rlm_x' };

/** Compiles the template, or throws when it does not give JSON for every message. */
export function compileWebhookBody(source: string): WebhookBody {
  const template = handlebars().compile<Record<string, string>>(source, compileOptions);
  const render: WebhookBody = (values) =>
    template({ to: jsonEscaped(values.to), body: jsonEscaped(values.body), message_id: jsonEscaped(values.message_id), realm_id: jsonEscaped(values.realm_id) });
  JSON.parse(render(awkward));
  return render;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Set by the sender itself; a configured one would be sent twice or contradict the body.
const RESERVED = new Set(['content-length', 'host', 'transfer-encoding', 'connection']);

/** A JSON object of header names to string values, or throws. */
export function parseWebhookHeaders(raw: string): Record<string, string> {
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) throw new Error(`bad header name ${name}`);
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) throw new Error(`bad value for header ${name}`);
    headers[name.toLowerCase()] = value;
  }
  return headers;
}
