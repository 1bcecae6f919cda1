import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { AppError } from '../errors.ts';
import { oauth2ConfigSchema, type OAuth2Config, type OAuth2Context, type OAuth2RequestOptions } from './oauth2-adapter.ts';
import { createOidcAdapter } from './oidc-adapter.ts';
import type { OidcProtocol, Preset } from './presets.ts';
import { createOAuth2ProviderAdapter } from './presets/index.ts';
import type { IdentityProvider, ProviderKind } from './provider.ts';
import type { UpstreamAdapter } from './upstream.ts';

/**
 * Every protocol by kind: the shape of its stored settings and how to make its adapter from them,
 * the opened secret and the sign-in's context. The sign-in (src/identity-providers/idp-sign-in.ts)
 * only ever asks this table, so it never knows which protocol it talks to.
 */
export interface ProtocolContext extends OAuth2Context {
  preset: Preset | null;
  /** The provider's sign-in rules an authorization request carries. */
  request: Omit<OAuth2RequestOptions, 'quirks'>;
}

export interface ProtocolEntry<C> {
  configSchema: TSchema;
  create(config: C, secrets: { secret?: string }, ctx: ProtocolContext): UpstreamAdapter;
}

const Url = Type.String({ pattern: '^https?://[^\\s/?#]+[^\\s]*$', maxLength: 2000 });

/** The stored settings of kind `oidc` (src/identity-providers/presets.ts OidcProtocol). */
export const oidcConfigSchema = Type.Object(
  {
    issuer: Url,
    client_id: Type.String({ minLength: 1, maxLength: 500 }),
    token_auth: Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post'), Type.Literal('none')]),
    response_mode: Type.Union([Type.Literal('query'), Type.Literal('form_post')]),
    issuer_template: Type.Optional(Url),
    team_id: Type.Optional(Type.String({ maxLength: 100 })),
    key_id: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type OidcConfig = Static<typeof oidcConfigSchema> & OidcProtocol;

const oidc: ProtocolEntry<OidcProtocol> = {
  configSchema: oidcConfigSchema,
  create: (config, secrets, ctx) => createOidcAdapter(ctx.preset, config, { secret: secrets.secret }, ctx, ctx.request),
};

const oauth2: ProtocolEntry<OAuth2Config> = {
  configSchema: oauth2ConfigSchema,
  create: (config, secrets, ctx) => createOAuth2ProviderAdapter(ctx.preset, config, { clientSecret: secrets.secret }, ctx, ctx.request),
};

/** The kinds whose sign-in is built; `saml` joins with its adapter (src/identity-providers/saml/). */
export const protocols: Partial<Record<ProviderKind, ProtocolEntry<never>>> = {
  oidc: oidc as ProtocolEntry<never>,
  oauth2: oauth2 as ProtocolEntry<never>,
};

/** The adapter for a stored provider, or idp.disabled for a kind this server cannot sign in with yet. */
export function adapterFor(provider: IdentityProvider, secret: string | undefined, ctx: Omit<ProtocolContext, 'preset' | 'request'>): UpstreamAdapter {
  const entry = protocols[provider.kind] as ProtocolEntry<unknown> | undefined;
  if (!entry) throw new AppError('idp.disabled', `Signing in through ${provider.kind} providers is not available on this server yet.`);
  const request = { scopes: provider.scopes, prompt: provider.prompt, authorizeParams: provider.authorizeParams };
  return entry.create(provider.protocol, secret === undefined ? {} : { secret }, { ...ctx, preset: provider.preset, request });
}
