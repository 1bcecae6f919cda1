/**
 * Numeric codes of sign-in events by method. flespi's realm log has 1350 (signed in with a
 * password) and 1200 (a password sign-in refused); the other methods take the free codes next to
 * them, so a log filter on a code still means one method. A sign-in's success is coded by the
 * method that started it; a refusal by the method that was refused (a wrong TOTP after a right
 * password is a TOTP refusal). docs/events.md lists them.
 */
export const signInCodes: Record<string, { succeeded?: number; failed: number }> = {
  password: { succeeded: 1350, failed: 1200 },
  email_otp: { succeeded: 1352, failed: 1202 },
  sms_otp: { succeeded: 1353, failed: 1203 },
  magic_link: { succeeded: 1354, failed: 1204 },
  number_match: { succeeded: 1355, failed: 1205 },
  passkey: { succeeded: 1356, failed: 1206 },
  // flespi's own codes: signed in with a 3rd-party account; an error from the identity provider.
  identity_provider: { succeeded: 1322, failed: 1225 },
  totp: { failed: 1207 },
  hotp: { failed: 1208 },
  recovery_code: { failed: 1209 },
};

/** The code of a sign-in event; `methods` is the event's `method` detail, e.g. `password+totp`. */
export function signInCode(outcome: 'succeeded' | 'failed', methods: string): number | undefined {
  const method = outcome === 'succeeded' ? methods.split('+')[0] : methods;
  return signInCodes[method]?.[outcome];
}
