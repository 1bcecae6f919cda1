import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { Oidc } from '../../oidc/oidc-service.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';

/**
 * Mounts each realm's OpenID Connect provider: discovery at
 * `/realms/{id}/.well-known/openid-configuration` and every endpoint under `/realms/{id}/oidc/…`
 * (docs/oidc.md). The provider reads request bodies itself, so this tree leaves them unread; a
 * slug in place of the id is redirected (308) to the id's path, which is the issuer's.
 */
const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id (a slug is redirected to it).' }) });
type Params = Static<typeof RealmParams>;

const tags = ['oidc'];

export function oidcRoutes(deps: { lookup: RealmLookup; oidc: Pick<Oidc, 'prepare' | 'finishDirectSignIn'> }): RouteTree {
  return async (app) => {
    // Bodies (form posts to token, introspection, PAR…) are the provider's to read.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    async function forward(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply): Promise<void> {
      const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
      const prefix = `/realms/${realm.id}`;
      if (request.params.realm !== realm.id) {
        const rest = request.url.slice(request.url.indexOf('/', '/realms/'.length));
        return reply.redirect(`${prefix}${rest}`, 308);
      }
      const serve = await deps.oidc.prepare(realm, prefix);
      reply.raw.setHeader('x-request-id', request.id);
      reply.hijack();
      await serve(request.raw, reply.raw, originOf(request));
    }

    app.get<{ Params: Params }>(
      '/realms/:realm/.well-known/openid-configuration',
      { schema: { tags, summary: "The realm's OpenID Provider metadata (discovery)", params: RealmParams } },
      forward,
    );
    const CallbackQuery = Type.Object({
      state: Type.Optional(Type.String({ maxLength: 4096 })),
      iss: Type.Optional(Type.String({ maxLength: 2048 })),
      code: Type.Optional(Type.String({ maxLength: 4096 })),
      error: Type.Optional(Type.String({ maxLength: 200 })),
      error_description: Type.Optional(Type.String({ maxLength: 2000 })),
    });
    app.get<{ Params: Params; Querystring: Static<typeof CallbackQuery> }>(
      '/realms/:realm/oidc/callback/pages',
      { schema: { tags, summary: 'Where a direct sign-in on the hosted pages returns; redirects to the address the sign-in page was given', params: RealmParams, querystring: CallbackQuery } },
      async (request, reply) => {
        const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
        return reply.redirect(deps.oidc.finishDirectSignIn(realm, request.query.state, request.query.iss), 303);
      },
    );
    app.all<{ Params: Params }>(
      '/realms/:realm/oidc/*',
      { schema: { tags, summary: "The realm's OpenID Connect endpoints (oidc-provider): authorization, token, userinfo, JWKS, introspection, revocation, logout, device flow, PAR", params: RealmParams } },
      forward,
    );
  };
}
