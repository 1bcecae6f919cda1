import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import type { Logger } from '../platform/logger.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { oidcStore, type OidcPayload } from './oidc-store.ts';
import type { RealmProvider } from './realm-provider.ts';

/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0) for realm sessions that end
 * anywhere but the provider's own logout endpoint: an operator or the user revoking a session, a
 * sign-out through the API, a password change or reset, a lock, a deletion, the realm switched
 * off. oidc-provider tells applications only when it ends a session itself, so each such end —
 * heard as the invalidation every process receives after the change committed — takes the provider
 * sessions bound to it off the table and tells every application that signed in under them and
 * registered a back-channel logout URI. Each provider session is claimed by exactly one process.
 *
 * Best effort, as the specification allows: an end whose invalidation is lost (a dropped LISTEN
 * connection) is not told, and an application that does not answer 200 is recorded
 * (`oidc.backchannel_logout_failed`), not retried.
 */
type ProviderSession = OidcPayload & { authorizations?: Record<string, { sid?: string }> };

export function createBackchannelNotices(deps: {
  db: Kysely<Schema>;
  lookup: Pick<RealmLookup, 'resolve'>;
  providerFor(realm: Realm): Promise<RealmProvider>;
  logger: Logger;
}) {
  async function tell(built: RealmProvider, session: ProviderSession): Promise<void> {
    const { provider } = built;
    const accountId = session.accountId;
    if (!accountId) return;
    await Promise.all(
      Object.entries(session.authorizations ?? {}).map(async ([clientId, { sid }]) => {
        const client = await provider.Client.find(clientId);
        if (!client?.backchannelLogoutUri) return;
        await client.backchannelLogout(accountId, sid ?? '').then(
          () => provider.emit('backchannel.success', undefined, client, accountId, sid),
          (error: unknown) => provider.emit('backchannel.error', undefined, error, client, accountId, sid),
        );
      }),
    );
  }

  return {
    /** Listens on the invalidation bus: a session, a user's sessions, or a switched-off realm's, ended. */
    async heard(notice: InvalidationNotice): Promise<void> {
      if (notice === 'all') return;
      const realm = await deps.lookup.resolve(notice.realmId);
      if (!realm) return;
      // A realm alone is any change to it; only switching it off ends its sessions.
      if (notice.sessionId === undefined && notice.userId === undefined && realm.state !== 'inactive') return;
      const scope = { sessionId: notice.sessionId, userId: notice.userId };
      // In batches, until none is left (a realm switched off may have many).
      for (let ended = await oidcStore.claimEndedSessions(deps.db, realm.id, scope); ended.length > 0; ended = await oidcStore.claimEndedSessions(deps.db, realm.id, scope)) {
        const built = await deps.providerFor(realm);
        for (const session of ended) await tell(built, session);
      }
    },
  };
}
