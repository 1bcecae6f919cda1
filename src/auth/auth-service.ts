import type { Kysely } from 'kysely';
import type { TokenSet, UserDirectory, ValidatedToken } from '../contracts.ts';
import { predatesTenantMove, readValidationState, tenantStands, type ValidationStateCache } from './validation-state.ts';
import { tenantAccessEnded } from '../authorization/tenant.ts';
import type { TenantSignIn } from '../authorization/tenant-policy.ts';
import { AppError } from '../errors.ts';
import { systemActor, type EventLog, type RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import { effectiveTokenParameters, type Realm } from '../realms/realm.ts';
import { sessionStore, type Assurance } from '../sessions/session-store.ts';
import type { Schema } from '../storage/schema.ts';
import type { AccessTokens } from '../tokens/access-tokens.ts';
import type { RefreshTokens } from '../tokens/refresh-tokens.ts';
import { canAuthenticate, type User } from '../users/user.ts';
import type { IdentifierHash } from './identifier-hash.ts';
import type { GuardSubject, LoginGuard } from './login-guard.ts';
import type { PasswordInput, PasswordMethod } from './methods/password.ts';
import { enforceRateLimits, type RateCheck, type RateLimiter } from './rate-limiter.ts';
import type { DenialReason } from './sign-in-method.ts';
import { createSignInTokens } from './sign-in-tokens.ts';

/**
 * Password sign-in, refresh, logout and validate. Reads through the user directory happen outside
 * transactions: on SQLite a transaction holds the only connection, and the directory queries
 * through its own handle.
 */
export interface AuthLimits {
  enabled: boolean;
  /** Each per minute; the per-IP limits count per realm. */
  loginPerIp: number;
  /** The operators' own (the `admin` realm's) per-IP sign-in limit. */
  operatorLoginPerIp: number;
  loginPerIdentifier: number;
  refreshPerIp: number;
}

export interface AuthServiceDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  users: UserDirectory;
  methods: { password: PasswordMethod };
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
  rateLimiter: RateLimiter;
  limits: AuthLimits;
  /** Brute-force protection per account (src/auth/login-guard.ts). */
  guard: LoginGuard;
  /** What the event log and the per-identifier limit keep of a typed identifier (src/auth/identifier-hash.ts). */
  identifierHash: IdentifierHash;
  metrics: { signIn(method: string, result: 'success' | 'failure'): void };
  /** Validate's state for recently seen tokens (src/compose.ts); read from the database each time when absent. */
  validationStates?: ValidationStateCache;
  /** Tells every process that a session ended (after the commit), so its tokens stop at once everywhere. */
  invalidation?: InvalidationPublisher;
  /** Which tenant a sign-in or refresh is in (src/authorization/tenant-policy.ts); none when absent. */
  tenants?: TenantSignIn;
  /**
   * Whether the API key a token was exchanged for still stands: live, unexpired, its owner's
   * (src/api-keys/api-key-verifier.ts). Absent: such tokens are refused.
   */
  apiKeyStands?: (realm: Realm, keyId: string, userId: string) => Promise<boolean>;
}

export interface LoginResult extends TokenSet {
  user: User;
}

export type LogoutCredential = { accessToken: string } | { refreshToken: string };

const reuseGraceMs = (realm: Realm) => realm.tokens.refresh_reuse_interval_seconds * 1000;

/** Why a sign-in was refused, as the event log records it: the method's reasons and the auth service's own. */
type RefusalReason = DenialReason | 'too_many_attempts' | 'email_not_verified';

const invalidCredentials = () => new AppError('auth.invalid_credentials', 'The identifier or password is wrong.');
const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError('auth.too_many_attempts', 'Too many failed sign-in attempts; wait before trying again.', { retryAfterSeconds });
const emailNotVerified = () => new AppError('auth.email_not_verified', 'Verify your email address before signing in; the link is in the message we sent.');

