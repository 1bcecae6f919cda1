import { randomBytes } from 'node:crypto';
import type { Application } from '../contracts.ts';

/**
 * An application as oidc-provider's client metadata. Its secret is stored hashed by the
 * applications module, so the provider never sees it: the `client_secret` here is a random
 * placeholder that the provider's schema requires for confidential clients, never compared — the
 * provider's secret comparison is replaced by `ApplicationDirectory.secretChecker`
 * (src/oidc/realm-provider.ts), and HMAC client authentication (client_secret_jwt) is off.
 */
const PLACEHOLDER_SECRET = randomBytes(32).toString('base64url');

const RESPONSE_TYPES_FOR_CODE = ['code'];

export function clientMetadata(application: Application): Record<string, unknown> {
  const confidential = application.tokenEndpointAuthMethod === 'client_secret_basic' || application.tokenEndpointAuthMethod === 'client_secret_post';
  const usesCode = application.grantTypes.includes('authorization_code');
  return {
    client_id: application.clientId,
    client_name: application.name,
    ...(application.logoUrl ? { logo_uri: application.logoUrl } : {}),
    application_type: application.kind === 'native' ? 'native' : 'web',
    grant_types: application.grantTypes,
    response_types: usesCode ? RESPONSE_TYPES_FOR_CODE : [],
    redirect_uris: usesCode ? application.redirectUris : [],
    post_logout_redirect_uris: application.postLogoutRedirectUris,
    token_endpoint_auth_method: application.tokenEndpointAuthMethod,
    ...(confidential ? { client_secret: PLACEHOLDER_SECRET } : {}),
    // No user scopes (a machine client): its tokens carry only what its resource server defines.
    ...(application.scopes.length > 0 ? { scope: application.scopes.join(' ') } : {}),
    ...(application.jwks ? { jwks: application.jwks } : {}),
    ...(application.jwksUri ? { jwks_uri: application.jwksUri } : {}),
    ...(application.backchannelLogoutUri ? { backchannel_logout_uri: application.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}
