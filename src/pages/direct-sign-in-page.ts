/**
 * Direct use of the realm's sign-in page: `/realms/{realm}/login?redirect_uri=…`, and the direct
 * link to one of its identity providers, `/realms/{realm}/login/{idp}?redirect_uri=…`, which skips
 * the page for that provider (the request's `idp_hint`; an unknown or disabled one shows the page).
 * The address must be, exactly, a redirect URI one of the realm's enabled applications registered;
 * anything else gets a page saying so and no redirect. A valid one starts the provider's own
 * sign-in (the realm's pages client), which returns the browser there signed in, with a provider
 * session that later `prompt=none` requests of any of the realm's applications find.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApplicationDirectory, OidcInteractions, RealmLookup } from '../contracts.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { chooseLocale, translator } from './locale.ts';
import { messageBody, renderHostedPage } from './page-kit.ts';

const Params = Type.Object({ realm: Type.String({ maxLength: 100 }), idp: Type.Optional(Type.String({ maxLength: 100 })) });
const Query = Type.Object({ redirect_uri: Type.Optional(Type.String({ maxLength: 2000 })), ui_locales: Type.Optional(Type.String({ maxLength: 100 })) });
type Route = { Params: Static<typeof Params>; Querystring: Static<typeof Query> };

export function directSignInRoutes(deps: { lookup: RealmLookup; applications: Pick<ApplicationDirectory, 'isRegisteredReturnUri'>; interactions: OidcInteractions }): RouteTree {
  return async (app: FastifyInstance) => {
    showErrorsAsPages(app);
    const handler = async (request: FastifyRequest<Route>, reply: FastifyReply) => {
      const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
      const returnTo = request.query.redirect_uri ?? '';
      if (!returnTo || !(await deps.applications.isRegisteredReturnUri(realm.id, returnTo, 'redirect'))) {
        const locale = chooseLocale(realm, (request.query.ui_locales ?? '').split(' ').filter(Boolean), request.headers['accept-language']);
        const t = translator(realm, locale);
        const page = renderHostedPage({ realm, locale, title: t('error.title'), body: messageBody(t('error.title'), t('error.redirect')) });
        return reply.status(400).headers(page.headers).send(page.html);
      }
      return reply.redirect(await deps.interactions.startDirectSignIn(realm, { req: request.raw, res: reply.raw }, returnTo, request.params.idp), 303);
    };
    const options = { schema: { hide: true, params: Params, querystring: Query } };
    app.get<Route>('/realms/:realm/login', options, handler);
    app.get<Route>('/realms/:realm/login/:idp', options, handler);
  };
}
