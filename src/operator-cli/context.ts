import { KeyrealmAdmin, KeyrealmRealm } from '@keyrealm/sdk';
import { isLoopbackHost } from '../applications/redirect-uris.ts';
import { readCredentials, writeCredentials, type StoredCredentials } from './credentials.ts';
import { CliError, EXIT } from './exit-codes.ts';
import type { Output } from './output.ts';

/**
 * What every command gets: the output, and the admin API as the signed-in operator. The server and
 * token come from `--server`/`--token`, else KEYREALM_SERVER/KEYREALM_TOKEN, else what `keyrealm
 * login` stored; a stored sign-in is renewed with its refresh token when it expires, and the
 * renewed tokens are stored again.
 */
export interface GlobalOptions {
  server?: string;
  token?: string;
  json?: boolean;
  allowHttp?: boolean;
}

export interface CliContext {
  out: Output;
  /** The server's base URL (no trailing slash). */
  server(): string;
  admin(): KeyrealmAdmin;
  /** Aborted on Ctrl-C: long-running commands (a tail, an import) stop at it. */
  signal: AbortSignal;
}

export function createContext(options: GlobalOptions, out: Output, signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): CliContext & { saveRenewed(): Promise<void> } {
  const stored = readCredentials();
  let realm: KeyrealmRealm | undefined;
  let admin: KeyrealmAdmin | undefined;

  function server(): string {
    const url = options.server ?? env.KEYREALM_SERVER ?? stored?.server;
    if (!url) throw new CliError('no server: give --server, set KEYREALM_SERVER, or run `keyrealm login`', EXIT.usage);
    const problem = serverUrlProblem(url, options.allowHttp === true);
    if (problem) throw new CliError(`the server ${url} ${problem}`, EXIT.usage);
    return url.replace(/\/+$/, '');
  }

  function create(): KeyrealmAdmin {
    const baseUrl = server();
    const token = options.token ?? env.KEYREALM_TOKEN;
    if (token) return new KeyrealmAdmin({ baseUrl, token });
    if (!stored || stored.server.replace(/\/+$/, '') !== baseUrl) throw new CliError(`not signed in to ${baseUrl}: run \`keyrealm login\` (or give --token)`, EXIT.unauthenticated);
    realm = new KeyrealmRealm({ baseUrl, realm: 'admin' });
    const expiresIn = stored.expires_at === null ? null : Math.floor((stored.expires_at - Date.now()) / 1000);
    realm.completeSignIn({ access_token: stored.access_token, refresh_token: stored.refresh_token, expires_in: expiresIn, session_id: stored.session_id });
    const session = realm;
    return new KeyrealmAdmin({ baseUrl, token: () => session.accessToken() }, () => session.refresh());
  }

  return {
    out,
    signal,
    server,
    admin() {
      admin ??= create();
      return admin;
    },
    /** After the command: a sign-in renewed on the way is kept for the next one. */
    async saveRenewed() {
      const tokens = realm?.tokens;
      if (!stored || !tokens || tokens.access_token === stored.access_token) return;
      await writeCredentials(toStored(stored.server, tokens));
    },
  };
}

/**
 * Why the CLI will not send a password or token to this URL, or undefined. Over plain http they
 * would cross the network readable by anyone on the way, so http is for this machine only unless
 * the operator says otherwise (a private network they trust).
 */
export function serverUrlProblem(url: string, allowHttp: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL (for example https://id.example.com)';
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol !== 'http:') return 'must be an https URL';
  if (allowHttp || isLoopbackHost(parsed.hostname)) return undefined;
  return 'is plain http on another machine: passwords and tokens would cross the network in clear (use https, or --allow-http on a network you trust)';
}

export function toStored(server: string, tokens: { access_token: string; refresh_token?: string; expires_in: number | null; session_id: string | null }): StoredCredentials {
  return {
    server,
    access_token: tokens.access_token,
    ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : {}),
    expires_at: tokens.expires_in === null ? null : Date.now() + tokens.expires_in * 1000,
    session_id: tokens.session_id,
  };
}
