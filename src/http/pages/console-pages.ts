/**
 * `/console`: the admin console's page for every address below it (the application routes in the
 * browser), and its hashed assets, cached for a year since a new build has new names. The page
 * itself is never cached: it names the current assets and carries the server's settings.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import { AppError } from '../../errors.ts';
import { CONSOLE_CLIENT_ID, CONSOLE_PATH } from '../../console/console-application.ts';
import { chooseEncoding, CONSOLE_CSP, consolePage, loadConsoleBundle, type ConsoleBundle } from '../../console/console-bundle.ts';
import { OIDC_ROUTES } from '../../oidc/realm-provider.ts';
import { resolveRealm } from '../../realms/resolve-realm.ts';
import { issuerOf } from '../../tokens/access-tokens.ts';
import type { RouteTree } from '../app.ts';

interface ConsoleDeps {
  lookup: RealmLookup;
  publicUrl: string;
  version: string;
  /** Where the built bundle is (tests may point elsewhere); read on the first request. */
  load?: () => Promise<ConsoleBundle | undefined>;
}

const ASSET_PATH = `${CONSOLE_PATH}/assets`;

export function consolePageRoutes(deps: ConsoleDeps): RouteTree {
  const load = deps.load ?? (() => loadConsoleBundle());
  let bundle: Promise<ConsoleBundle | undefined> | undefined;
  async function built(): Promise<ConsoleBundle> {
    // A failed read (a rebuild racing it) is tried again by the next request, not kept.
    bundle ??= load().catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
    const found = await bundle;
    if (!found) {
      bundle = undefined;
      throw new AppError('console.not_built', 'The console has not been built: run `npm run build` (npm install does it).');
    }
    return found;
  }

  return async (app) => {
    async function page(_request: FastifyRequest, reply: FastifyReply) {
      const admin = await resolveRealm(deps.lookup, 'admin');
      const issuer = issuerOf(deps.publicUrl, admin.id);
      const authorizationServer = {
        issuer,
        authorization_endpoint: `${issuer}${OIDC_ROUTES.authorization}`,
        token_endpoint: `${issuer}${OIDC_ROUTES.token}`,
        end_session_endpoint: `${issuer}${OIDC_ROUTES.end_session}`,
        // The realm signs with its algorithm only (src/oidc/realm-provider.ts); the page is never cached.
        id_token_signing_alg_values_supported: [admin.tokens.algorithm],
      };
      const html = consolePage(
        await built(),
        { issuer, clientId: CONSOLE_CLIENT_ID, resource: `${deps.publicUrl}/admin/v1`, base: `${deps.publicUrl}${CONSOLE_PATH}`, version: deps.version, authorizationServer },
        ASSET_PATH,
      );
      return reply
        .header('content-security-policy', CONSOLE_CSP)
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        // A site that opened the console keeps no handle on its window (its sign-in redirect is same-origin).
        .header('cross-origin-opener-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(html);
    }
    const hidden = { schema: { hide: true } };
    app.get(CONSOLE_PATH, hidden, page);
    app.get(`${CONSOLE_PATH}/*`, hidden, page);

    app.get<{ Params: { name: string } }>(`${ASSET_PATH}/:name`, hidden, async (request, reply) => {
      const asset = (await built()).assets.get(request.params.name);
      if (!asset) throw new AppError('request.not_found', `No console asset ${request.params.name}.`);
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.identity;
      if (encoding) reply.header('content-encoding', encoding);
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding')
        .type(asset.type)
        .send(body);
    });
  };
}
