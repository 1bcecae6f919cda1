import { join } from 'node:path';
import { options, type Config } from '../config/options.ts';
import type { Logger } from '../platform/logger.ts';
import { outboxSmsSender } from './outbox-sender.ts';
import { countriesOnly } from './sms-countries.ts';
import type { SmsSender } from './sms-sender.ts';
import { twilioSmsSender } from './twilio-sender.ts';
import { compileWebhookBody } from './webhook-format.ts';
import { webhookSmsSender } from './webhook-sender.ts';

/**
 * Which SMS options go together. Each option is parsed on its own (src/config/options.ts); here a
 * provider's required options must be set, and another provider's must not be (a webhook URL set
 * while SMS still go to the outbox is a mistake that would go unnoticed until a user waits for a code).
 */
type SmsOption = 'smsWebhookUrl' | 'smsWebhookHeaders' | 'smsWebhookBody' | 'twilioAccountSid' | 'twilioAuthToken' | 'twilioFrom' | 'twilioBaseUrl';

const required: Record<Config['smsProvider'], SmsOption[]> = {
  outbox: [],
  webhook: ['smsWebhookUrl'],
  twilio: ['twilioAccountSid', 'twilioAuthToken', 'twilioFrom'],
};

const belongsTo: Record<SmsOption, Config['smsProvider']> = {
  smsWebhookUrl: 'webhook',
  smsWebhookHeaders: 'webhook',
  smsWebhookBody: 'webhook',
  twilioAccountSid: 'twilio',
  twilioAuthToken: 'twilio',
  twilioFrom: 'twilio',
  twilioBaseUrl: 'twilio',
};

const isSet = (config: Config, name: SmsOption) => config[name] !== undefined && config[name] !== options[name].default;

/** The one line that stops the server when the SMS options do not go together; undefined when they do. */
export function smsOptionsProblem(config: Config): string | undefined {
  const provider = config.smsProvider;
  const missing = required[provider].find((name) => config[name] === undefined);
  if (missing) return `Invalid configuration: ${options[missing].env} must be set when KEYREALM_SMS_PROVIDER is ${provider}.`;
  const stray = (Object.keys(belongsTo) as SmsOption[]).find((name) => belongsTo[name] !== provider && isSet(config, name));
  if (stray) {
    return `Invalid configuration: ${options[stray].env} is set but KEYREALM_SMS_PROVIDER is ${provider} (set KEYREALM_SMS_PROVIDER=${belongsTo[stray]}, or unset ${options[stray].env}).`;
  }
  return undefined;
}

/** The configured provider; throws the same line as start-up when the options do not go together. */
export function createSmsSender(config: Config, logger: Pick<Logger, 'info'>): SmsSender {
  const problem = smsOptionsProblem(config);
  if (problem) throw new Error(problem);
  return countriesOnly(providerSender(config, logger), config.smsCountries);
}

function providerSender(config: Config, logger: Pick<Logger, 'info'>): SmsSender {
  switch (config.smsProvider) {
    case 'webhook':
      return webhookSmsSender({
        url: config.smsWebhookUrl as string,
        headers: config.smsWebhookHeaders ?? {},
        body: compileWebhookBody(config.smsWebhookBody),
      });
    case 'twilio':
      return twilioSmsSender({
        accountSid: config.twilioAccountSid as string,
        authToken: config.twilioAuthToken as string,
        from: config.twilioFrom as string,
        baseUrl: config.twilioBaseUrl,
      });
    default:
      return outboxSmsSender(join(config.dataDir, 'sms-outbox'), logger);
  }
}
