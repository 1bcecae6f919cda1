import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../../contracts.ts';
import type { MfaService } from '../../mfa/mfa-service.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { FactorListResponse, toFactorListResponse } from './mfa-schema.ts';

const id = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const UserParams = Type.Object({ realm: id('Realm id or slug.'), user: id('User id.') });
type UserParams = Static<typeof UserParams>;
const NoQuery = Type.Object({}, { additionalProperties: false });

/** Operators see a user's second factors (`realm.read`) and reset them all (`realm.manage`), e.g. after a lost phone. */
export function adminUserMfaRoutes(deps: { lookup: RealmLookup; authenticate: OperatorAuthenticator; mfa: Pick<MfaService, 'listForOperator' | 'reset'> }): RouteTree {
  const realmFor = (request: FastifyRequest<{ Params: { realm: string } }>, kind: 'realm.read' | 'realm.manage') => operatorRealm(deps.lookup, request, kind);

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: UserParams; Querystring: Static<typeof NoQuery> }>(
      '/admin/v1/realms/:realm/users/:user/mfa',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "A user's second factors (never their secrets) and unused recovery codes",
          params: UserParams,
          querystring: NoQuery,
          response: { 200: FactorListResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const { realm } = await realmFor(request, 'realm.read');
        return toFactorListResponse(await deps.mfa.listForOperator(realm, request.params.user));
      },
    );

    app.delete<{ Params: UserParams }>(
      '/admin/v1/realms/:realm/users/:user/mfa',
      {
        schema: {
          tags: ['users'],
          security: [{ bearer: [] }],
          summary: "Reset a user's second factors: every factor and recovery code is removed (event user.mfa_reset)",
          params: UserParams,
          response: { 204: Type.Null({ description: 'Reset.' }), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const { realm, actor } = await realmFor(request, 'realm.manage');
        await deps.mfa.reset(realm, request.params.user, actor, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
