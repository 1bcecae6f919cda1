import { createHash, randomBytes } from 'node:crypto';
import type { InteractionDetails, Provider } from 'oidc-provider';
import type { ApplicationDirectory, InteractionView, OidcInteractions, PageSignIn, RawExchange } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { RequestOrigin } from '../events/event-log.ts';
import type { Realm } from '../realms/realm.ts';
import { PAGES_CALLBACK_PATH, PAGES_CLIENT_ID, type DirectSignInState } from './direct-sign-in.ts';
import { requiredAcr } from './interaction-policy.ts';
import { originOfRequest } from './request-origins.ts';
import type { RealmProvider } from './realm-provider.ts';

/**
 * The hosted pages' side of an OpenID Connect interaction (contracts: OidcInteractions). The
 * interaction is the one the provider's cookie names, and it must be the one in the page's URL:
 * an unknown, expired or other realm's uid (the provider and its storage are the realm's own) is
 * `oidc.interaction_not_found`.
 */
export interface InteractionDeps {
  providerFor(realm: Realm): Promise<RealmProvider>;
  /** The realm's live session of that id, if any (the one a sign-in says it created). */
  liveSession(realm: Realm, sessionId: string): Promise<{ id: string; user_id: string; tenant_id: string | null } | undefined>;
  applications: ApplicationDirectory;
  directState: DirectSignInState;
  /**
   * Moves the realm session to the tenant an authorize request's `organization` names: false when
   * the user cannot sign in to it (not a member, inactive, unknown: alike).
   */
  enterTenant(realm: Realm, session: { id: string; user_id: string; tenant_id: string | null }, organization: string, origin: RequestOrigin): Promise<boolean>;
  /** In a realm without managed sessions (none to move): whether the user may sign in to that tenant. */
  mayEnterTenant(realm: Realm, userId: string, organization: string): Promise<boolean>;
}

const notFound = () => new AppError('oidc.interaction_not_found', 'This sign-in request is unknown or has expired; start again from the application.');

/** The uid in `/realms/{realm}/interaction/{uid}[/…]`. */
function uidInPath(url: string | undefined): string | undefined {
  return url?.split('?')[0].match(/^\/realms\/[^/]+\/interaction\/([^/]+)/)?.[1];
}

/**
 * What the login prompt demands of the user's authentication: `prompt=login` any session's end
 * (0 s), `max_age` one no older than it (oidc-provider asks again for either reason).
 */
function maxAuthAge(details: InteractionDetails): number | null {
  const reasons = details.prompt.reasons;
  if (reasons.includes('login_prompt')) return 0;
  const maxAge = Number(details.params.max_age);
  return reasons.includes('max_age') && Number.isSafeInteger(maxAge) && maxAge >= 0 ? maxAge : null;
}

export function createOidcInteractions(deps: InteractionDeps): OidcInteractions {
  async function load(realm: Realm, exchange: RawExchange): Promise<{ built: RealmProvider; details: InteractionDetails }> {
    const built = await deps.providerFor(realm);
    let details: InteractionDetails;
    try {
      details = await built.provider.interactionDetails(exchange.req, exchange.res);
    } catch {
      throw notFound();
    }
    if (details.uid !== uidInPath(exchange.req.url)) throw notFound();
    return { built, details };
  }

  const finish = (provider: Provider, exchange: RawExchange, result: Record<string, unknown>, merge = false) =>
    provider.interactionResult(exchange.req, exchange.res, result, { mergeWithLastSubmission: merge });

  return {
    async view(realm, exchange): Promise<InteractionView> {
      const { built, details } = await load(realm, exchange);
      const clientId = String(details.params.client_id);
      const client = (await built.provider.Client.find(clientId)) as { clientName?: string; logoUri?: string } | undefined;
      const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
      const { missingOIDCScope: missing = [], missingResourceScopes } = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      const consent = details.prompt.name === 'consent';
      return {
        uid: details.uid,
        prompt: consent ? 'consent' : 'login',
        client: { clientId, name: client?.clientName ?? clientId, logoUrl: client?.logoUri ?? null, frameOrigins: built.applications.get(clientId)?.frameOrigins ?? [] },
        scopes,
        missingScopes: consent ? missing : [],
        operatorAccess: consent && built.consent.asksOperatorAccess(missingResourceScopes),
        loginHint: typeof details.params.login_hint === 'string' ? details.params.login_hint : null,
        idpHint: typeof details.params.idp_hint === 'string' ? details.params.idp_hint : null,
        uiLocales: typeof details.params.ui_locales === 'string' ? details.params.ui_locales.split(' ').filter(Boolean) : [],
        requiredAcr: requiredAcr(realm, details.params.acr_values),
        maxAuthAge: consent ? null : maxAuthAge(details),
        userId: consent ? (details.session?.accountId ?? null) : null,
      };
    },

    async signedIn(realm, exchange, signIn: PageSignIn): Promise<string> {
      const { built, details } = await load(realm, exchange);
      // The provider session is bound to this realm session: it must be the signed-in user's own, live.
      const session = signIn.sessionId === null ? undefined : await deps.liveSession(realm, signIn.sessionId);
      if (signIn.sessionId !== null && session?.user_id !== signIn.userId) {
        throw new Error(`sign-in reported realm session ${signIn.sessionId}, which is not a live session of user ${signIn.userId}`);
      }
      // The authorize request's `organization`: the realm session enters that tenant (without one,
      // the user must be able to), or the application hears access_denied.
      const organization = details.params.organization;
      if (typeof organization === 'string') {
        const allowed = session ? await deps.enterTenant(realm, session, organization, originOfRequest(exchange.req)) : await deps.mayEnterTenant(realm, signIn.userId, organization);
        if (!allowed) return finish(built.provider, exchange, { error: 'access_denied', error_description: 'You cannot sign in to that organization.' });
      }
      // The realm session rides in the result to the resume, where the provider session is saved
      // bound to it (src/oidc/oidc-adapter.ts).
      return finish(built.provider, exchange, {
        login: { accountId: signIn.userId, ts: Math.floor(signIn.authTime / 1000), amr: signIn.amr, acr: signIn.acr, remember: true },
        keyrealm: { sessionId: signIn.sessionId },
      });
    },

    async consented(realm, exchange, origin: RequestOrigin): Promise<string> {
      const { built, details } = await load(realm, exchange);
      if (details.prompt.name !== 'consent') throw notFound();
      const grantId = await built.consent.grantFromPrompt(built.provider, details, async (application, userId, scopes) => {
        await deps.applications.recordConsent(realm.id, userId, application.id, scopes, origin);
      });
      return finish(built.provider, exchange, { consent: { grantId } }, true);
    },

    async cancelled(realm, exchange): Promise<string> {
      const { built } = await load(realm, exchange);
      return finish(built.provider, exchange, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' });
    },

    async startDirectSignIn(realm, _exchange, returnTo, idpHint): Promise<string> {
      const built = await deps.providerFor(realm);
      // The code this request yields is never exchanged: what counts is the provider session the
      // browser gets on the way. PKCE is required of every client, so a throwaway challenge.
      const challenge = createHash('sha256').update(randomBytes(32)).digest('base64url');
      const query = new URLSearchParams({
        client_id: PAGES_CLIENT_ID,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: `${built.issuer}${PAGES_CALLBACK_PATH}`,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: deps.directState.seal(realm.id, returnTo),
      });
      if (idpHint) query.set('idp_hint', idpHint);
      return `${built.issuer}/oidc/auth?${query}`;
    },
  };
}
