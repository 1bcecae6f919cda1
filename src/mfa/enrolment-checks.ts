import { sql } from 'kysely';
import type { EnrolmentChecks } from '../flows/enrolled-factors.ts';
import { factorTypes } from './factor-store.ts';

/**
 * What a user can present as a one-time-code second factor: an active TOTP or HOTP factor, and
 * unused recovery codes; in that order (src/flows/enrolled-factors.ts asks them with the others).
 */
export const otpEnrolmentChecks: EnrolmentChecks = (eb, realmId, userId) => [
  ...factorTypes.map(
    (type) =>
      [
        type,
        eb.exists(
          eb.selectFrom('user_factors').select(sql.lit(1).as('one')).where('realm_id', '=', realmId).where('user_id', '=', userId).where('type', '=', type).where('state', '=', 'active'),
        ),
      ] as const,
  ),
  ['recovery_code', eb.exists(eb.selectFrom('recovery_codes').select(sql.lit(1).as('one')).where('realm_id', '=', realmId).where('user_id', '=', userId).where('used_at', 'is', null))] as const,
];
