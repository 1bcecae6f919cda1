import type { Kysely } from 'kysely';
import { apiKeyStore } from '../api-keys/api-key-store.ts';
import { applicationStore } from '../applications/application-store.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import { factorStore } from '../mfa/factor-store.ts';
import { recoveryCodeStore } from '../mfa/recovery-codes.ts';
import { passkeyStore } from '../passkeys/passkey-store.ts';
import type { Schema } from '../storage/schema.ts';
import { identityStore } from '../identity-providers/identity-store.ts';

/** What a first proof of an address took away (the reset event's `access_removed`). */
export interface AccessRemoved {
  identities: number;
  passkeys: number;
  api_keys: number;
  second_factors: number;
  recovery_codes: number;
}

/**
 * A password reset that proves an account's address for the first time takes away every other way
 * into the account set up before it: upstream identities (event 1321 each, `by: recovery`),
 * passkeys, API keys, second factors and recovery codes, and the consents given to applications
 * (the reset ends the sessions itself). Until then nobody had proven the address, so whoever set
 * them up need not be its owner: a provider that does not vouch for addresses (`trust_email` off)
 * creates an account with whatever address its user typed, as does a sign-up, and the address's
 * real owner, unable to sign up with it, resets the password (pre-account hijacking).
 */
export function createForgetAccessBeforeProof(events: EventLog) {
  return async (trx: Kysely<Schema>, realmId: string, userId: string, origin: RequestOrigin): Promise<AccessRemoved> => {
    const identities = await identityStore.listForUser(trx, realmId, userId);
    for (const identity of identities) {
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
    await applicationStore.removeConsentsOfUser(trx, realmId, userId);
    return {
      identities: identities.length,
      passkeys: await passkeyStore.removeAllForUser(trx, realmId, userId),
      api_keys: await apiKeyStore.removeAllOfUser(trx, realmId, userId),
      second_factors: await factorStore.removeAll(trx, realmId, userId),
      recovery_codes: await recoveryCodeStore.removeAll(trx, realmId, userId),
    };
  };
}
