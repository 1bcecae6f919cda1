import type { Kysely } from 'kysely';
import type { SecretBox } from '../platform/secret-box.ts';
import type { Schema } from '../storage/schema.ts';

/**
 * Whether the master key opens the signing keys this database holds. Keys sealed with another
 * master key (a lost `master.key`, a new data directory beside an existing database, a mistyped
 * KEYREALM_MASTER_KEY) would fail every sign-in of every realm with a 500, so the server refuses
 * to start instead (src/cli/server-process.ts). A database without keys yet is opened by any key.
 */
export async function masterKeyOpensSigningKeys(db: Kysely<Schema>, secretBox: SecretBox): Promise<boolean> {
  const sealed = await db.selectFrom('signing_keys').select('private_material').orderBy('created_at').limit(1).executeTakeFirst();
  if (!sealed) return true;
  try {
    secretBox.open(sealed.private_material);
    return true;
  } catch {
    return false;
  }
}
