import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Schema } from '../storage/schema.ts';

/** A factor a user may have enrolled, with the condition (an EXISTS) that says they have. */
export type EnrolmentCheck = readonly [factor: string, enrolled: Expression<SqlBool>];

/** A method module's checks for one user, built on the expression builder of the one query. */
export type EnrolmentChecks = (eb: ExpressionBuilder<Schema, never>, realmId: string, userId: string) => EnrolmentCheck[];

/**
 * The factors a user has enrolled, in the order the checks name them, read in one statement: each
 * method module (TOTP and HOTP, recovery codes, passkeys) owns its tables and gives its conditions;
 * this asks them together. Every sign-in that may need a second factor asks, and one statement per
 * table was three statements (three round trips on PostgreSQL) on every password login.
 */
export function enrolledFactors(db: Kysely<Schema>, checks: EnrolmentChecks[]) {
  return async (realmId: string, userId: string): Promise<string[]> => {
    let factors: string[] = [];
    const row = await db
      .selectNoFrom((eb) => {
        const all = checks.flatMap((of) => of(eb, realmId, userId));
        factors = all.map(([factor]) => factor);
        return all.map(([factor, enrolled]) => eb.case().when(enrolled).then(1).else(0).end().as(factor));
      })
      .executeTakeFirstOrThrow();
    const answers = row as Record<string, unknown>;
    return factors.filter((factor) => Number(answers[factor]) === 1);
  };
}
