import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApiKeyService } from '../../api-keys/api-key-service.ts';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import { resolveActiveRealm } from '../../realms/resolve-realm.ts';
import type { RouteTree } from '../app.ts';
import { bearerToken } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses, Nullable } from '../schemas.ts';
import { signedIn } from './account.ts';
import { ApiKeyList, CreatedApiKey, KeyIdParam, NewApiKeyBody, toApiKeyResponse } from './api-key-schema.ts';
import { RealmParams } from './public-auth.ts';

const KeyParams = Type.Object({ realm: Type.String(), id: KeyIdParam }, { additionalProperties: false });
const ExchangedToken = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Nullable(Type.Integer({ description: 'Seconds; the realm\'s `api_keys.token_minutes`.' })),
});

const tags = ['account'];
const security = [{ bearer: [] }];

/**
 * The signed-in user's own API keys (see, create — the key shown once —, revoke), and the exchange
 * of a key (`Authorization: Bearer <key>`) for a short-lived access token.
 */
export function accountApiKeyRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; apiKeys: Pick<ApiKeyService, 'list' | 'create' | 'revoke' | 'exchange'> }): RouteTree {
  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/api-keys',
      { schema: { tags, summary: 'Your API keys, newest first (never the keys themselves)', security, params: RealmParams, response: { 200: ApiKeyList, ...errorResponses(401, 404) } } },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return { items: (await deps.apiKeys.list(realm, { userId })).map(toApiKeyResponse) };
      },
    );

    app.post<{ Params: Static<typeof RealmParams>; Body: Static<typeof NewApiKeyBody> }>(
      '/realms/:realm/account/api-keys',
      {
        schema: {
          tags,
          summary: 'Create an API key (event api_key.created; needs a sign-in within 5 minutes); `api_key` is shown only in this answer',
          security,
          params: RealmParams,
          body: NewApiKeyBody,
          response: { 201: CreatedApiKey, ...errorResponses(400, 401, 403, 404, 422, 429) },
        },
      },
      async (request, reply) => {
        const { realm, userId, claims } = await signedIn(deps, request);
        const { key, text } = await deps.apiKeys.create(realm, { userId, claims }, request.body, { type: 'user', id: userId }, originOf(request));
        return reply.status(201).send({ ...toApiKeyResponse(key), api_key: text });
      },
    );

    app.delete<{ Params: Static<typeof KeyParams> }>(
      '/realms/:realm/account/api-keys/:id',
      { schema: { tags, summary: 'Revoke one of your API keys (event api_key.revoked)', security, params: KeyParams, response: { 204: Type.Null({ description: 'Revoked.' }), ...errorResponses(400, 401, 404) } } },
      async (request, reply) => {
        const { realm, userId } = await signedIn(deps, request);
        await deps.apiKeys.revoke(realm, { userId }, request.params.id, { type: 'user', id: userId }, originOf(request));
        return reply.status(204).send();
      },
    );

    app.post<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/auth/api-key/token',
      {
        schema: {
          tags: ['auth'],
          summary: "Exchange a user's API key (`Authorization: Bearer <key>`) for an access token of `api_keys.token_minutes` (event api_key.exchanged)",
          security,
          params: RealmParams,
          response: { 200: ExchangedToken, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const realm = await resolveActiveRealm(deps.lookup, request.params.realm);
        const issued = await deps.apiKeys.exchange(realm, bearerToken(request), originOf(request));
        return { access_token: issued.token, token_type: 'Bearer' as const, expires_in: issued.expiresIn };
      },
    );
  };
}
