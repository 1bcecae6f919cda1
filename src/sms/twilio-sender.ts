import { providerWords, SMS_REQUEST_TIMEOUT_MS, unreachable, type SmsSender } from './sms-sender.ts';

/**
 * Twilio's Messages API, or any service that speaks it: `POST {base}/2010-04-01/Accounts/{sid}/
 * Messages.json`, form-encoded `To`, `From` and `Body`, HTTP basic authentication with the account
 * SID and auth token. A `From` starting with `MG` is a Messaging Service and goes as
 * `MessagingServiceSid`. The auth token is never logged nor put in an error.
 */
export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /** `https://api.twilio.com`, or a compatible service (tests point it at a local server). */
  baseUrl: string;
}

const MESSAGING_SERVICE = /^MG[0-9a-fA-F]{32}$/;

export function twilioSmsSender(settings: TwilioSettings): SmsSender {
  const url = `${settings.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const sender: Record<string, string> = MESSAGING_SERVICE.test(settings.from) ? { MessagingServiceSid: settings.from } : { From: settings.from };

  return {
    name: 'twilio',
    async send(message) {
      const form = new URLSearchParams({ To: message.to, ...sender, Body: message.body });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': 'Keyrealm' },
          body: form.toString(),
          redirect: 'manual',
          signal: AbortSignal.timeout(SMS_REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        throw unreachable('Twilio API', error);
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok) throw new Error(`the Twilio API answered HTTP ${response.status}${explain(answer, message.body)}`);
    },
  };
}

/** Twilio's error document is `{ code, message, more_info, status }`; its code and message say what to fix. */
function explain(answer: string, body: string): string {
  let words = answer;
  try {
    const parsed = JSON.parse(answer) as { code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') words = `${typeof parsed.code === 'number' ? `${parsed.code} ` : ''}${parsed.message}`;
  } catch {
    // Not JSON (a proxy's error page): its text, bounded.
  }
  const cleaned = providerWords(words, body);
  return cleaned ? `: ${cleaned}` : '';
}
