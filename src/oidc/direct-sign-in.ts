import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Realm } from '../realms/realm.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import { purposeKey } from '../platform/master-key.ts';

/**
 * The realm's own client, used by the hosted sign-in page for direct use
 * (`/realms/{realm}/login?redirect_uri=`): a public client (PKCE) with implicit consent, never an
 * application of the realm and never listed to users. Its only redirect URI is a callback under
 * the issuer, which sends the browser on to the return address the pages checked — carried in
 * `state`, signed with a key derived from the master key, so the callback can send the browser
 * nowhere else.
 */
export const PAGES_CLIENT_ID = 'keyrealm-pages';
export const PAGES_CALLBACK_PATH = '/oidc/callback/pages';

/** How long a direct sign-in may take from the login page to the callback. */
export const DIRECT_SIGN_IN_MS = 60 * 60_000;

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

export function createDirectSignInState(masterKey: Buffer, now: () => number) {
  const key = purposeKey(masterKey, 'keyrealm direct sign-in state');
  const mac = (realmId: string, body: string) => createHmac('sha256', key).update(`${realmId}.${body}`).digest();
  return {
    /** `returnTo` and a deadline, signed for this realm only. */
    seal(realmId: string, returnTo: string): string {
      const body = Buffer.from(JSON.stringify({ r: returnTo, e: now() + DIRECT_SIGN_IN_MS })).toString('base64url');
      return `${body}.${mac(realmId, body).toString('base64url')}`;
    },
    /** The return address, or undefined for a state that is forged, of another realm or too old. */
    open(realmId: string, state: string): string | undefined {
      const [body, signature, extra] = state.split('.');
      if (!body || !signature || extra !== undefined) return undefined;
      const expected = mac(realmId, body);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const { r, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { r: string; e: number };
      return typeof r === 'string' && typeof e === 'number' && now() <= e ? r : undefined;
    },
  };
}

export type DirectSignInState = ReturnType<typeof createDirectSignInState>;
