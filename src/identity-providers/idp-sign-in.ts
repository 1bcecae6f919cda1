import type { AuthService } from '../auth/auth-service.ts';
import type { LoginGuard } from '../auth/login-guard.ts';
import { enforceRateLimits, type RateLimiter } from '../auth/rate-limiter.ts';
import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import { ChangedSinceProof } from '../auth/sign-in-tokens.ts';
import type { AccessTokenClaims } from '../contracts.ts';
import { applicationStore } from '../applications/application-store.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { FlowAnswer, FlowService } from '../flows/flow-service.ts';
import type { FlowStore } from '../flows/flow-store.ts';
import type { CompletedFactor } from '../flows/flow.ts';
import type { Realm } from '../realms/realm.ts';
import { canAuthenticate, type User } from '../users/user.ts';
import { createIdentityLinks, LinkRequired, type IdentityLinkDeps, type IdentityLinks } from './identity-links.ts';
import { createHandoffs, type Handoff, type HandoffHolder } from './handoffs.ts';
import { createPendingSignIns, PENDING_LIFETIME_MS, type ReturnTarget } from './pending-sign-in.ts';
import { protocols } from './protocols.ts';
import { createProviderAdapters, type ProviderAdapterDeps } from './provider-adapters.ts';
import { providerStore } from './provider-store.ts';
import { providerLimits, type IdentityProvider } from './provider.ts';
import type { UpstreamProfile } from './upstream.ts';
import { storableProfile } from './upstream-text.ts';
import type { UserService } from '../users/user-service.ts';
import type { LinkedIdentity } from './identity-store.ts';

/**
 * Signing in through one of the realm's identity providers (issue #11): `start` sends the browser
 * upstream with fresh state, nonce and PKCE verifier bound to it; `callback` uses that pending
 * sign-in up exactly once, lets the provider's adapter check everything that came back, then finds
 * the account (linked identity, or the first-sign-in policy: create, link, refuse) and signs in —
 * through the flow engine, so the realm's MFA policy applies unless the provider satisfies it.
 * Every failure after the browser left is event 1225 with the provider's error, never its tokens.
 * No Fastify here: the routes (src/http/routes/public-identity-providers.ts) and pages call this.
 */
export interface IdpSignInDeps extends ProviderAdapterDeps {
  events: EventLog;
  users: Pick<UserService, 'create' | 'update' | 'findWithSecret' | 'findForSignIn'>;
  roles: IdentityLinkDeps['roles'];
  flows: Pick<FlowService, 'draft' | 'proveFirstFactor'>;
  flowStore: Pick<FlowStore, 'insert'>;
  auth: Pick<AuthService, 'completeSignIn'>;
  guard: Pick<LoginGuard, 'check'>;
  rateLimiter: RateLimiter;
  limits: { enabled: boolean; perIpPerMinute: number };
}

/** Where the callback sends the browser: an API client's redirect URI, or back to the hosted page's interaction (both with a one-time code, or the page with an error). */
export interface CallbackOutcome {
  url: string;
}

/** The hosted page's return address for an interaction: a sub-path of it, so the provider's interaction cookie comes along. */
export const pageReturnPath = (realm: Pick<Realm, 'id'>, interaction: string) => `/realms/${realm.id}/interaction/${encodeURIComponent(interaction)}/idp-return`;

export type ProviderButton = Pick<IdentityProvider, 'slug' | 'displayName' | 'iconUrl'>;

/** The state a callback brings back: OAuth's `state`, or SAML's RelayState. */
export const callbackState = (params: Record<string, string>): string | undefined => params.state ?? params.RelayState;

