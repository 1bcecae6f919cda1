import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import type { UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor, RequestOrigin } from '../events/event-log.ts';
import { factorStore } from '../mfa/factor-store.ts';
import { recoveryCodeStore } from '../mfa/recovery-codes.ts';
import type { Realm } from '../realms/realm.ts';
import { userStore } from '../users/user-store.ts';
import { createPasskeyAuthentication } from './passkey-authentication.ts';
import { createPasskeyRegistration, type PasskeyDeps, type SignedInOwner } from './passkey-registration.ts';
import { passkeyStore, type Passkey } from './passkey-store.ts';

/**
 * A user's passkeys: registration and the sign-in primitives (their own files), plus what owners
 * and operators do with the stored ones: list, rename, remove. Another user's or another realm's
 * passkey id is simply not found.
 */
const notFound = () => new AppError('passkey.not_found', 'No such passkey.');

export function createPasskeyService(deps: PasskeyDeps & { users: Pick<UserDirectory, 'findById'> }) {
  const { db, clock, events, users } = deps;
  const registration = createPasskeyRegistration(deps);
  const authentication = createPasskeyAuthentication(deps);

  async function requireUser(realm: Realm, userId: string, missing: () => AppError) {
    if (!(await users.findById(realm.id, userId))) throw missing();
  }

  /**
   * With the last strong factor (no passkey and no active TOTP/HOTP left) go the recovery codes, as
   * when the last TOTP/HOTP factor goes (src/mfa/mfa-service.ts): found by review, leftover codes
   * still signed in a user who had no factor, and kept a realm requiring one from enrolling them.
   */
  async function remove(realm: Realm, userId: string, passkeyId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // One change of the user's factors at a time (src/mfa/mfa-service.ts, remove).
      await userStore.findForChange(trx, realm.id, userId);
      const removed = await passkeyStore.remove(trx, realm.id, userId, passkeyId);
      if (!removed) throw notFound();
      const last = (await passkeyStore.countForUser(trx, realm.id, userId)) === 0 && (await factorStore.countActive(trx, realm.id, userId)) === 0;
      const codesRemoved = last ? await recoveryCodeStore.removeAll(trx, realm.id, userId) : 0;
      await events.record(trx, { realmId: realm.id, type: 'passkey.removed', actor, userId, origin, details: { passkey_id: removed.id, recovery_codes_removed: codesRemoved } });
    });
  }

  return {
    registrationOptions: registration.options,
    register: registration.verify,
    authenticationOptions: authentication.authenticationOptions,
    verifyAuthentication: authentication.verifyAuthentication,

    async list(realm: Realm, userId: string): Promise<Passkey[]> {
      return passkeyStore.listForUser(db, realm.id, userId);
    },

    async rename(realm: Realm, userId: string, passkeyId: string, name: string, origin: RequestOrigin): Promise<Passkey> {
      return db.transaction().execute(async (trx) => {
        const passkey = await passkeyStore.find(trx, realm.id, userId, passkeyId);
        if (!passkey || !(await passkeyStore.rename(trx, realm.id, userId, passkeyId, name.trim()))) throw notFound();
        await events.record(trx, { realmId: realm.id, type: 'passkey.renamed', actor: { type: 'user', id: userId }, userId, origin, details: { passkey_id: passkeyId } });
        return { ...passkey, name: name.trim() };
      });
    },

    /** The owner removes one of their passkeys; needs a recent sign-in. */
    async removeOwn(realm: Realm, owner: SignedInOwner, passkeyId: string, origin: RequestOrigin): Promise<void> {
      requireRecentSignIn(owner.claims, clock.now());
      await remove(realm, owner.userId, passkeyId, { type: 'user', id: owner.userId }, origin);
    },

    /** An operator's view; an unknown user (or another realm's) is not found. */
    async listForOperator(realm: Realm, userId: string): Promise<Passkey[]> {
      await requireUser(realm, userId, () => new AppError('user.not_found', 'No such user in this realm.'));
      return passkeyStore.listForUser(db, realm.id, userId);
    },

    async removeForOperator(realm: Realm, userId: string, passkeyId: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      await requireUser(realm, userId, () => new AppError('user.not_found', 'No such user in this realm.'));
      await remove(realm, userId, passkeyId, actor, origin);
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
