import { KeyrealmError } from './errors.ts';

/**
 * The access tokens of an operator application: a machine application of the `admin` realm that a
 * superadmin gave operator grants (`PUT /admin/v1/operator-applications/{client_id}`). Where to get
 * them is read once from the server: the admin API's protected-resource metadata (RFC 9728) names
 * the resource to ask for and its authorization server, whose discovery document names the token
 * endpoint. Tokens are asked for with the client-credentials grant for that resource, kept until
 * shortly before they expire (until a 401 when the answer gives no lifetime), and asked for again
 * then — one request however many calls wait. A refresh that fails while the current token is
 * still valid keeps the current token. A refusal by the token endpoint is a KeyrealmError whose
 * code is the OAuth error (`oauth.invalid_client`). The client secret is sent only to a token
 * endpoint on baseUrl's origin (`sdk.foreign_token_endpoint` otherwise).
 */
export interface ClientCredentialsOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/** A URL's origin; null for one that does not parse. */
const originOf = (url: string): string | null => (URL.canParse(url) ? new URL(url).origin : null);

/** Ask for a new token this long before the current one expires (ms). */
const EARLY_MS = 30_000;

interface Endpoint {
  tokenEndpoint: string;
  resource: string;
}

export function clientCredentialsTokens(options: ClientCredentialsOptions): { token: () => Promise<string>; renew: () => Promise<boolean> } {
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const base = options.baseUrl.replace(/\/+$/, '');
  // RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined.
  const credentials = btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`);
  let endpoint: Promise<Endpoint> | undefined;
  let current: { token: string; expiresAt: number } | undefined;
  let fetching: Promise<boolean> | undefined;

  const unreadable = (what: string, status: number) => new KeyrealmError({ status, code: 'sdk.discovery_failed', message: `${what} could not be read (${status || 'no answer'}).` });

  async function readJson(url: string, what: string): Promise<Record<string, unknown>> {
    const answer = await send(url);
    if (!answer.ok) throw unreadable(what, answer.status);
    return (await answer.json()) as Record<string, unknown>;
  }

  async function discover(): Promise<Endpoint> {
    const metadata = await readJson(`${base}/.well-known/oauth-protected-resource/admin/v1`, "The admin API's resource metadata");
    const issuer = (metadata.authorization_servers as unknown[] | undefined)?.[0];
    if (typeof metadata.resource !== 'string' || typeof issuer !== 'string') throw unreadable("The admin API's resource metadata", 200);
    const configuration = await readJson(`${issuer}/.well-known/openid-configuration`, "The admin realm's discovery document");
    if (typeof configuration.token_endpoint !== 'string') throw unreadable("The admin realm's discovery document", 200);
    // The secret goes only to the server it was given for, whatever the documents name (found by review).
    if (originOf(configuration.token_endpoint) !== originOf(base)) {
      throw new KeyrealmError({ status: 0, code: 'sdk.foreign_token_endpoint', message: `The discovered token endpoint ${configuration.token_endpoint} is not on ${originOf(base)}: the client secret is not sent there.` });
    }
    return { tokenEndpoint: configuration.token_endpoint, resource: metadata.resource };
  }

  async function fetchToken(): Promise<boolean> {
    endpoint ??= discover().catch((error: unknown) => {
      endpoint = undefined;
      throw error;
    });
    const { tokenEndpoint, resource } = await endpoint;
    const answer = await send(tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource }).toString(),
    });
    const body = (await answer.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!answer.ok || !body.access_token) {
      throw new KeyrealmError({ status: answer.status, code: `oauth.${body.error ?? 'error'}`, message: body.error_description ?? `The token endpoint answered ${answer.status}.` });
    }
    current = { token: body.access_token, expiresAt: typeof body.expires_in === 'number' ? now() + body.expires_in * 1000 : Number.POSITIVE_INFINITY };
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
      if (current && now() < current.expiresAt - EARLY_MS) return current.token;
      try {
        await renew();
      } catch (error) {
        // Renewing early failed: a token that has not expired yet still serves.
        if (!current || now() >= current.expiresAt) throw error;
      }
      return (current as { token: string }).token;
    },
    renew,
  };
}