const notFound = () => new AppError('idp.not_found', 'No such identity provider in this realm.');
export function createIdpSignIn(deps: IdpSignInDeps) {
  const { db, clock, events, secrets, users } = deps;
  const pending = createPendingSignIns(secrets);
  const links: IdentityLinks = createIdentityLinks({ db, clock, events, users, roles: deps.roles });
  const handoffs = createHandoffs(db, clock);

  const { callbackUrl, adapterOf, samlMetadata } = createProviderAdapters(deps);

  async function enabledProvider(realm: Realm, ref: string): Promise<IdentityProvider> {
    const provider = await providerStore.find(db, realm.id, ref);
    if (!provider) throw notFound();
    if (!provider.enabled) throw new AppError('idp.disabled', 'This identity provider is switched off in this realm.');
    return provider;
  }

  async function limit(realm: Realm, origin: RequestOrigin): Promise<void> {
    if (!deps.limits.enabled || origin.ip === null) return;
    await enforceRateLimits(deps.rateLimiter, [{ key: `idp:ip:${realm.id}:${origin.ip}`, limit: deps.limits.perIpPerMinute }]);
  }

  /** Event 1225: what went wrong at the provider or with what it sent (its error code and text, never a token). */
  async function recordFailure(realm: Realm, provider: IdentityProvider | undefined, error: AppError, origin: RequestOrigin): Promise<void> {
    await events.record(db, {
      realmId: realm.id,
      type: 'identity_provider.sign_in_failed',
      actor: { type: 'system', id: null },
      origin,
      details: { provider_id: provider?.id ?? null, slug: provider?.slug ?? null, code: error.code, reason: error.message, upstream: error.details },
    });
  }

  /** Tokens, or the next step of a flow when the realm's MFA policy asks for a second factor. */
  async function signIn(realm: Realm, user: User, provider: Pick<IdentityProvider, 'id' | 'satisfiesMfa'>, upstreamAmr: string[], origin: RequestOrigin): Promise<FlowAnswer> {
    const verdict = await deps.guard.check(realm, { userId: user.id });
    if (!verdict.allowed) throw new AppError('auth.too_many_attempts', 'Too many failed attempts; wait before trying again.', { retryAfterSeconds: verdict.retryAfterSeconds });
    // RFC 8176 has no value for "signed in elsewhere": `fed` says so; the provider's own amr follows it.
    const amr = [...new Set(['fed', ...upstreamAmr])];
    const now = clock.now();
    if (provider.satisfiesMfa) {
      const assurance = { authTime: now, amr: [...new Set([...amr, 'mfa'])], acr: 'aal2', methods: ['identity_provider'], identityProviderId: provider.id };
      const result = await deps.auth.completeSignIn(realm, user, 'identity_provider', assurance, origin).catch((error: unknown) => {
        // The account changed (a lock, a deletion) between its lookup and its session: not a wrong password.
        if (error instanceof ChangedSinceProof) throw new AppError('idp.refused', 'The account changed while signing in; sign in again.');
        throw error;
      });
      return { kind: 'signed_in', result, assurance };
    }
    const flow = deps.flows.draft(realm, 'login', origin, {});
    await deps.flowStore.insert(db, flow);
    const factor: CompletedFactor = { method: 'identity_provider', amr, at: now, provider: provider.id };
    return deps.flows.proveFirstFactor(realm, flow, user, factor, origin);
  }

  /** Uses up a code (see handoffs.ts) and finds its provider, still switched on. */
  async function takeHandoff(realm: Realm, code: string, redirectUri: string, intent: Handoff['intent'], holder: HandoffHolder): Promise<{ handoff: Handoff; provider: IdentityProvider }> {
    const handoff = await handoffs.take(realm, code, redirectUri, intent, holder);
    const provider = await providerStore.find(db, realm.id, handoff.providerId);
    if (!provider?.enabled) throw new AppError('idp.disabled', 'This identity provider is switched off in this realm.');
    return { handoff, provider };
  }

  /** The account the upstream one signs in to (found through its link, or by the first-sign-in policy). */
  async function accountFor(realm: Realm, provider: IdentityProvider, profile: UpstreamProfile, origin: RequestOrigin): Promise<User> {
    const user = await links.resolve(realm, provider, profile, origin);
    if (!canAuthenticate(user)) throw new AppError('idp.refused', 'This account cannot sign in.');
    return user;
  }

  /** Uses up a sign-in's one-time code at the address it was given to: tokens, or the next step of the flow. */
  async function exchange(realm: Realm, code: string, redirectUri: string, holder: HandoffHolder, origin: RequestOrigin): Promise<FlowAnswer> {
    await limit(realm, origin);
    const { handoff, provider } = await takeHandoff(realm, code, redirectUri, 'sign_in', holder);
    const user = await users.findWithSecret(realm.id, handoff.userId!);
    if (!user || !canAuthenticate(user)) throw new AppError('idp.refused', 'This account cannot sign in.');
    return signIn(realm, user, provider, handoff.amr, origin);
  }

  return {
    callbackUrl,

    /** The hosted sign-in page's buttons: the realm's enabled providers this server signs in through, in their order. */
    async buttons(realm: Realm): Promise<ProviderButton[]> {
      const { items } = await providerStore.list(db, realm.id, { limit: providerLimits.perRealm });
      return items.filter((provider) => provider.enabled && protocols[provider.kind]).map(({ slug, displayName, iconUrl }) => ({ slug, displayName, iconUrl }));
    },

    /**
     * Starts a sign-in: the URL to send the browser to, and the secret to keep in its cookie (the
     * callback must come back with it). `target.kind === 'client'`: the redirect URI must be one an
     * enabled application of the realm registered, byte for byte. `maxAuthAge`: the application
     * asked for a fresh sign-in (src/identity-providers/upstream.ts), and the callback holds the
     * provider to it.
     */
    async start(
      realm: Realm,
      ref: string,
      target: ReturnTarget,
      origin: RequestOrigin,
      hints: { loginHint?: string; maxAuthAge?: number } = {},
    ): Promise<{ url: string; state: string; browserSecret: string; expiresAt: number }> {
      await limit(realm, origin);
      const provider = await enabledProvider(realm, ref);
      if (target.kind === 'client' && !(await applicationStore.hasReturnUri(db, realm.id, target.redirectUri, 'redirect_uris'))) {
        throw new AppError('idp.redirect_uri_not_allowed', 'redirect_uri is not registered by any application of this realm.', { details: [{ field: 'redirect_uri', issue: 'is not registered' }] });
      }
      const now = clock.now();
      const { loginHint, maxAuthAge } = hints;
      const draft = { ...pending.draft(provider.id, target, now), ...(maxAuthAge === undefined ? {} : { authenticatedSince: now - maxAuthAge * 1000 }) };
      const adapter = await adapterOf(realm, provider);
      const upstream = await adapter.start({
        redirectUri: callbackUrl(realm, provider),
        state: draft.state,
        nonce: draft.nonce,
        codeVerifier: draft.codeVerifier,
        ...(loginHint ? { loginHint } : {}),
        ...(maxAuthAge === undefined ? {} : { maxAuthAge }),
      });
      await pending.store(db, realm.id, { ...draft, ...(upstream.requestId ? { requestId: upstream.requestId } : {}) }, now);
      return { url: upstream.url, state: draft.state, browserSecret: draft.browserSecret, expiresAt: draft.expiresAt };
    },

    /** The provider came back (query or form_post body): at most one callback per start gets past here. */
    async callback(realm: Realm, ref: string, params: Record<string, string>, browserSecret: string | undefined, origin: RequestOrigin): Promise<CallbackOutcome> {
      await limit(realm, origin);
      let provider: IdentityProvider | undefined;
      let target: ReturnTarget | undefined;
      try {
        provider = await enabledProvider(realm, ref);
        const sent = await pending.consume(db, realm.id, provider.id, callbackState(params), browserSecret, clock.now());
        target = sent.target;
        const adapter = await adapterOf(realm, provider);
        const profile = storableProfile(await adapter.finish({
          redirectUri: callbackUrl(realm, provider),
          params,
          expected: {
            state: sent.state,
            nonce: sent.nonce,
            codeVerifier: sent.codeVerifier,
            ...(sent.requestId ? { requestId: sent.requestId } : {}),
            ...(sent.authenticatedSince === undefined ? {} : { authenticatedSince: sent.authenticatedSince }),
          },
        }));
        const amr = profile.amr ?? [];
        if (target.kind === 'page') {
          // The page signs in with the code (its interaction cookie binds it to this browser's request).
          const returnPath = pageReturnPath(realm, target.interaction);
          const account = await accountFor(realm, provider, profile, origin).catch((error: unknown) => {
            if (error instanceof LinkRequired) return error;
            throw error;
          });
          if (account instanceof LinkRequired) {
            // An account with the address exists: the page asks its owner to sign in to it, then links (linkOnPage).
            const upstream = { subject: profile.subject, email: profile.email, emailVerified: profile.emailVerified };
            const link = { intent: 'link' as const, providerId: provider.id, redirectUri: returnPath, amr, userId: account.existingUserId, upstream };
            return { url: `${returnPath}?${new URLSearchParams({ link: await handoffs.issue(realm, link, PENDING_LIFETIME_MS) })}` };
          }
          const code = await handoffs.issue(realm, { intent: 'sign_in', providerId: provider.id, redirectUri: returnPath, amr, userId: account.id });
          return { url: `${returnPath}?${new URLSearchParams({ code })}` };
        }
        // A link waits for the signed-in user's token; a sign-in resolves its account now (and refuses now).
        const handoff: Handoff =
          target.intent === 'link'
            ? { intent: 'link', providerId: provider.id, redirectUri: target.redirectUri, codeChallenge: target.codeChallenge, amr, upstream: { subject: profile.subject, email: profile.email, emailVerified: profile.emailVerified } }
            : { intent: 'sign_in', providerId: provider.id, redirectUri: target.redirectUri, codeChallenge: target.codeChallenge, amr, userId: (await accountFor(realm, provider, profile, origin)).id };
        const code = await handoffs.issue(realm, handoff);
        const url = new URL(target.redirectUri);
        url.searchParams.set('code', code);
        if (target.clientState !== undefined) url.searchParams.set('state', target.clientState);
        return { url: url.href };
      } catch (error) {
        if (!(error instanceof AppError) || !(error.code.startsWith('idp.') || error.code.startsWith('user.'))) throw error;
        await recordFailure(realm, provider, error, origin);
        // Once the page is known, the browser goes back to it and reads what went wrong there.
        if (target?.kind === 'page') return { url: `${pageReturnPath(realm, target.interaction)}?${new URLSearchParams({ error: error.code })}` };
        throw error;
      }
    },

    /** The hosted page's one-time code (at its interaction's return path): tokens, or the next step of the flow. */
    signInOnPage(realm: Realm, interaction: string, code: string, origin: RequestOrigin): Promise<FlowAnswer> {
      return exchange(realm, code, pageReturnPath(realm, interaction), { page: true }, origin);
    },

    /** An API client's one-time code (at the redirect URI it started with, with its PKCE verifier): tokens, or the next step of the flow. */
    exchange(realm: Realm, code: string, redirectUri: string, codeVerifier: string | undefined, origin: RequestOrigin): Promise<FlowAnswer> {
      return exchange(realm, code, redirectUri, { codeVerifier }, origin);
    },

    /** What a hosted page's link code would link (the provider's name, the upstream address), to tell its user; undefined when it is no longer good. */
    async pendingLinkOnPage(realm: Realm, interaction: string, code: string): Promise<{ provider: string; email: string | null } | undefined> {
      const handoff = await handoffs.peek(realm, code, pageReturnPath(realm, interaction), 'link');
      const provider = handoff && (await providerStore.find(db, realm.id, handoff.providerId));
      return provider ? { provider: provider.displayName, email: handoff.upstream?.email ?? null } : undefined;
    },

    /**
     * The hosted page's link, once the user signed in on it (their proof of the account): the upstream
     * account the code stands for becomes theirs — only when they signed in to the very account whose
     * address matched (another account of theirs gets nothing linked). The linked identity, or undefined.
     */
    async linkOnPage(realm: Realm, interaction: string, code: string, userId: string, origin: RequestOrigin): Promise<LinkedIdentity | undefined> {
      const { handoff, provider } = await takeHandoff(realm, code, pageReturnPath(realm, interaction), 'link', { page: true });
      if (handoff.userId !== userId || !handoff.upstream) return undefined;
      return links.linkToSignedIn(realm, provider, { ...handoff.upstream, raw: {} }, userId, origin);
    },

    /** A SAML provider's service-provider metadata, for the enterprise to import into its IdP (switched on or not). */
    async serviceProviderMetadata(realm: Realm, ref: string): Promise<string> {
      const provider = await providerStore.find(db, realm.id, ref);
      if (provider?.kind !== 'saml') throw notFound();
      return samlMetadata(realm, provider);
    },

    /**
     * The signed-in user links the upstream account a `link` start came back with (their token is
     * their proof of the account: password and second factor as the realm asks). The code went to
     * the redirect URI in the browser that started, so nobody else's upstream account can be slipped in.
     */
    async link(realm: Realm, who: { userId: string; claims: Pick<AccessTokenClaims, 'auth_time'> }, code: string, redirectUri: string, codeVerifier: string, origin: RequestOrigin): Promise<LinkedIdentity> {
      await limit(realm, origin);
      requireRecentSignIn(who.claims, clock.now());
      const userId = who.userId;
      const { handoff, provider } = await takeHandoff(realm, code, redirectUri, 'link', { codeVerifier });
      return links.linkToSignedIn(realm, provider, { ...handoff.upstream!, raw: {} }, userId, origin);
    },
  };
}

export type IdpSignIn = ReturnType<typeof createIdpSignIn>;
