import { AppError } from '../errors.ts';
import type { OAuth2Config, OAuth2Context, OAuth2RequestOptions } from './oauth2-config.ts';
import type { OidcProtocol, Preset } from './presets.ts';
import type { IdentityProvider, ProviderKind, SamlProtocol } from './provider.ts';
import { createSamlAdapter, type ServiceProvider } from './saml/saml-adapter.ts';
import type { UpstreamAdapter } from './upstream.ts';

/**
 * Every protocol by kind: how to make its adapter from its stored settings,
 * the opened secret and the sign-in's context. The sign-in (src/identity-providers/idp-sign-in.ts)
 * only ever asks this table, so it never knows which protocol it talks to. The OpenID Connect and
 * OAuth 2.0 adapters (with openid-client) are imported by the first sign-in through them.
 */
export interface ProtocolContext extends OAuth2Context {
  preset: Preset | null;
  /** The provider's sign-in rules an authorization request carries. */
  request: Omit<OAuth2RequestOptions, 'quirks'>;
  /** This realm as a SAML service provider of the provider (the SAML adapter's only). */
  serviceProvider: ServiceProvider;
  /** The provider as of its last change (`realm/id@version`), for what an adapter keeps of it. */
  revision: string;
}

export interface ProtocolEntry<C> {
  create(config: C, secrets: { secret?: string }, ctx: ProtocolContext): Promise<UpstreamAdapter>;
}

const oidc: ProtocolEntry<OidcProtocol> = {
  create: async (config, secrets, ctx) => (await import('./oidc-adapter.ts')).createOidcAdapter(ctx.preset, config, { secret: secrets.secret }, ctx, ctx.request),
};

const oauth2: ProtocolEntry<OAuth2Config> = {
  create: async (config, secrets, ctx) =>
    (await import('./presets/index.ts')).createOAuth2ProviderAdapter(ctx.preset, config, { clientSecret: secrets.secret }, ctx, ctx.request),
};

const saml: ProtocolEntry<SamlProtocol> = {
  create: async (config, secrets, ctx) => createSamlAdapter(config, secrets, { revision: ctx.revision, fetch: ctx.fetch ?? globalThis.fetch, now: ctx.now, serviceProvider: ctx.serviceProvider }),
};

/** Every kind, by the adapter that signs in through it. */
export const protocols: Partial<Record<ProviderKind, ProtocolEntry<never>>> = {
  oidc: oidc as ProtocolEntry<never>,
  oauth2: oauth2 as ProtocolEntry<never>,
  saml: saml as ProtocolEntry<never>,
};

/** The adapter for a stored provider, or idp.disabled for a kind this server cannot sign in with yet. */
export async function adapterFor(provider: IdentityProvider, secret: string | undefined, ctx: Omit<ProtocolContext, 'preset' | 'request' | 'revision'>): Promise<UpstreamAdapter> {
  const entry = protocols[provider.kind] as ProtocolEntry<unknown> | undefined;
  if (!entry) throw new AppError('idp.disabled', `Signing in through ${provider.kind} providers is not available on this server yet.`);
  const request = { scopes: provider.scopes, prompt: provider.prompt, authorizeParams: provider.authorizeParams };
  const revision = `${provider.realmId}/${provider.id}@${provider.version}`;
  return entry.create(provider.protocol, secret === undefined ? {} : { secret }, { ...ctx, preset: provider.preset, request, revision });
}
