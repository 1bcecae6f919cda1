import { KeyrealmError } from './errors.ts';

/**
 * The access tokens of an operator application: a machine application of the `admin` realm that a
 * superadmin gave operator grants (`PUT /admin/v1/operator-applications/{client_id}`). Tokens come
 * from the admin realm's token endpoint (found once through its discovery document) with the
 * client-credentials grant, are kept until shortly before they expire, and are fetched again then
 * or after a 401 — one request however many calls wait. A refusal by the token endpoint is a
 * KeyrealmError whose code is the OAuth error (`oauth.invalid_client`).
 */
export interface ClientCredentialsOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/** Fetch a new token this long before the current one expires (ms). */
const EARLY_MS = 30_000;

export function clientCredentialsTokens(options: ClientCredentialsOptions): { token: () => Promise<string>; renew: () => Promise<boolean> } {
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');
  // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined.
  const credentials = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`);
  let tokenEndpoint: Promise<string> | undefined;
  let current: { token: string; expiresAt: number } | undefined;
  let fetching: Promise<boolean> | undefined;

  async function discover(): Promise<string> {
    const answer = await send(`${base}/realms/admin/.well-known/openid-configuration`);
    if (!answer.ok) throw new KeyrealmError({ status: answer.status, code: 'sdk.discovery_failed', message: `The admin realm's discovery document answered ${answer.status}.` });
    return String(((await answer.json()) as { token_endpoint?: unknown }).token_endpoint);
  }

  async function fetchToken(): Promise<boolean> {
    tokenEndpoint ??= discover().catch((error: unknown) => {
      tokenEndpoint = undefined;
      throw error;
    });
    const answer = await send(await tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = (await answer.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!answer.ok || !body.access_token) {
      current = undefined;
      throw new KeyrealmError({ status: answer.status, code: `oauth.${body.error ?? 'error'}`, message: body.error_description ?? `The token endpoint answered ${answer.status}.` });
    }
    current = { token: body.access_token, expiresAt: now() + (body.expires_in ?? 0) * 1000 };
    return true;
  }

  const renew = (): Promise<boolean> => {
    fetching ??= fetchToken().finally(() => {
      fetching = undefined;
    });
    return fetching;
  };

  return {
    async token() {
      if (!current || now() >= current.expiresAt - EARLY_MS) await renew();
      return (current as { token: string }).token;
    },
    renew,
  };
}
