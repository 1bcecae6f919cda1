/**
 * The countries SMS may go to (KEYREALM_SMS_COUNTRIES: calling-code prefixes such as `+1,+44`).
 * SMS are billed to the server's provider account whichever realm sends them, and premium-rate
 * ranges abroad are how SMS pumping turns sign-in codes into money (found by review): a number
 * outside the list is never sent to.
 */
import { PermanentDeliveryFailure } from '../mail/delivery-failure.ts';
import type { SmsSender } from './sms-sender.ts';

/** Whether SMS may go to a number (E.164). */
export type SmsReach = (mobile: string) => boolean;

/**
 * The numbers within the countries (any number without a list). Sign-in asks it before offering or
 * sending a code by SMS, so a number the server never sends to is not a way to sign in either.
 */
export function smsReach(prefixes: readonly string[] | undefined): SmsReach {
  return prefixes === undefined ? () => true : (mobile) => prefixes.some((prefix) => mobile.startsWith(prefix));
}

/** The user's mobile when a code by SMS may go to it: verified, and within the countries. */
export function reachableMobile(user: { mobile: string | null; mobile_verified: boolean }, reaches: SmsReach): string | undefined {
  return user.mobile_verified && user.mobile !== null && reaches(user.mobile) ? user.mobile : undefined;
}

/**
 * `sender`, refusing numbers outside the countries. The refusal is permanent: the number stays
 * outside the list however often it is tried, so its message fails on its first attempt with the
 * rule as the reason, instead of eight attempts over hours.
 */
export function countriesOnly(sender: SmsSender, prefixes: readonly string[] | undefined): SmsSender {
  if (prefixes === undefined) return sender;
  const reaches = smsReach(prefixes);
  return {
    name: sender.name,
    async send(message) {
      if (!reaches(message.to)) {
        throw new PermanentDeliveryFailure(`the number is outside the countries SMS may go to (KEYREALM_SMS_COUNTRIES: ${prefixes.join(', ')})`);
      }
      await sender.send(message);
    },
  };
}
