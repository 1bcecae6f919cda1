import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyService, KeyOwner } from '../../api-keys/api-key-service.ts';
import type { RealmLookup } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { ApiKeyList, ApiKeyText, CreatedApiKey, KeyIdParam, NewApiKeyBody, toApiKeyResponse } from './api-key-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });

type Params = { realm: string; user?: string; id?: string };

/** The two kinds of key an operator manages: a user's, and the realm's own service-account keys. */
const owners: { path: string; params: TProperties; ownerOf: (params: Params) => KeyOwner; what: string }[] = [
  { path: '/admin/v1/realms/:realm/users/:user/api-keys', params: { realm: id('Realm id or slug.'), user: id('User id.') }, ownerOf: (p) => ({ userId: p.user ?? '' }), what: "a user's" },
  { path: '/admin/v1/realms/:realm/api-keys', params: { realm: id('Realm id or slug.') }, ownerOf: () => 'service', what: "the realm's service-account" },
];

/**
 * Operators list, create, revoke (`realm.manage` to change, `realm.read` to list) and — for keys
 * sealed under the `encrypt` policy — read back API keys; each retrieval is an event.
 */
export function adminApiKeyRoutes(deps: { lookup: RealmLookup; authenticate: OperatorAuthenticator; apiKeys: Pick<ApiKeyService, 'list' | 'create' | 'revoke' | 'retrieve'> }): RouteTree {
  const realmFor = (request: FastifyRequest<{ Params: Params }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(deps.lookup, request, kind);
  const common = { tags: ['api-keys'], security: [{ bearer: [] }] };

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    for (const { path, params, ownerOf, what } of owners) {
      const ListParams: TObject = Type.Object(params, { additionalProperties: false });
      const KeyParams: TObject = Type.Object({ ...params, id: KeyIdParam }, { additionalProperties: false });

      app.get<{ Params: Params }>(path, { schema: { ...common, summary: `List ${what} API keys`, params: ListParams, response: { 200: ApiKeyList, ...errorResponses(400, 401, 403, 404) } } }, async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return { items: (await deps.apiKeys.list(realm, ownerOf(request.params))).map(toApiKeyResponse) };
      });

      app.post<{ Params: Params; Body: typeof NewApiKeyBody.static }>(
        path,
        {
          schema: {
            ...common,
            summary: `Create ${what} API key (event api_key.created); \`api_key\` is shown only in this answer`,
            params: ListParams,
            body: NewApiKeyBody,
            response: { 201: CreatedApiKey, ...errorResponses(400, 401, 403, 404, 422, 429) },
          },
        },
        async (request, reply) => {
          const { realm, actor } = await realmFor(request, 'realm.manage');
          const { key, text } = await deps.apiKeys.create(realm, ownerOf(request.params), request.body, actor, originOf(request));
          return reply.status(201).send({ ...toApiKeyResponse(key), api_key: text });
        },
      );

      app.delete<{ Params: Params }>(
        `${path}/:id`,
        { schema: { ...common, summary: `Revoke ${what} API key (event api_key.revoked)`, params: KeyParams, response: { 204: Type.Null({ description: 'Revoked.' }), ...errorResponses(400, 401, 403, 404) } } },
        async (request, reply) => {
          const { realm, actor } = await realmFor(request, 'realm.manage');
          await deps.apiKeys.revoke(realm, ownerOf(request.params), request.params.id ?? '', actor, originOf(request));
          return reply.status(204).send();
        },
      );

      app.post<{ Params: Params }>(
        `${path}/:id/retrieve`,
        {
          schema: {
            ...common,
            summary: `Read back ${what} API key kept under the \`encrypt\` policy (event api_key.retrieved)`,
            params: KeyParams,
            response: { 200: ApiKeyText, ...errorResponses(400, 401, 403, 404, 422) },
          },
        },
        async (request) => {
          const { realm, actor } = await realmFor(request, 'realm.manage');
          return { api_key: await deps.apiKeys.retrieve(realm, ownerOf(request.params), request.params.id ?? '', actor, originOf(request)) };
        },
      );
    }
  };
}
