import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { PasskeyService } from '../../passkeys/passkey-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { PasskeyList, toPasskeyResponse } from './passkey-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
const PasskeyParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.'), passkey: id('Passkey id (`pk_…`).') });
type UserParams = Static<typeof UserParams>;
const NoQuery = Type.Object({}, { additionalProperties: false });

/** Operators see a user's passkeys (`realm.read`) and remove one (`realm.manage`), e.g. a lost laptop. */
export function adminUserPasskeyRoutes(deps: { lookup: RealmLookup; authenticate: OperatorAuthenticator; passkeys: Pick<PasskeyService, 'listForOperator' | 'removeForOperator'> }): RouteTree {
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(deps.lookup, request, kind);

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: UserParams; Querystring: Static<typeof NoQuery> }>(
      '/admin/v1/realms/:realm/users/:user/passkeys',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "A user's passkeys (public data only)",
          params: UserParams,
          querystring: NoQuery,
          response: { 200: PasskeyList, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return { items: (await deps.passkeys.listForOperator(realm, request.params.user)).map(toPasskeyResponse) };
      },
    );

    app.delete<{ Params: Static<typeof PasskeyParams> }>(
      '/admin/v1/realms/:realm/users/:user/passkeys/:passkey',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "Remove one of a user's passkeys (event passkey.removed)",
          params: PasskeyParams,
          response: { 204: Type.Null({ description: 'Removed.' }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await deps.passkeys.removeForOperator(realm, request.params.user, request.params.passkey, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
