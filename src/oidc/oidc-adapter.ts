import type { Kysely } from 'kysely';
import type { Application, ApplicationDirectory } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import type { Schema } from '../storage/schema.ts';
import { clientMetadata } from './oidc-clients.ts';
import { clientCredentialsPayload, CUTOFF_MODEL, isClientCredentialsJwt, issuedBeforeCutoff, isRevokedRecord, MAX_ACCESS_TOKEN_SECONDS, revokedRecord } from './client-credentials-tokens.ts';
import { RECORDED_TOKENS, type AccessTokenRecordId, type VerifiedJwt } from './jwt-access-tokens.ts';
import { oidcStore, type OidcPayload } from './oidc-store.ts';
import { isRetry } from './refresh-retries.ts';

/**
 * oidc-provider's storage adapter for one realm (its interface: the provider's
 * example/my_adapter.js). Every model but `Client` lives in `oidc_models` under the realm's id;
 * clients are the realm's enabled applications, read through ApplicationDirectory.
 */
export interface RealmAdapterDeps {
  db: Kysely<Schema>;
  realmId: string;
  applications: ApplicationDirectory;
  /** The server's clock: realm sessions' expiry is kept by it. */
  clock: Clock;
  /** The realm session the current request's sign-in finished with (undefined: not a sign-in). */
  signedInSession: () => string | null | undefined;
  /** Applications the provider resolved, by client_id: for the secret check and CORS. */
  seen: Map<string, Application>;
  /** Clients the realm itself provides (the hosted pages' own client), by client_id. */
  builtInClients: Map<string, Record<string, unknown>>;
  issuer: string;
  /** Where JWT access tokens are recorded: the provider destroys them by their `jti`. */
  recordId: AccessTokenRecordId;
  /** The JWT access token the current request presented, verified against the realm's keys. */
  presented: () => VerifiedJwt | undefined;
  /** Whether the provider session being destroyed is ended by the user signing out (RP-initiated logout). */
  signingOut: () => boolean;
  /** Telling a refresh token's retry from its reuse (src/oidc/refresh-retries.ts). */
  refreshRetries: {
    intervalMs: number;
    /** Who is presenting the token in the current request. */
    fingerprint(tokenId: string): string;
    /** Whether the current request is a refresh-token grant (the only place a retry is served). */
    refreshing(): boolean;
    /** The current request is a retry: it is answered without a new refresh token. */
    served(): void;
  };
  /** The error a second, concurrent use of a single-use code or token answers (invalid_grant). */
  usedTwice: () => Error;
  /** Ends the realm session a signed-out provider session was bound to. */
  signedOut(realmSessionId: string, userId: string): Promise<void>;
}

