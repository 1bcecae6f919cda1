import type { DefaultTemplate } from './account-messages.ts';

/**
 * Default templates of the messages sent by SMS (src/sms). Only the text part is sent; an SMS has
 * no subject and no HTML, so those stay empty. Kept short: 160 GSM characters fit in one SMS.
 */
export const smsOtp: DefaultTemplate = {
  subject: '',
  html: '',
  text: '{{code}} is your {{realm_name}} code. It expires in {{expires_in}}.',
};
