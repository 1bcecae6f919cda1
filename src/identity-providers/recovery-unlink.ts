import type { Kysely } from 'kysely';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Schema } from '../storage/schema.ts';
import { identityStore } from './identity-store.ts';

/**
 * A password reset that proves an account's address for the first time removes every upstream
 * identity linked to the account (event 1321, `by: recovery`). Until then nobody had proven the
 * address, so whoever linked them need not be its owner: a provider that does not vouch for
 * addresses (`trust_email` off) creates an account with whatever address its user typed, and the
 * address's real owner, unable to sign up with it, resets the password. Without this, the upstream
 * account that made the account would still sign in to it (pre-account hijacking). An owner who
 * did link their own provider links it again, signed in with the new password.
 */
export function createRecoveryUnlink(events: EventLog) {
  return async (trx: Kysely<Schema>, realmId: string, userId: string, origin: RequestOrigin): Promise<void> => {
    for (const identity of await identityStore.listForUser(trx, realmId, userId)) {
      await identityStore.remove(trx, realmId, userId, identity.id);
      await events.record(trx, {
        realmId,
        type: 'user.identity_unlinked',
        actor: { type: 'user', id: userId },
        userId,
        origin,
        details: { identity_id: identity.id, provider_id: identity.providerId, by: 'recovery' },
      });
    }
  };
}
