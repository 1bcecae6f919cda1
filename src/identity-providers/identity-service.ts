import type { Kysely } from 'kysely';
import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import type { AccessTokenClaims } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { Realm } from '../realms/realm.ts';
import { reachableMobile, type SmsReach } from '../sms/sms-countries.ts';
import type { Schema } from '../storage/schema.ts';
import { userStore } from '../users/user-store.ts';
import { identityStore, type LinkedIdentity } from './identity-store.ts';
import { providerStore } from './provider-store.ts';

/**
 * A user's linked identities: the user lists and removes their own (never the last way they can
 * sign in), operators list and unlink anyone's (1321). Every call names the realm and the user, so
 * another realm's or another user's identity is not found.
 */
export interface IdentityServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  /** Numbers SMS may go to: a mobile outside them is no way to sign in. */
  smsReaches: SmsReach;
}

/** A linked identity as the APIs show it, with its provider's slug and name. */
export interface IdentityView extends LinkedIdentity {
  providerSlug: string | null;
  providerName: string | null;
}

const identityNotFound = () => new AppError('idp.identity_not_found', 'No such linked identity for this user.');

/**
 * Whether the user could still sign in without `except`: a password, a passkey, another identity,
 * or a passwordless method of the realm that reaches an address they have.
 */
async function otherWayToSignIn(trx: Kysely<Schema>, realm: Realm, userId: string, except: string, smsReaches: SmsReach): Promise<boolean> {
  const user = await trx.selectFrom('users').select(['password_hash', 'email', 'mobile', 'mobile_verified']).where('realm_id', '=', realm.id).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.password_hash !== null && realm.sign_in.first_factors.includes('password')) return true;
  const byEmail = realm.sign_in.first_factors.some((method) => method === 'email_otp' || method === 'magic_link' || method === 'number_match');
  if (byEmail && user.email !== null) return true;
  if (realm.sign_in.first_factors.includes('sms_otp') && reachableMobile({ mobile: user.mobile, mobile_verified: Boolean(user.mobile_verified) }, smsReaches)) return true;
  if (realm.sign_in.first_factors.includes('passkey')) {
    const passkey = await trx.selectFrom('webauthn_credentials').select('id').where('realm_id', '=', realm.id).where('user_id', '=', userId).executeTakeFirst();
    if (passkey) return true;
  }
  const others = await trx.selectFrom('user_identities').select('id').where('realm_id', '=', realm.id).where('user_id', '=', userId).where('id', '!=', except).executeTakeFirst();
  return others !== undefined;
}

export function createIdentityService(deps: IdentityServiceDeps) {
  const { db, clock, events } = deps;

  async function withProviders(realm: Realm, identities: LinkedIdentity[]): Promise<IdentityView[]> {
    const views: IdentityView[] = [];
    for (const identity of identities) {
      const provider = await providerStore.find(db, realm.id, identity.providerId);
      views.push({ ...identity, providerSlug: provider?.slug ?? null, providerName: provider?.displayName ?? null });
    }
    return views;
  }

  return {
    list: async (realm: Realm, userId: string): Promise<IdentityView[]> => withProviders(realm, await identityStore.listForUser(db, realm.id, userId)),

    /**
     * Removes one of the user's identities. `self`: the user's own request, refused (409) when it
     * would leave no way to sign in; an operator's is not (they can set a password), and is 1321.
     */
    async unlink(realm: Realm, userId: string, identityId: string, actor: Actor, origin: RequestOrigin, self: boolean): Promise<void> {
      await unlink(realm, userId, identityId, actor, origin, self);
    },

    /** The signed-in user removes one of their own: a sensitive change, so after a recent sign-in. */
    async removeOwn(realm: Realm, who: { userId: string; claims: Pick<AccessTokenClaims, 'auth_time'> }, identityId: string, origin: RequestOrigin): Promise<void> {
      requireRecentSignIn(who.claims, clock.now());
      await unlink(realm, who.userId, identityId, { type: 'user', id: who.userId }, origin, true);
    },
  };

  async function unlink(realm: Realm, userId: string, identityId: string, actor: Actor, origin: RequestOrigin, self: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        // The realm's row, then the user's (src/authorization/write-locks.ts): one unlink at a time keeps a way to sign in.
        if (!(await userStore.findForChange(trx, realm.id, userId))) throw identityNotFound();
        const identity = await identityStore.find(trx, realm.id, identityId);
        if (!identity || identity.userId !== userId) throw identityNotFound();
        if (self && !(await otherWayToSignIn(trx, realm, userId, identityId, deps.smsReaches))) {
          throw new AppError('idp.last_sign_in_method', 'This is the only way this account can sign in: set a password or add another way first.');
        }
        await identityStore.remove(trx, realm.id, userId, identityId);
        await events.record(trx, {
          realmId: realm.id,
          type: 'user.identity_unlinked',
          actor,
          userId,
          origin,
          details: { identity_id: identityId, provider_id: identity.providerId, by: self ? 'user' : 'operator' },
        });
      });
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>;
