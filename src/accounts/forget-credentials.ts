/**
 * A deleted user's credentials go with them. Users are soft-deleted (the row stays for the audit
 * trail), but their authenticator seeds, recovery-code hashes and passkey public keys are of no
 * use to anyone any more and are deleted in the deletion's own transaction; so are the consents
 * they gave applications, the roles they were assigned, their tenant memberships and API keys.
 */
import type { Kysely } from 'kysely';
import { apiKeyStore } from '../api-keys/api-key-store.ts';
import { applicationStore } from '../applications/application-store.ts';
import { roleAssignmentStore } from '../authorization/role-assignment-store.ts';
import { tenantStore } from '../authorization/tenant-store.ts';
import { factorStore } from '../mfa/factor-store.ts';
import { recoveryCodeStore } from '../mfa/recovery-codes.ts';
import { passkeyStore } from '../passkeys/passkey-store.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import type { User } from '../users/user.ts';

/** The user service's `beforeChange` step for deletions (`after` is null). */
export async function forgetCredentialsOfDeleted(trx: Kysely<Schema>, realm: Realm, change: { before: User; after: User | null }): Promise<void> {
  if (change.after !== null) return;
  await factorStore.removeAll(trx, realm.id, change.before.id);
  await recoveryCodeStore.removeAll(trx, realm.id, change.before.id);
  await passkeyStore.removeAllForUser(trx, realm.id, change.before.id);
  await applicationStore.removeConsentsOfUser(trx, realm.id, change.before.id);
  await roleAssignmentStore.removeAllOfUser(trx, realm.id, change.before.id);
  await tenantStore.removeMembershipsOfUser(trx, realm.id, change.before.id);
  await apiKeyStore.removeAllOfUser(trx, realm.id, change.before.id);
}
