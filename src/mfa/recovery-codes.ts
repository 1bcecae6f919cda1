import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../storage/schema.ts';

/**
 * Recovery codes: ten single-use codes of 50 random bits each, written `xxxxx-xxxxx` in lower-case
 * base32 (no 0, 1, 8 or 9 to mistake for letters). 50 bits is too few to store under a plain hash
 * (a stolen table could be searched offline), so they are stored as HMAC-SHA256 under a key derived
 * from the master key, bound to their realm and user: the database alone reveals nothing.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const CODE_LENGTH = 10;

export function recoveryCodeKey(masterKey: Buffer): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, '', 'keyrealm recovery codes', 32)));
}

export function newRecoveryCode(): string {
  // 32 divides 256: each byte's low five bits are uniform.
  const chars = [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The code as typed, without case, spaces or dashes; undefined when it cannot be a recovery code. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const clean = input.toLowerCase().replace(/[\s-]/g, '');
  return clean.length === CODE_LENGTH && [...clean].every((char) => ALPHABET.includes(char)) ? clean : undefined;
}

export function hashRecoveryCode(key: KeyObject, realmId: string, userId: string, normalised: string): string {
  return createHmac('sha256', key).update(`${realmId}:${userId}:${normalised}`).digest('base64url');
}

type Db = Kysely<Schema>;

export const recoveryCodeStore = {
  /** The user's codes become exactly these (the old ones, used or not, are gone). */
  async replace(db: Db, realmId: string, userId: string, hashes: string[], now: number): Promise<void> {
    await recoveryCodeStore.removeAll(db, realmId, userId);
    await db
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ realm_id: realmId, user_id: userId, code_hash, created_at: now, used_at: null })))
      .execute();
  },

  /** Spends an unused code: one conditional UPDATE, so of concurrent uses exactly one succeeds. */
  async consume(db: Db, realmId: string, userId: string, hash: string, now: number): Promise<boolean> {
    const result = await db
      .updateTable('recovery_codes')
      .set({ used_at: now })
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async countUnused(db: Db, realmId: string, userId: string): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('realm_id', '=', realmId)
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async removeAll(db: Db, realmId: string, userId: string): Promise<number> {
    const result = await db.deleteFrom('recovery_codes').where('realm_id', '=', realmId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};

/** Ten new codes for a user: the plain codes (shown once) and the hashes to store. */
export function generateRecoveryCodes(key: KeyObject, realmId: string, userId: string): { codes: string[]; hashes: string[] } {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  const list = [...codes];
  return { codes: list, hashes: list.map((code) => hashRecoveryCode(key, realmId, userId, normaliseRecoveryCode(code) as string)) };
}
