import type { InteractionDetails, KoaContext, OidcGrant, Provider } from 'oidc-provider';
import type { Application, ApplicationDirectory } from '../contracts.ts';
import type { Realm } from '../realms/realm.ts';
import { PAGES_CLIENT_ID } from './direct-sign-in.ts';

/**
 * Consent: an `implicit` application (and the realm's own pages client) never asks; a `required`
 * one asks once per scope, remembered by the applications module until revoked. A remembered
 * consent becomes a grant of the provider as soon as a request needs one, so `prompt=none` works
 * after the first consent, in any later browser session. Access to the admin API or /mcp as the
 * operator is the exception: asked at the prompt each time a provider session needs it.
 */
type GrantContext = KoaContext & {
  oidc: KoaContext['oidc'] & { requestParamOIDCScopes: Set<string>; resourceServers: Record<string, { scopes: Set<string> }> };
};

export interface ConsentDeps {
  realm: Realm;
  applications: ApplicationDirectory;
  applicationOf(clientId: string): Application | undefined;
  /** The admin API and MCP resources (admin realm only): access to them is never given unasked. */
  operatorResources: readonly string[];
  /** The server's own clients (its pages, the console): operator resources need no consent prompt for them. */
  builtIn(clientId: string): boolean;
}

export function createConsent(deps: ConsentDeps) {
  const { realm } = deps;

  function implicit(clientId: string): boolean {
    return clientId === PAGES_CLIENT_ID || deps.applicationOf(clientId)?.consent === 'implicit';
  }

  /** Whether the user agreed (or need not agree) to every one of these scopes for the client. */
  async function covers(clientId: string, userId: string, scopes: string[]): Promise<boolean> {
    if (implicit(clientId)) return true;
    const application = deps.applicationOf(clientId);
    if (!application) return false;
    const consent = await deps.applications.consent(realm.id, userId, application.id);
    return !!consent && scopes.every((scope) => consent.scopes.includes(scope));
  }

  function grantScopes(grant: OidcGrant, oidcScopes: string[], resourceScopes: Record<string, string[]>): void {
    if (oidcScopes.length > 0) grant.addOIDCScope(oidcScopes.join(' '));
    for (const [indicator, scopes] of Object.entries(resourceScopes)) if (scopes.length > 0) grant.addResourceScope(indicator, scopes.join(' '));
  }

  return {
    implicit,

    /** Whether a consent prompt's missing resource scopes include acting as the operator (the page says so). */
    asksOperatorAccess(missingResourceScopes: Record<string, string[]> | undefined): boolean {
      return Object.keys(missingResourceScopes ?? {}).some((indicator) => deps.operatorResources.includes(indicator));
    },

    /** oidc-provider's `loadExistingGrant`: the session's grant, completed from consent already given. */
    async loadExistingGrant(ctx: GrantContext): Promise<OidcGrant | undefined> {
      const { oidc } = ctx;
      const clientId = oidc.client!.clientId;
      const grantId = (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? oidc.session?.grantIdFor(clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const accountId = oidc.session?.accountId;
      if (!accountId || (existing && existing.accountId !== accountId)) return existing;
      const requested = [...oidc.requestParamOIDCScopes];
      if (!(await covers(clientId, accountId, requested))) return existing;
      const grant = existing ?? new oidc.provider.Grant({ accountId, clientId });
      // Acting as the operator on the admin API or /mcp is agreed to at the consent prompt, in this
      // provider session, by every application but the realm's own (found by review: an SSO app's
      // remembered or implicit consent to "know who you are" gave it admin tokens with prompt=none).
      const asked = Object.entries(oidc.resourceServers).filter(([indicator]) => deps.builtIn(clientId) || !deps.operatorResources.includes(indicator));
      const resourceScopes = Object.fromEntries(asked.map(([indicator, server]) => [indicator, requested.filter((scope) => server.scopes.has(scope))]));
      grantScopes(grant, requested, resourceScopes);
      await grant.save();
      return grant;
    },

    /** The user agreed at the consent prompt: grant what it asked for, and remember it. */
    async grantFromPrompt(provider: Provider, details: InteractionDetails, recordConsent: (application: Application, userId: string, scopes: string[]) => Promise<void>): Promise<string> {
      const accountId = details.session?.accountId;
      const clientId = String(details.params.client_id);
      if (!accountId) throw new Error('a consent prompt without a signed-in user');
      const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
      grantScopes(grant, missing.missingOIDCScope ?? [], missing.missingResourceScopes ?? {});
      const grantId = await grant.save();
      const application = deps.applicationOf(clientId);
      if (application && !implicit(clientId)) {
        // The provider has already refused any scope the application may not ask for (invalid_scope).
        await recordConsent(application, accountId, String(details.params.scope ?? '').split(' ').filter(Boolean));
      }
      return grantId;
    },
  };
}

export type Consent = ReturnType<typeof createConsent>;