/** A realm that asks for verified emails keeps people who signed themselves up out until they have verified theirs. */
function awaitsEmailVerification(realm: Realm, user: User): boolean {
  return realm.users.registration.require_email_verification && user.signed_up && !user.email_verified;
}
const invalidRefreshToken = (message = 'The refresh token is invalid, used or expired.') => new AppError('auth.invalid_refresh_token', message);
const invalidToken = () => new AppError('auth.invalid_token', 'The access token is invalid or has expired.');

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, events, users, methods, accessTokens, refreshTokens, rateLimiter, limits, guard, metrics } = deps;
  const readState = deps.validationStates ? deps.validationStates.read : readValidationState;
  const sessionEnded = (realmId: string, sessionId: string) => deps.invalidation?.publish({ realmId, sessionId });

  async function enforce(checks: RateCheck[]): Promise<void> {
    if (limits.enabled) await enforceRateLimits(rateLimiter, checks);
  }

  // Per realm: everyone behind one address (a shared office, a proxy that is not trusted) is one
  // "IP", and exhausting one realm's count must not keep that address out of every other realm,
  // least of all the operators' `admin` realm, which also has a limit of its own.
  const perIp = (action: string, realm: Realm, origin: RequestOrigin, limit: number) =>
    origin.ip === null ? [] : [{ key: `${action}:ip:${realm.id}:${origin.ip}`, limit }];

  /** A spent refresh token was presented: two parties hold it, so the session ends before the refusal. */
  async function refuseReuse(realm: Realm, sessionId: string, origin: RequestOrigin): Promise<never> {
    await refreshTokens.revokeForReuse(db, realm.id, sessionId, origin);
    await sessionEnded(realm.id, sessionId);
    throw invalidRefreshToken();
  }

  const issueSignInTokens = createSignInTokens({ db, clock, events, accessTokens, refreshTokens });

  /**
   * Tokens for a user who has proved who they are (every factor the flow asked for): a new session,
   * the success event, the last-login time, and the brute-force guard's count cleared. `user` is as
   * the sign-in proved them: if their record has moved on since (its `version`), nothing is issued
   * and `ChangedSinceProof` is thrown (src/auth/sign-in-tokens.ts).
   */
  async function completeSignIn(realm: Realm, user: User, method: string, assurance: Assurance, origin: RequestOrigin, requestedTenant?: string): Promise<LoginResult> {
    // A tenant the user may not sign in to is refused before anything is written.
    const tenant = deps.tenants ? await deps.tenants.forSignIn(realm.id, user.id, requestedTenant) : null;
    try {
      const { tokens, at } = await issueSignInTokens(realm, user, method, origin, assurance, tenant);
      await guard.recordSuccess(realm, { userId: user.id });
      metrics.signIn(method, 'success');
      return { ...tokens, user: { ...user, last_login_at: at } };
    } catch (error) {
      metrics.signIn(method, 'failure');
      await events.record(db, {
        realmId: realm.id,
        type: 'user.login.token_failed',
        actor: { type: 'user', id: user.id },
        userId: user.id,
        origin,
        details: { method },
      });
      throw error;
    }
  }

  const service = {
    completeSignIn,

    /**
     * The password as a first factor: rate limits, the method, the brute-force guard and the
     * email-verification rule. The user who proved it, or an AppError (the event is recorded).
     */
    async authenticatePassword(realm: Realm, credentials: PasswordInput, origin: RequestOrigin): Promise<User> {
      const hashedIdentifier = deps.identifierHash(realm.id, credentials.identifier);
      await enforce([
        ...perIp('login', realm, origin, realm.is_system ? limits.operatorLoginPerIp : limits.loginPerIp),
        { key: `login:identifier:${realm.id}:${hashedIdentifier}`, limit: limits.loginPerIdentifier },
      ]);
      const method = methods.password;
      // The method runs first, always: its one password verification takes the same time whether
      // or not the account exists, so even an attempt the guard refuses does not tell them apart.
      const outcome = await method.authenticate(realm, credentials, { clock });
      const userId = outcome.kind === 'authenticated' ? outcome.user.id : outcome.userId;
      const subject: GuardSubject = userId === null ? { unknownIdentifierHash: hashedIdentifier } : { userId };
      const refuse = async (reason: RefusalReason, error: AppError): Promise<never> => {
        metrics.signIn(method.id, 'failure');
        await events.record(db, {
          realmId: realm.id,
          type: 'user.login.failed',
          actor: userId ? { type: 'user', id: userId } : systemActor,
          userId,
          origin,
          details: { method: method.id, reason, identifier_hash: hashedIdentifier },
        });
        throw error;
      };
      // Refused by the guard: not counted, and a right password is not accepted. Guesses sent at
      // once are all hashed before any is counted; `begin` counts those still in progress, so they
      // cannot all pass a check made before any of them failed.
      const attempt = await guard.begin(realm, subject);
      try {
        const { verdict } = attempt;
        if (!verdict.allowed) return await refuse('too_many_attempts', tooManyAttempts(verdict.retryAfterSeconds));
        if (outcome.kind === 'denied') {
          // Every denial counts, locked, inactive and password-less accounts too: they answer like an
          // unknown identifier, so the guard's delays and locks must come at the same counts.
          await guard.recordFailure(realm, subject, origin);
          return await refuse(outcome.reason, invalidCredentials());
        }
      } finally {
        await attempt.end();
      }
      const { user } = outcome;
      // The right password, but not yet allowed in: neither a failure nor a success.
      if (awaitsEmailVerification(realm, user)) return refuse('email_not_verified', emailNotVerified());
      // Only now, allowed in, the method's upkeep (a hash upgrade): best-effort, it never throws.
      await outcome.afterAllowed?.();
      // Not a success yet for the guard: a second factor may follow, and its wrong guesses must keep
      // counting across sign-ins. The count is cleared when the sign-in completes.
      return user;
    },

    /** `requestedTenant`: switch the session to this tenant (the user must be a member of it). */
    async refresh(realm: Realm, refreshToken: string, origin: RequestOrigin, requestedTenant?: string): Promise<TokenSet> {
      await enforce(perIp('refresh', realm, origin, limits.refreshPerIp));
      if (realm.tokens.session_type !== 'managed') throw invalidRefreshToken('This realm issues self-contained tokens without refresh.');
      const presented = refreshTokens.verify(realm.id, refreshToken);
      if (!presented) throw invalidRefreshToken();
      const signer = await accessTokens.signerFor(realm);
      // One autocommit statement checks and uses the token; no transaction is held across what follows.
      const rotation = await refreshTokens.rotate(db, realm.id, presented, reuseGraceMs(realm), origin);
      if (rotation.kind === 'spent') return refuseReuse(realm, presented.sessionId, origin);
      if (rotation.kind === 'refused') throw invalidRefreshToken();
      const { session, next } = rotation;
      try {
        // Read with the rotation where the database can (PostgreSQL), else now.
        const user = rotation.kind === 'rotated' && rotation.subject !== undefined ? rotation.subject : await users.findTokenSubject(realm.id, session.user_id);
        if (!user || !canAuthenticate(user)) throw invalidRefreshToken();
        // The session's tenant while the user still belongs to it, or the one switched to.
        const tenant = deps.tenants ? await deps.tenants.forRefresh(realm.id, user.id, session.tenant_id, requestedTenant) : null;
        if ((tenant?.id ?? null) !== session.tenant_id) await deps.tenants?.moveSession(realm.id, session, tenant, origin);
        // The access token depends only on the user, the session's id and expiry, and the tenant.
        const access = await signer.sign(user, session, undefined, tenant);
        return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, refresh_token: next.token, session_id: session.id };
      } catch (error) {
        // The successor never reaches the client: the presented token stays usable, so a retry
        // (after a signing failure, say) is not taken for reuse. A retried answer changed nothing
        // to undo, and the successor it repeats may already be with its first requester.
        if (rotation.kind === 'rotated') await refreshTokens.restore(db, realm.id, presented, next);
        throw error;
      }
    },

    /** Ends the session the token belongs to. Ending an already ended session is no error. */
    async logout(realm: Realm, credential: LogoutCredential, origin: RequestOrigin): Promise<void> {
      let sessionId: string | undefined;
      let withReplacedToken = false;
      if ('accessToken' in credential) {
        sessionId = (await accessTokens.verify(realm, credential.accessToken)).sid;
      } else {
        const presented = refreshTokens.verify(realm.id, credential.refreshToken);
        const session = presented && (await sessionStore.find(db, realm.id, presented.sessionId));
        if (!presented || !session) throw invalidRefreshToken();
        const standing = refreshTokens.standing(realm.id, session, presented, reuseGraceMs(realm), origin);
        // A spent token is reuse: the session ends all the same, as reuse, and the token is refused.
        // The token just replaced, within the grace and from the origin that replaced it, is its
        // holder's: signing out with it is a logout, recorded as made with that token.
        if (standing === 'spent') return refuseReuse(realm, session.id, origin);
        if (standing === 'other') throw invalidRefreshToken();
        sessionId = session.id;
        withReplacedToken = standing === 'retry';
      }
      // A token of an unmanaged realm has no server-side session to end.
      if (sessionId === undefined) return;
      const id = sessionId;
      await db.transaction().execute(async (trx) => {
        const session = await sessionStore.find(trx, realm.id, id);
        if (!session || !(await sessionStore.revoke(trx, realm.id, id, 'logout', clock.now()))) return;
        await events.record(trx, {
          realmId: realm.id,
          type: 'user.logout',
          actor: { type: 'user', id: session.user_id },
          userId: session.user_id,
          origin,
          details: { session_id: id, ...(withReplacedToken ? { refresh_token: 'just_replaced' } : {}) },
        });
      });
      await sessionEnded(realm.id, id);
    },

    /** The token is good, its realm active, its user able to sign in and (managed) its session live. */
    async validate(realm: Realm, accessToken: string): Promise<ValidatedToken> {
      const claims = await accessTokens.verify(realm, accessToken);
      if (realm.state !== 'active') throw invalidToken();
      const sessionId = claims.sid ?? null;
      const claimedTenant = typeof claims.tenant === 'string' ? claims.tenant : null;
      const state = await readState(db, realm.id, claims.sub, sessionId, claimedTenant);
      if (!state || !canAuthenticate(state)) throw invalidToken();
      if (sessionId !== null) {
        const { session } = state;
        if (!session || session.user_id !== claims.sub || session.revoked_at !== null || session.expires_at <= clock.now()) throw invalidToken();
      }
      // A token an API key was exchanged for ends with the key (revoked, expired, or taken away), and
      // when the realm stops exchanging keys (token_minutes 0).
      if (claims.api_key !== undefined) {
        const stands = typeof claims.api_key === 'string' && realm.api_keys.token_minutes > 0 && (await deps.apiKeyStands?.(realm, claims.api_key, claims.sub));
        if (!stands) throw invalidToken();
      }
      const { access, minutes } = effectiveTokenParameters(realm, state);
      // An exchanged token's lifetime is the realm's for exchanges (lowered, it cuts the tokens already out).
      accessTokens.assertWithinLifetime(claims, claims.api_key === undefined ? minutes : realm.api_keys.token_minutes);
      // A token whose tenant membership ended (or whose tenant was switched off or deleted) stops here at once.
      if (!tenantStands(state) || predatesTenantMove(state, claimedTenant, claims.iat)) throw tenantAccessEnded();
      const tenant = state.tenant?.member ? { id: state.tenant.id, slug: state.tenant.slug, roles: state.tenant.roles } : null;
      return { claims, userId: claims.sub, sessionId, access, tenant };
    },
  };
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;
