import { Type, type Static } from '@sinclair/typebox';
import type { UpstreamProfile } from './upstream.ts';

/**
 * What a provider of kind `oauth2` is configured with, and what its adapter
 * (src/identity-providers/oauth2-adapter.ts) is given: apart from the adapter, so the admin API's
 * schemas and the presets' types do not load openid-client, which only a sign-in needs.
 */

// http:// is refused at run time unless the context allows it (tests, development): openid-client's rule.
const HttpsUrl = (description: string) => Type.String({ pattern: '^https?://[^\\s/?#]+[^\\s]*$', maxLength: 2000, description });
const JsonPath = (description: string) => Type.String({ minLength: 1, maxLength: 200, pattern: '^[^.]+(\\.[^.]+)*$', description });

/**
 * The settings of a provider of kind `oauth2`, with the field names the admin API stores
 * (src/identity-providers/presets.ts OAuth2Protocol), plus the RFC 9207 issuer a provider may have.
 */
export const oauth2ConfigSchema = Type.Object(
  {
    authorization_url: HttpsUrl('Authorization endpoint the browser is sent to.'),
    token_url: HttpsUrl('Token endpoint the code is exchanged at.'),
    profile_url: HttpsUrl('Endpoint answering the account as a JSON object for the access token.'),
    client_id: Type.String({ minLength: 1, maxLength: 500 }),
    token_auth: Type.Optional(Type.Union([Type.Literal('client_secret_basic'), Type.Literal('client_secret_post')], { description: 'How the client authenticates at the token endpoint; client_secret_basic when unset.' })),
    // Optional rather than defaulted: bodies are validated without applying defaults, and PKCE must not fall off.
    pkce: Type.Optional(Type.Boolean({ description: 'Send an S256 PKCE challenge (RFC 7636); on unless set to false for a provider that refuses one.' })),
    claims: Type.Object(
      {
        subject: JsonPath('Dotted path of the stable account id in the profile (GitHub: id).'),
        email: Type.Optional(JsonPath('Path of the e-mail address.')),
        email_verified: Type.Optional(JsonPath('Path of a true (or "true") saying the provider verified the address; without it no address counts as verified.')),
        name: Type.Optional(JsonPath('Path of the display name.')),
        given_name: Type.Optional(JsonPath('Path of the given name.')),
        family_name: Type.Optional(JsonPath('Path of the family name.')),
        picture: Type.Optional(JsonPath('Path of the picture URL.')),
      },
      { additionalProperties: false },
    ),
    issuer: Type.Optional(HttpsUrl("The provider's issuer identifier (RFC 8414), when it has one: an `iss` in the callback must equal it.")),
    iss_parameter_required: Type.Optional(Type.Boolean({ description: 'The provider declares authorization_response_iss_parameter_supported: a callback without `iss` is refused.' })),
  },
  { additionalProperties: false },
);

export type OAuth2Config = Static<typeof oauth2ConfigSchema>;

/** The provider's sign-in rules the authorization request carries (src/identity-providers/provider.ts). */
export interface OAuth2RequestOptions {
  scopes?: string[];
  prompt?: string | null;
  /** Extra parameters; those the adapter sets itself always win over them. */
  authorizeParams?: Record<string, string>;
  quirks?: OAuth2Quirks;
}

export interface OAuth2Secrets {
  clientSecret?: string;
}

export interface OAuth2Context {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (the realm's clock). */
  now: () => number;
  /** Allow http:// endpoints: tests and development only. */
  allowInsecure?: boolean;
  /** How long each call to the provider may take; UPSTREAM_TIMEOUT_SECONDS when unset. */
  timeoutSeconds?: number;
}

/** A JSON GET with the sign-in's access token, bounded like the profile (for quirks such as GitHub's e-mail list). */
export type FetchJson = (url: string) => Promise<unknown>;

/** A preset's quirks (src/identity-providers/presets/). */
export interface OAuth2Quirks {
  /** The parameter carrying a login hint (GitHub: login); login_hint when unset. */
  loginHintParameter?: string;
  /** Applied after the claim mapping; may read more with the same token (GitHub's e-mail list). */
  profileFrom?(mapped: UpstreamProfile, fetchJson: FetchJson, config: OAuth2Config): Promise<UpstreamProfile>;
}
