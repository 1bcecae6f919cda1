/**
 * What the log's codes and types mean, for the console: the server's catalogue
 * (src/events/event-types.ts, src/events/sign-in-codes.ts) copied, because the console bundle must
 * not import server code. test/console/event-codes.test.ts compares the two, so they cannot drift.
 * The words themselves are in the catalogue (i18n/en/events.ts), keyed by type and by code.
 */
import { t, type MessageKey } from '../../i18n/i18n.ts';

/** Every event type and its flespi realm-log code (null: none). */
export const eventTypeCodes: Record<string, number | null> = {
  'realm.created': null,
  'realm.updated': null,
  'realm.deleted': null,
  'realm.reset': null,
  'realm.keys_rotated': null,
  'realm.exported': null,
  'user.created': 1301,
  'users.imported': null,
  'user.updated': 1302,
  'user.deleted': 1303,
  'user.locked': null,
  'user.unlocked': null,
  'user.locked_temporarily': null,
  'user.password_set': 1310,
  'user.logged_out': 1311,
  'user.logged_out.realm_inactive': 1312,
  'user.session_revoked': 1311,
  'user.login.succeeded': 1350,
  'user.login.failed': 1200,
  'user.login.token_failed': 1351,
  'user.password_changed': null,
  'user.profile_updated': null,
  'user.logout': null,
  'user.signed_out_elsewhere': null,
  'user.signed_up': null,
  'user.registration_refused': 1201,
  'user.verification_sent': null,
  'user.email_verified': null,
  'user.password_reset_requested': null,
  'user.password_reset_sent': 1310,
  'user.password_reset': null,
  'user.otp_sent': null,
  'user.magic_link_sent': null,
  'user.magic_link_approved': null,
  'user.step_up.succeeded': null,
  'user.step_up.failed': null,
  'session.refresh_reused': null,
  'session.refresh_retried': null,
  'user.mfa_factor_added': null,
  'user.mfa_factor_confirmed': null,
  'user.mfa_factor_confirm_failed': null,
  'user.mfa_factor_renamed': null,
  'user.mfa_factor_removed': null,
  'user.mfa_reset': null,
  'user.mfa_check_succeeded': null,
  'user.mfa_check_failed': null,
  'user.recovery_codes_generated': null,
  'user.recovery_code_used': null,
  'passkey.registered': null,
  'passkey.registration_failed': null,
  'passkey.renamed': null,
  'passkey.removed': null,
  'passkey.used': null,
  'passkey.failed': null,
  'passkey.counter_regressed': null,
  'operator.created': null,
  'operator.updated': null,
  'operator.deleted': null,
  'operator.application_granted': null,
  'operator.application_revoked': null,
  'message.failed': null,
  'template.updated': null,
  'template.reset': null,
  'oidc.authorized': null,
  'oidc.token_refresh_reused': null,
  'oidc.code_reused': null,
  'oidc.logout': null,
  'oidc.backchannel_logout_failed': null,
  'application.created': null,
  'application.updated': null,
  'application.deleted': null,
  'application.secret_rotated': null,
  'role.created': null,
  'role.updated': null,
  'role.deleted': null,
  'role.assigned': null,
  'role.unassigned': null,
  'api_key.created': null,
  'api_key.revoked': null,
  'api_key.retrieved': null,
  'api_key.exchanged': null,
  'user.consent_granted': null,
  'user.consent_revoked': null,
  'identity_provider.created': 1220,
  'identity_provider.deleted': 1221,
  'identity_provider.updated': 1222,
  'identity_provider.sign_in_failed': 1225,
  'user.signed_up.identity_provider': 1305,
  'user.logged_out.identity_provider_disabled': 1313,
  'user.identity_linked': 1320,
  'user.identity_unlinked': 1321,
  'tenant.created': null,
  'tenant.updated': null,
  'tenant.deleted': null,
  'tenant.member_added': null,
  'tenant.member_updated': null,
  'tenant.member_removed': null,
  'session.tenant_switched': null,
  'policy.updated': null,
  'policy.deleted': null,
  'webhook.created': null,
  'webhook.updated': null,
  'webhook.deleted': null,
  'webhook.secret_rotated': null,
  'webhook.disabled': null,
};

/** Sign-in codes by method (a success is coded by the method that started it). */
export const signInMethodCodes: Record<string, { succeeded?: number; failed: number }> = {
  password: { succeeded: 1350, failed: 1200 },
  email_otp: { succeeded: 1352, failed: 1202 },
  sms_otp: { succeeded: 1353, failed: 1203 },
  magic_link: { succeeded: 1354, failed: 1204 },
  number_match: { succeeded: 1355, failed: 1205 },
  passkey: { succeeded: 1356, failed: 1206 },
  identity_provider: { succeeded: 1322, failed: 1225 },
  totp: { failed: 1207 },
  hotp: { failed: 1208 },
  recovery_code: { failed: 1209 },
};

/** Every code the log can carry, ascending. */
export const allCodes: number[] = [
  ...new Set([
    ...Object.values(eventTypeCodes).filter((code): code is number => code !== null),
    ...Object.values(signInMethodCodes).flatMap((codes) => [codes.succeeded, codes.failed].filter((code): code is number => code !== undefined)),
  ]),
].sort((a, b) => a - b);

export const typeKey = (type: string) => `events.type.${type}` as MessageKey;
export const codeKey = (code: number) => `events.code.${code}` as MessageKey;

/** What an event type means in words; an unknown type (a newer server) is shown as itself. */
export function typeMeaning(type: string): string {
  return type in eventTypeCodes ? t(typeKey(type)) : type;
}

/** What a code means; an unknown code is shown as its number alone. */
export function codeMeaning(code: number): string | null {
  return allCodes.includes(code) ? t(codeKey(code)) : null;
}
