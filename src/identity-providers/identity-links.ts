import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { Realm } from '../realms/realm.ts';
import { uniqueViolation } from '../storage/database.ts';
import type { Schema } from '../storage/schema.ts';
import type { UserService } from '../users/user-service.ts';
import type { User } from '../users/user.ts';
import type { RoleAssignments } from '../authorization/role-assignments.ts';
import { decideFirstSignIn, emailDomainAllowed, mappedAttributes, mappedRoles, trustedEmail } from './first-sign-in.ts';
import { identityStore, type LinkedIdentity } from './identity-store.ts';
import type { IdentityProvider } from './provider.ts';
import type { UpstreamProfile } from './upstream.ts';

/**
 * idp.link_required: an account with the upstream address exists and its owner must prove it
 * before the upstream account is linked. It knows which account (for the hosted page, which then
 * asks its owner to sign in); the API answer never shows it.
 */
export class LinkRequired extends AppError {
  readonly existingUserId: string;

  constructor(existingUserId: string) {
    super('idp.link_required', 'An account with this email address exists. Sign in to it, then link this provider from the account (POST …/account/identities/{idp}).');
    this.existingUserId = existingUserId;
  }
}

/**
 * From an upstream account to a local one: through its linked identity, or on a first sign-in by
 * the provider's policy (create the account with the mapped attributes, 1305; link to the account
 * with the same verified address when the provider may, 1320; or refuse). A link a sign-in may not
 * make by itself (an address the provider does not vouch for, an account that has not verified
 * its own) waits for the account's owner: signed in, they link it from their account.
 */
export interface IdentityLinkDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  users: Pick<UserService, 'create' | 'update' | 'findWithSecret' | 'findForSignIn'>;
  roles: Pick<RoleAssignments, 'giveMapped'>;
}

const refused = (reason: string, message: string) => new AppError('idp.refused', message, { details: [{ field: 'reason', issue: reason }] });

