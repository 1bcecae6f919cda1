/**
 * Direct use of the realm's sign-in page: `/realms/{realm}/login?redirect_uri=…`. The address must
 * be, exactly, a redirect URI one of the realm's enabled applications registered; anything else gets
 * a page saying so and no redirect. A valid one starts the provider's own sign-in (the realm's
 * pages client), which returns the browser there signed in, with a provider session that later
 * `prompt=none` requests of any of the realm's applications find.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApplicationDirectory, OidcInteractions, RealmLookup } from '../contracts.ts';
import type { RouteTree } from '../http/app.ts';
import { showErrorsAsPages } from '../http/pages/page-errors.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { chooseLocale, translator } from './locale.ts';
import { messageBody, renderHostedPage } from './page-kit.ts';

const Params = Type.Object({ realm: Type.String({ maxLength: 100 }) });
const Query = Type.Object({ redirect_uri: Type.Optional(Type.String({ maxLength: 2000 })), ui_locales: Type.Optional(Type.String({ maxLength: 100 })) });

export function directSignInRoutes(deps: { lookup: RealmLookup; applications: Pick<ApplicationDirectory, 'isRegisteredReturnUri'>; interactions: OidcInteractions }): RouteTree {
  return async (app: FastifyInstance) => {
    showErrorsAsPages(app);
    app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>('/realms/:realm/login', { schema: { hide: true, params: Params, querystring: Query } }, async (request, reply) => {
      const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
      const returnTo = request.query.redirect_uri ?? '';
      if (!returnTo || !(await deps.applications.isRegisteredReturnUri(realm.id, returnTo, 'redirect'))) {
        const locale = chooseLocale(realm, (request.query.ui_locales ?? '').split(' ').filter(Boolean), request.headers['accept-language']);
        const t = translator(realm, locale);
        const page = renderHostedPage({ realm, locale, title: t('error.title'), body: messageBody(t('error.title'), t('error.redirect')) });
        return reply.status(400).headers(page.headers).send(page.html);
      }
      return reply.redirect(await deps.interactions.startDirectSignIn(realm, { req: request.raw, res: reply.raw }, returnTo), 303);
    });
  };
}
