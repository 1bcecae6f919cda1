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
 *
 * Hidden from the OpenAPI document, like the hosted pages: these endpoints speak OAuth's and OpenID
 * Connect's own protocol and error shape (RFC 6749 §5.2, error pages for browsers), described by
 * the discovery document and docs/oidc.md, not by the REST API's conventions.
 */
const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id (a slug is redirected to it).' }) });
type Params = Static<typeof RealmParams>;

/** What the authorization server sends back to the pages client's callback (the code itself is never used). */
const CallbackQuery = Type.Object({
  state: Type.Optional(Type.String({ maxLength: 4096 })),
  iss: Type.Optional(Type.String({ maxLength: 2048 })),
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});

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
      // The provider writes the response itself; the hooks' headers are on the reply it never sends.
      reply.raw.setHeader('x-request-id', request.id);
      reply.raw.setHeader('x-content-type-options', 'nosniff');
      reply.hijack();
      // The provider sees paths below the realm's prefix. Fastify keeps `originalUrl` from its first
      // read, so reading it now lets the request log name the whole path.
      void request.originalUrl;
      await serve(request.raw, reply.raw, originOf(request));
    }

    app.get<{ Params: Params }>(
      '/realms/:realm/.well-known/openid-configuration',
      { schema: { hide: true, params: RealmParams } },
      forward,
    );
    app.get<{ Params: Params; Querystring: Static<typeof CallbackQuery> }>(
      '/realms/:realm/oidc/callback/pages',
      // Where a direct sign-in on the hosted pages returns: on to the address the sign-in page was given.
      { schema: { hide: true, params: RealmParams, querystring: CallbackQuery } },
      async (request, reply) => {
        const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
        return reply.redirect(deps.oidc.finishDirectSignIn(realm, request.query.state, request.query.iss), 303);
      },
    );
    app.all<{ Params: Params }>(
      '/realms/:realm/oidc/*',
      { schema: { hide: true, params: RealmParams } },
      forward,
    );
  };
}
