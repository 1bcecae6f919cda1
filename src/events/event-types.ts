/**
 * Every event type, with flespi's numeric realm-log code where one exists. docs/events.md
 * describes each; keep the two in step.
 */
export const eventCodes = {
  'realm.created': null,
  'realm.updated': null,
  'realm.deleted': null,
  'realm.reset': null,
  'realm.keys_rotated': null,
  'user.created': 1301,
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
  'session.refresh_reused': null,
  'operator.created': null,
  'operator.updated': null,
  'operator.deleted': null,
  'message.failed': null,
  'template.updated': null,
  'template.reset': null,
} as const satisfies Record<string, number | null>;

export type EventType = keyof typeof eventCodes;
