import { randomBytes } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, through its reference package):
 * a secret is `whsec_` and base64 of 32 random bytes; a message carries `webhook-id`,
 * `webhook-timestamp` (seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256>`, space-separated
 * when more than one secret signs — both the new and the previous one for 24 hours after a rotation,
 * so a receiver can switch secrets at its own pace).
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export interface SignedHeaders {
  'content-type': 'application/json';
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signedHeaders(secrets: string[], messageId: string, at: Date, payload: string): SignedHeaders {
  const signatures = secrets.map((secret) => new StandardWebhook(secret).sign(messageId, at, payload));
  return {
    'content-type': 'application/json',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
