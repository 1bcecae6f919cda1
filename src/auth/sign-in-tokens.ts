import type { Kysely } from 'kysely';
import type { TokenTenant } from '../authorization/tenant.ts';
import type { TokenSet } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { Realm } from '../realms/realm.ts';
import { draftSession, sessionStore, type Assurance, type NewSession } from '../sessions/session-store.ts';
import type { Schema } from '../storage/schema.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import type { RefreshTokens } from '../tokens/refresh-tokens.ts';
import { userStore } from '../users/user-store.ts';
import type { User } from '../users/user.ts';

const DAY_MS = 86_400_000;

/**
 * The user's record moved on (a password changed or reset, an email changed, a lock, a deletion)
 * between the proof of a sign-in and its session, and nothing was written. A client told so
 * directly gets the answer to a wrong password; the flow engine ends the flow instead.
 */
export class ChangedSinceProof extends AppError {
  constructor() {
    super('auth.invalid_credentials', 'The identifier or password is wrong.');
  }
}

export interface SignInTokenDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
}

/**
 * An access token and, in managed realms, a new session holding the hash of its first refresh
 * token; with the success event. The session's id and expiry are chosen first so the token is
 * signed before the transaction: the write lock (SQLite's is database-wide) is never held across
 * signing. If signing fails, nothing has been written.
 *
 * `user` is the user as the sign-in proved them: the session is created only while their record
 * is still at `user.version`, checked in the transaction that creates it (found by review: a
 * password reset or a lock landing between a flow's last check and the session's insert ended
 * every session but the one being made). Nothing a sign-in itself writes (the last-login time, a
 * rehashed password) moves the version, so sign-ins of one user never refuse each other. The
 * last-login time is written by the statement that checks the version, in the same transaction.
 */
export function createSignInTokens(deps: SignInTokenDeps) {
  const { db, clock, events, accessTokens, refreshTokens } = deps;

  /** The tokens, and `at`: the sign-in's time, now the user's `last_login_at`. */
  return async function issueSignInTokens(realm: Realm, user: User, method: string, origin: RequestOrigin, assurance: Assurance, tenant: TokenTenant | null): Promise<{ tokens: TokenSet; at: number }> {
    const signer = await accessTokens.signerFor(realm);
    const now = clock.now();
    const sessionId = newId('ses');
    const refresh = realm.tokens.session_type === 'managed' ? refreshTokens.issue(realm.id, sessionId) : null;
    const newSession: NewSession | null = refresh
      ? {
          id: sessionId,
          realmId: realm.id,
          userId: user.id,
          now,
          expiresAt: now + realm.tokens.refresh_token_days * DAY_MS,
          ip: origin.ip,
          userAgent: origin.userAgent,
          refreshHash: refresh.hash,
          assurance,
          tenantId: tenant?.id ?? null,
        }
      : null;
    const access = await signer.sign(user, newSession && draftSession(newSession), assurance, tenant);
    return db.transaction().execute(async (trx) => {
      // First, so the transaction holds nothing while it waits for a change of the user to end. It
      // takes the realm's row before the user's, as realm changes do (found by review: otherwise
      // the session's insert waited for the realm holding the user, a deadlock with its deletion).
      if (!(await userStore.recordSignIn(trx, realm.id, user.id, user.version, now))) throw new ChangedSinceProof();
      const session = newSession && (await sessionStore.create(trx, newSession));
      await events.record(trx, {
        realmId: realm.id,
        type: 'user.login.succeeded',
        actor: { type: 'user', id: user.id },
        userId: user.id,
        origin,
        details: {
          method,
          amr: assurance.amr,
          acr: assurance.acr,
          session_id: session?.id ?? null,
          ...(tenant ? { tenant_id: tenant.id } : {}),
          ...(assurance.identityProviderId ? { provider_id: assurance.identityProviderId } : {}),
        },
      });
      const tokens: TokenSet = {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: access.expiresIn,
        ...(refresh === null ? {} : { refresh_token: refresh.token }),
        session_id: session?.id ?? null,
      };
      return { tokens, at: now };
    });
  };
}