/** What oidc-provider calls on an adapter instance (one per model name). */
export interface ProviderAdapter {
  upsert(id: string, payload: OidcPayload, expiresIn: number | undefined): Promise<void>;
  find(id: string): Promise<OidcPayload | undefined>;
  findByUid(uid: string): Promise<OidcPayload | undefined>;
  findByUserCode(userCode: string): Promise<OidcPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** How long an application read stays good without a word from the invalidation bus (ms). */
export const KNOWN_CLIENT_MS = 10_000;

/** Models issued under a provider session: they inherit that session's realm session. */
const UNDER_SESSION = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** Realm sessions carried from a provider session's old id to its new one, in flight (a bound). */
const CARRIED_CAPACITY = 1000;

export function realmAdapter(deps: RealmAdapterDeps) {
  const { db, realmId } = deps;
  const systemNow = () => Date.now();
  const readAt = new Map<string, number>();
  // oidc-provider gives a provider session a new id (resetIdentifier) at the end of an interaction
  // without a new sign-in (a consent) and when the user signs out of one application only: it
  // destroys the row under the old id, then saves it under the new one. The realm session it was
  // bound to is carried across by the session's uid, which stays; unbound, it would outlive a
  // logout, a revocation or a password change (found by review).
  const carried = new LruCache<string, string>(CARRIED_CAPACITY);

  // No token request of a busy application waits for its read (src/platform/shared-reads.ts):
  // every one that came as the copy ran out read the application itself. No read hears a change:
  // a change drops this whole provider instance, reads under way and all.
  const clientReads = new SharedReads<string, never>(KNOWN_CLIENT_MS);

  /** The application, or undefined for an unknown or disabled one (nothing it holds works while it is off). */
  function readClient(clientId: string, now: number): Promise<Application | undefined> {
    return clientReads.run(clientId, now, {
      read: async () => {
        const application = await deps.applications.findByClientId(realmId, clientId);
        return application?.enabled && application.realmId === realmId ? application : undefined;
      },
      stale: () => false,
      keep: (application) => {
        if (!application) return void deps.seen.delete(clientId);
        deps.seen.set(clientId, application);
        readAt.set(clientId, now);
      },
    });
  }

  async function findClient(clientId: string): Promise<Record<string, unknown> | undefined> {
    const builtIn = deps.builtInClients.get(clientId);
    if (builtIn) return builtIn;
    // This provider instance is dropped whenever an application of the realm changes, here or (by
    // the realm's invalidation message) in any other process; should a message be lost, what it has
    // seen is read again after a few seconds anyway, behind the copy in the last quarter of them.
    const known = deps.seen.get(clientId);
    const now = deps.clock.now();
    const readUntil = (readAt.get(clientId) ?? -Infinity) + KNOWN_CLIENT_MS;
    if (known && now < readUntil) {
      if (dueForRefresh(readUntil, KNOWN_CLIENT_MS, now)) refreshInBackground(readClient(clientId, now));
      return clientMetadata(known);
    }
    const application = await readClient(clientId, now);
    return application && clientMetadata(application);
  }

  async function realmSessionOf(model: string, payload: OidcPayload): Promise<string | null | undefined> {
    if (model === 'Session') {
      const signedIn = deps.signedInSession();
      const kept = payload.uid === undefined ? undefined : carried.get(payload.uid);
      if (kept !== undefined) carried.delete(payload.uid as string);
      return signedIn ?? kept;
    }
    if (!UNDER_SESSION.has(model) || !payload.sessionUid) return null;
    // A code issued in the request that finished the sign-in: the provider session is saved after it.
    const signedIn = deps.signedInSession();
    if (signedIn !== undefined) return signedIn;
    return (await oidcStore.realmSessionOf(db, realmId, payload.sessionUid)) ?? null;
  }

  /** The application a row was issued to (rows are deleted by application when it changes). */
  async function applicationIdOf(clientId: string | undefined): Promise<string | null> {
    if (!clientId || deps.builtInClients.has(clientId)) return null;
    const application = deps.seen.get(clientId) ?? (await deps.applications.findByClientId(realmId, clientId));
    return application?.id ?? null;
  }

  /**
   * At the token endpoint, a used refresh token shows as unused to whoever used it, for the reuse
   * interval (a retry), and the request is marked to be answered without rotating: the retry gets
   * an access token and the same spent refresh token back, never a second live one.
   */
  async function findRefreshToken(id: string): Promise<OidcPayload | undefined> {
    const payload = await oidcStore.find(db, realmId, 'RefreshToken', { id }, systemNow(), deps.clock.now());
    if (payload?.consumed === undefined || !deps.refreshRetries.refreshing()) return payload;
    const row = await oidcStore.findRow(db, realmId, 'RefreshToken', id);
    if (!row || !isRetry(row, deps.refreshRetries.fingerprint(id), deps.refreshRetries.intervalMs, systemNow())) return payload;
    deps.refreshRetries.served();
    const { consumed: _used, ...unused } = payload;
    return unused;
  }

  /** A client-credentials token: a revocation or an older record if there is one, else the token presented itself. */
  async function findClientCredentials(id: string): Promise<OidcPayload | undefined> {
    const stored = await oidcStore.find(db, realmId, 'ClientCredentials', { id }, systemNow(), deps.clock.now());
    if (stored) return isRevokedRecord(stored) ? undefined : stored;
    const presented = deps.presented();
    if (!presented || deps.recordId(realmId, presented.jti) !== id || !isClientCredentialsJwt(presented.claims)) return undefined;
    // The token of an application switched off or deleted since is no token.
    const clientId = String(presented.claims.client_id);
    const application = (await findClient(clientId)) ? deps.seen.get(clientId) : undefined;
    if (!application) return undefined;
    const cutoff = await oidcStore.find(db, realmId, CUTOFF_MODEL, { id: application.id }, systemNow(), deps.clock.now());
    return issuedBeforeCutoff(cutoff, presented.claims.iat) ? undefined : clientCredentialsPayload(presented, deps.issuer);
  }

  /** Revoking a client-credentials token records the revocation until the token expires. */
  async function revokeClientCredentials(jti: string): Promise<void> {
    const presented = deps.presented();
    const exp = presented?.jti === jti && typeof presented.claims.exp === 'number' ? presented.claims.exp : Math.floor(systemNow() / 1000) + MAX_ACCESS_TOKEN_SECONDS;
    await oidcStore.upsert(db, realmId, 'ClientCredentials', deps.recordId(realmId, jti), revokedRecord(exp), exp * 1000, null, null);
  }

  const adapterFor = (model: string): ProviderAdapter => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : expiresIn ? systemNow() + expiresIn * 1000 : null;
      await oidcStore.upsert(db, realmId, model, id, payload, expiresAt, await realmSessionOf(model, payload), await applicationIdOf(payload.clientId));
    },
    async find(id) {
      if (model === 'Client') return findClient(id);
      if (model === 'RefreshToken') return findRefreshToken(id);
      if (model === 'ClientCredentials') return findClientCredentials(id);
      return oidcStore.find(db, realmId, model, { id }, systemNow(), deps.clock.now());
    },
    async findByUid(uid) {
      return oidcStore.find(db, realmId, model, { uid }, systemNow(), deps.clock.now());
    },
    async findByUserCode(userCode) {
      return oidcStore.find(db, realmId, model, { userCode }, systemNow(), deps.clock.now());
    },
    async consume(id) {
      const by = model === 'RefreshToken' ? deps.refreshRetries.fingerprint(id) : null;
      if (await oidcStore.consume(db, realmId, model, id, systemNow(), by)) return;
      // Two requests redeemed the same code or refresh token at once: the loser is reuse, which
      // ends the grant and everything issued under it (the winner's tokens too), as a replay would —
      // unless it is a refresh token's retry by whoever used it, within the reuse interval: that
      // loser is refused (a second rotation would fork the grant) and the winner's tokens live on.
      const row = await oidcStore.findRow(db, realmId, model, id);
      if (row && by !== null && isRetry(row, by, deps.refreshRetries.intervalMs, systemNow())) throw deps.usedTwice();
      if (row?.grant_id) await oidcStore.revokeByGrantId(db, realmId, row.grant_id, true);
      throw deps.usedTwice();
    },
    async destroy(id) {
      if (model === 'ClientCredentials') return revokeClientCredentials(id);
      const bound = model === 'Session' ? await oidcStore.findRow(db, realmId, model, id) : undefined;
      // A revoked JWT access token is destroyed by its jti; its record is kept under the record id.
      await oidcStore.destroy(db, realmId, model, RECORDED_TOKENS.has(model) ? deps.recordId(realmId, id) : id);
      if (!bound?.realm_session_id) return;
      // Signing out of the provider signs out of the realm session it was bound to; any other
      // destruction of a session is its id changing (see `carried`).
      if (deps.signingOut()) {
        if (bound.account_id) await deps.signedOut(bound.realm_session_id, bound.account_id);
      } else if (bound.uid) carried.set(bound.uid, bound.realm_session_id);
    },
    async revokeByGrantId(grantId) {
      await oidcStore.revokeByGrantId(db, realmId, grantId);
    },
  });
  return { adapterFor, applicationIdOf };
}
