import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { prepared } from '../storage/prepared.ts';
import type { Schema } from '../storage/schema.ts';

/** A factor a user may have enrolled, with the condition (an EXISTS) that says they have. */
export type EnrolmentCheck = readonly [factor: string, enrolled: Expression<SqlBool>];

/** A method module's checks for one user, built on the expression builder of the one query. */
export type EnrolmentChecks = (eb: ExpressionBuilder<Schema, never>, realmId: string, userId: string) => EnrolmentCheck[];

/**
 * The factors a user has enrolled, in the order the checks name them, read in one statement: each
 * method module (TOTP and HOTP, recovery codes, passkeys) owns its tables and gives its conditions;
 * this asks them together. Every sign-in that may need a second factor asks, and one statement per
 * table was three statements (three round trips on PostgreSQL) on every password login. Built and
 * compiled once per dialect (src/storage/prepared.ts); each factor is a column named after it.
 */
export function enrolledFactors(db: Kysely<Schema>, checks: EnrolmentChecks[]) {
  const ask = prepared((db, realmId: string, userId: string) =>
    db.selectNoFrom((eb) => checks.flatMap((of) => of(eb, realmId, userId)).map(([factor, enrolled]) => eb.case().when(enrolled).then(1).else(0).end().as(factor))),
  );
  return async (realmId: string, userId: string): Promise<string[]> => {
    // A select without a table answers exactly one row.
    const [answers] = (await ask(db, realmId, userId)) as [Record<string, unknown>];
    return Object.entries(answers).filter(([, enrolled]) => Number(enrolled) === 1).map(([factor]) => factor);
  };
}