export function createIdentityLinks(deps: IdentityLinkDeps) {
  const { db, clock, events, users, roles } = deps;

  const draftIdentity = (userId: string, provider: IdentityProvider, profile: UpstreamProfile): LinkedIdentity => {
    const now = clock.now();
    return { id: newId('lid'), userId, providerId: provider.id, subject: profile.subject, email: profile.email ?? null, createdAt: now, lastUsedAt: now };
  };

  /** Links the upstream account to the user with event 1320; a concurrent link of the same account leaves one (the first). */
  async function link(realm: Realm, provider: IdentityProvider, profile: UpstreamProfile, userId: string, how: 'email' | 'signed_in', origin: RequestOrigin): Promise<LinkedIdentity> {
    const identity = draftIdentity(userId, provider, profile);
    try {
      await db.transaction().execute(async (trx) => {
        await identityStore.insert(trx, realm.id, identity);
        await events.record(trx, { realmId: realm.id, type: 'user.identity_linked', actor: { type: 'user', id: userId }, userId, origin, details: { provider_id: provider.id, identity_id: identity.id, by: how } });
      });
      return identity;
    } catch (error) {
      if (uniqueViolation(error) === undefined) throw error;
      const winner = await identityStore.findBySubject(db, realm.id, provider.id, profile.subject);
      if (winner?.userId !== userId) throw refused('linked_elsewhere', 'This account at the provider is already linked to another account.');
      return winner;
    }
  }

  /** A new account from the profile (1305) with its identity, in one transaction. */
  async function create(realm: Realm, provider: IdentityProvider, profile: UpstreamProfile, origin: RequestOrigin): Promise<User> {
    const mapped = mappedAttributes(provider, profile);
    if (profile.email === undefined && !mapped.username) throw new AppError('idp.profile_invalid', 'The provider gave no email address and no username is mapped: the account would have no identifier.');
    const input = { ...mapped, ...(profile.email === undefined ? {} : { email: profile.email, email_verified: trustedEmail(provider, profile) }) };
    return users.create(realm, input, systemActor, origin, {
      signedUp: true,
      event: 'user.signed_up.identity_provider',
      within: async (trx, created) => {
        await identityStore.insert(trx, realm.id, draftIdentity(created.id, provider, profile));
        await roles.giveMapped(realm, created.id, mappedRoles(provider, profile), provider.id, trx);
      },
    });
  }

  async function existingUser(realm: Realm, userId: string): Promise<User> {
    const user = await users.findWithSecret(realm.id, userId);
    if (!user) throw refused('account_gone', 'The account linked to this identity no longer exists.');
    return user;
  }

  return {
    /** The local account the upstream one signs in to, or an AppError saying why none. */
    async resolve(realm: Realm, provider: IdentityProvider, profile: UpstreamProfile, origin: RequestOrigin): Promise<User> {
      if (!emailDomainAllowed(provider, profile)) throw refused('email_domain_not_allowed', 'This provider admits only verified addresses of certain domains, and this account has none.');
      const linked = await identityStore.findBySubject(db, realm.id, provider.id, profile.subject);
      if (linked) {
        await identityStore.touch(db, realm.id, linked.id, profile.email ?? linked.email, clock.now());
        const user = await existingUser(realm, linked.userId);
        if (!provider.syncOnSignIn) return user;
        await roles.giveMapped(realm, user.id, mappedRoles(provider, profile), provider.id);
        const changes = mappedAttributes(provider, profile, user);
        if (Object.keys(changes).length === 0) return user;
        await users.update(realm, user.id, changes, systemActor, origin);
        return existingUser(realm, user.id);
      }
      const found = profile.email === undefined ? undefined : await users.findForSignIn(realm.id, profile.email);
      // findForSignIn matches usernames and mobiles too: only the same address is the same account.
      const existing = found && found.email !== null && found.email.toLowerCase() === profile.email!.toLowerCase() ? found : undefined;
      const decision = decideFirstSignIn(provider, profile, existing);
      switch (decision.action) {
        case 'link':
          await link(realm, provider, profile, decision.user.id, 'email', origin);
          return decision.user;
        case 'create':
          try {
            return await create(realm, provider, profile, origin);
          } catch (error) {
            // Two first sign-ins of one upstream account at once: the other created it; sign in to that one.
            if (uniqueViolation(error) === undefined && !(error instanceof AppError && error.code === 'user.email_taken')) throw error;
            const winner = await identityStore.findBySubject(db, realm.id, provider.id, profile.subject);
            if (!winner) throw error;
            return existingUser(realm, winner.userId);
          }
        case 'prove_existing':
          throw new LinkRequired(decision.user.id);
        case 'refuse':
          throw refused(decision.reason, decision.reason === 'no_account_to_link' ? 'This provider only signs in to existing accounts, and none matches.' : 'This provider does not admit new accounts.');
      }
    },

    /** A signed-in user's link (they proved their account): the upstream account becomes theirs, unless it is someone else's. */
    async linkToSignedIn(realm: Realm, provider: IdentityProvider, profile: UpstreamProfile, userId: string, origin: RequestOrigin): Promise<LinkedIdentity> {
      if (!emailDomainAllowed(provider, profile)) throw refused('email_domain_not_allowed', 'This provider admits only verified addresses of certain domains, and this account has none.');
      const linked = await identityStore.findBySubject(db, realm.id, provider.id, profile.subject);
      if (linked) {
        if (linked.userId !== userId) throw refused('linked_elsewhere', 'This account at the provider is already linked to another account.');
        return linked;
      }
      // `refuse` admits no new accounts and no new links: only identities linked before sign in.
      if (provider.firstSignIn === 'refuse') throw refused('first_sign_in_refused', 'This provider admits no new links.');
      await existingUser(realm, userId);
      return link(realm, provider, profile, userId, 'signed_in', origin);
    },
  };
}

export type IdentityLinks = ReturnType<typeof createIdentityLinks>;
