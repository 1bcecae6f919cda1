/**
 * Where rendered SMS go. Three providers, chosen by KEYREALM_SMS_PROVIDER (src/sms/sms-settings.ts):
 * the outbox (default, files on disk), a generic HTTP webhook, and a Twilio-compatible REST API.
 * A sender resolves once the provider accepted the message and rejects otherwise; the mail worker
 * (which sends SMS too) retries rejected ones, except a PermanentDeliveryFailure (src/mail/
 * delivery-failure.ts), which fails the message at once. The body carries a code: senders never log it.
 */
export interface SmsMessage {
  /** E.164: `+` and 7 to 15 digits. */
  to: string;
  body: string;
  realmId: string;
  /** The queue's id (`msg_…`). */
  messageId: string;
}

export interface SmsSender {
  readonly name: 'outbox' | 'webhook' | 'twilio';
  send(message: SmsMessage): Promise<void>;
}

/** Well under the worker's 60-second lease, so a stalled provider fails the attempt instead of doubling the SMS. */
export const SMS_REQUEST_TIMEOUT_MS = 15_000;

/**
 * A provider's words for operators (they end up in `last_error` and the log), on one line and
 * bounded, without the message: a provider that echoes what it was sent must not leak the code.
 */
export function providerWords(text: string, body: string): string {
  let words = text.split(body).join('[message]');
  for (const digits of new Set(body.match(/\d{4,}/g) ?? [])) words = words.split(digits).join('[redacted]');
  return words.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** fetch's own rejections say only "fetch failed"; the cause says why (refused, DNS, timeout). */
export function unreachable(provider: string, error: unknown): Error {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? (cause.name === 'TimeoutError' ? `no answer within ${SMS_REQUEST_TIMEOUT_MS / 1000} s` : cause.message) : String(cause);
  return new Error(`could not reach the ${provider}: ${reason}`);
}
