import type { Realm } from '../realms/realm.ts';
import { issuerOf } from '../tokens/access-tokens.ts';

/**
 * The realm's own client, used by the hosted sign-in page for direct use
 * (`/realms/{realm}/login?redirect_uri=`): a public client (PKCE) with implicit consent, never an
 * application of the realm and never listed to users. Its only redirect URI is a callback under
 * the issuer, which sends the browser on to the return address the pages checked.
 */
export const PAGES_CLIENT_ID = 'keyrealm-pages';
export const PAGES_CALLBACK_PATH = '/oidc/callback/pages';

export const pagesClient = {
  clientId: PAGES_CLIENT_ID,
  metadata(publicUrl: string, realm: Realm): Record<string, unknown> {
    return {
      client_id: PAGES_CLIENT_ID,
      client_name: realm.public_info.display_name ?? realm.name,
      application_type: 'web',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [`${issuerOf(publicUrl, realm.id)}${PAGES_CALLBACK_PATH}`],
      token_endpoint_auth_method: 'none',
      scope: 'openid',
    };
  },
};
