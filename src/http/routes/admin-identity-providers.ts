import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { ProviderService } from '../../identity-providers/provider-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Page, PageQuery } from '../schemas.ts';
import { CreateProviderBody, PatchProviderBody, ProviderRef, ProviderResponse, toProviderResponse } from './identity-provider-schema.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });
const ProviderParams = Type.Object({ realm: RealmParams.properties.realm, idp: ProviderRef('Identity provider id or slug.') });
const ListQuery = Type.Object(PageQuery, { additionalProperties: false });
const NoContent = Type.Null({ description: 'No content.' });

/**
 * /admin/v1/realms/{realm}/identity-providers: reads need `realm.read` on the realm, changes
 * `realm.manage`. The body's secret is write-only.
 */
export function adminIdentityProviderRoutes(deps: { providers: ProviderService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  const { providers, lookup } = deps;
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(lookup, request, kind);
  const schema = (summary: string, parts: Record<string, TSchema>, response: Record<number, TSchema>, ...errors: number[]) => ({
    schema: { tags: ['identity providers'], security: [{ bearer: [] }], summary, ...parts, response: { ...response, ...errorResponses(401, 403, 404, ...errors) } },
  });

  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));
    const base = '/admin/v1/realms/:realm/identity-providers';

    app.get<{ Params: Static<typeof RealmParams>; Querystring: Static<typeof ListQuery> }>(
      base,
      schema('List identity providers in their sign-in page order', { params: RealmParams, querystring: ListQuery }, { 200: Page(ProviderResponse) }, 400),
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        const found = await providers.list(realm, request.query);
        return { items: found.items.map(toProviderResponse), next_cursor: found.next_cursor };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof CreateProviderBody> }>(
      base,
      schema('Add an identity provider (a preset, or OpenID Connect, OAuth 2.0 or SAML settings)', { params: RealmParams, body: CreateProviderBody }, { 201: ProviderResponse }, 400, 409, 422),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return reply.status(201).send(toProviderResponse(await providers.create(realm, request.body, actor, originOf(request))));
      },
    );

    app.get<{ Params: Static<typeof ProviderParams> }>(`${base}/:idp`, schema('Get an identity provider', { params: ProviderParams }, { 200: ProviderResponse }), async (request) => {
      const { realm } = await realmFor(request, 'realm.read');
      return toProviderResponse(await providers.get(realm, request.params.idp));
    });

    app.patch<{ Params: Static<typeof ProviderParams>; Body: Static<typeof PatchProviderBody> }>(
      `${base}/:idp`,
      schema('Change an identity provider (only the fields given)', { params: ProviderParams, body: PatchProviderBody }, { 200: ProviderResponse }, 400, 409),
      async (request) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        return toProviderResponse(await providers.update(realm, request.params.idp, request.body, actor, originOf(request)));
      },
    );

    app.delete<{ Params: Static<typeof ProviderParams> }>(
      `${base}/:idp`,
      schema('Delete an identity provider and the accounts linked through it', { params: ProviderParams }, { 204: NoContent }),
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await providers.remove(realm, request.params.idp, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
