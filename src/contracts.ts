/**
 * The seams between modules, as types only. Each module implements its side; the composition root
 * (src/compose.ts) wires implementations together. Nothing here imports Fastify.
 */
import type { KeyLike } from 'node:crypto';
import type { Actor, RequestOrigin } from './events/event-log.ts';
import type { OperatorPrincipal, Grant } from './operators/permissions.ts';
import type { Access, Realm, SigningAlgorithm } from './realms/realm.ts';
import type { Page, PageRequest } from './storage/pagination.ts';
import type { User, UserWithSecret } from './users/user.ts';

// ---------------------------------------------------------------- realms (src/realms)

/** Resolves `{realm}` path segments (a realm id or its slug); cached briefly, invalidated on change. */
export interface RealmLookup {
  resolve(idOrSlug: string): Promise<Realm | undefined>;
  /** Drops cached copies after a change (state, settings, slug, deletion). */
  invalidate(realmId: string): void;
}

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** A private KeyObject, or the HS256 secret as a KeyObject. */
  key: KeyLike;
}

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  /** Public KeyObject, or the HS256 secret. */
  key: KeyLike;
}

/** Each realm's signing keys. Private material is sealed with the master key at rest. */
export interface KeyRing {
  /** The realm's active key (cached in memory). */
  activeKey(realmId: string): Promise<SigningKey>;
  /** A key that may still verify tokens: active, or retired and not past its verify_until. */
  verificationKey(realmId: string, kid: string): Promise<VerificationKey | undefined>;
  /** Public keys for JWKS (none for HS256). */
  jwks(realmId: string): Promise<Record<string, unknown>[]>;
}

// ---------------------------------------------------------------- users (src/users)

/** What an access token says about its user, and whether the user may still have one. */
export type TokenSubject = Pick<
  User,
  'id' | 'email' | 'email_verified' | 'username' | 'display_name' | 'custom' | 'access' | 'access_token_minutes' | 'state' | 'locked'
>;

/** What sign-in, refresh and validate need from the user module. */
export interface UserDirectory {
  /** Finds an active (not deleted) user by email, username or mobile, normalised the realm's way. */
  findForSignIn(realmId: string, identifier: string): Promise<UserWithSecret | undefined>;
  findById(realmId: string, userId: string): Promise<User | undefined>;
  findWithSecret(realmId: string, userId: string): Promise<UserWithSecret | undefined>;
  /** Only what a token needs (refresh runs this on every call). */
  findTokenSubject(realmId: string, userId: string): Promise<TokenSubject | undefined>;
  recordLogin(realmId: string, userId: string, at: number): Promise<void>;
  /**
   * Stores a rehash of the same password (stronger parameters) if `oldHash` is still the stored
   * hash; no new version, no event, sessions untouched. False when the hash changed meanwhile.
   */
  upgradePasswordHash(realmId: string, userId: string, oldHash: string, newHash: string): Promise<boolean>;
}

// ---------------------------------------------------------------- tokens (src/tokens, src/auth)

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp?: number;
  jti: string;
  sid?: string;
  /** When the user last proved who they are (epoch seconds): the sign-in, or the latest step-up. */
  auth_time?: number;
  /** How (RFC 8176): e.g. ['pwd'], ['pwd', 'otp'], ['hwk', 'user']. */
  amr?: string[];
  /** The assurance level reached: `aal1` one factor, `aal2` two. */
  acr?: string;
  realm: string;
  access: Access;
  [claim: string]: unknown;
}

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds; null when the realm issues unmanaged tokens without expiry. */
  expires_in: number | null;
  refresh_token?: string;
  session_id: string | null;
}

/** The result of validating an access token: who, in which session, with what access now. */
export interface ValidatedToken {
  claims: AccessTokenClaims;
  userId: string;
  /** The managed session the token belongs to; null for an unmanaged realm's tokens. */
  sessionId: string | null;
  access: Access;
}

/** Checks an access token for one realm: signature, algorithm, expiry, issuer, realm, session, user. */
export interface TokenValidator {
  validate(realm: Realm, accessToken: string): Promise<ValidatedToken>;
}

// ---------------------------------------------------------------- operators (src/operators)

export interface OperatorDirectory {
  /** The operator's grants, or undefined when the admin-realm user is not an operator. */
  principalFor(userId: string, sessionId: string | null): Promise<OperatorPrincipal | undefined>;
}

export type { Actor, Grant, Page, PageRequest, RequestOrigin };
