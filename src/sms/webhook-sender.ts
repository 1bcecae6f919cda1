import { providerWords, SMS_REQUEST_TIMEOUT_MS, unreachable, type SmsSender } from './sms-sender.ts';
import type { WebhookBody } from './webhook-format.ts';

/**
 * A generic HTTP provider: POST to a configured URL, with configured headers (an API key, say)
 * and a JSON body from a configured template. Any 2xx answer means accepted; anything else fails
 * the attempt and the worker retries. Redirects are not followed (a failure): they would carry the code elsewhere.
 */
export interface WebhookSettings {
  url: string;
  headers: Record<string, string>;
  body: WebhookBody;
}

export function webhookSmsSender(settings: WebhookSettings): SmsSender {
  return {
    name: 'webhook',
    async send(message) {
      const payload = settings.body({ to: message.to, body: message.body, message_id: message.messageId, realm_id: message.realmId });
      let response: Response;
      try {
        response = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Keyrealm', ...settings.headers },
          body: payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(SMS_REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw unreachable('SMS webhook', error);
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok) {
        const words = providerWords(answer, message.body);
        throw new Error(`the SMS webhook answered HTTP ${response.status}${words ? `: ${words}` : ''}`);
      }
    },
  };
}
