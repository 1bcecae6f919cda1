/**
 * The countries SMS may go to (KEYREALM_SMS_COUNTRIES: calling-code prefixes such as `+1,+44`).
 * SMS are billed to the server's provider account whichever realm sends them, and premium-rate
 * ranges abroad are how SMS pumping turns sign-in codes into money (found by review): a number
 * outside the list is never sent to.
 */
import { PermanentDeliveryFailure } from '../mail/delivery-failure.ts';
import type { SmsSender } from './sms-sender.ts';

/**
 * `sender`, refusing numbers outside the countries. The refusal is permanent: the number stays
 * outside the list however often it is tried, so its message fails on its first attempt with the
 * rule as the reason, instead of eight attempts over hours.
 */
export function countriesOnly(sender: SmsSender, prefixes: readonly string[] | undefined): SmsSender {
  if (prefixes === undefined) return sender;
  return {
    name: sender.name,
    async send(message) {
      if (!prefixes.some((prefix) => message.to.startsWith(prefix))) {
        throw new PermanentDeliveryFailure(`the number is outside the countries SMS may go to (KEYREALM_SMS_COUNTRIES: ${prefixes.join(', ')})`);
      }
      await sender.send(message);
    },
  };
}
