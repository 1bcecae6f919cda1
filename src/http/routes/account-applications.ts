import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ApplicationService } from '../../applications/application-service.ts';
import type { RealmLookup, TokenValidator } from '../../contracts.ts';
import type { RouteTree } from '../app.ts';
import { originOf } from '../request-origin.ts';
import { errorResponses } from '../schemas.ts';
import { signedIn } from './account.ts';
import { ConsentedApplicationResponse, toConsentedApplication } from './application-schema.ts';
import { RealmParams } from './public-auth.ts';

const ApplicationParams = Type.Object({ realm: Type.String(), app: Type.String({ minLength: 1, maxLength: 100, description: 'The application id (its client_id).' }) }, { additionalProperties: false });
const ConsentList = Type.Object({ items: Type.Array(ConsentedApplicationResponse) });
const NoContent = Type.Null({ description: 'No content.' });

const tags = ['account'];
const security = [{ bearer: [] }];

/**
 * The applications the signed-in user let in, and withdrawing that: the application must ask
 * again, and what it was issued for the user ends. (At most one consent per application of the
 * realm, so the list needs no pages.)
 */
export function accountApplicationRoutes(deps: { lookup: RealmLookup; auth: TokenValidator; applications: Pick<ApplicationService, 'consentsOf' | 'revokeConsent'> }): RouteTree {
  return async (app: FastifyInstance) => {
    app.get<{ Params: Static<typeof RealmParams> }>(
      '/realms/:realm/account/applications',
      {
        schema: {
          tags,
          summary: 'The applications you consented to, most recent first',
          security,
          params: RealmParams,
          response: { 200: ConsentList, ...errorResponses(401, 404) },
        },
      },
      async (request) => {
        const { realm, userId } = await signedIn(deps, request);
        return { items: (await deps.applications.consentsOf(realm, userId)).map(toConsentedApplication) };
      },
    );

    app.delete<{ Params: Static<typeof ApplicationParams> }>(
      '/realms/:realm/account/applications/:app',
      {
        schema: { tags, summary: "Withdraw your consent to an application and end what it holds for you", security, params: ApplicationParams, response: { 204: NoContent, ...errorResponses(401, 404) } },
      },
      async (request, reply) => {
        const { realm, userId } = await signedIn(deps, request);
        await deps.applications.revokeConsent(realm, userId, request.params.app, originOf(request));
        return reply.status(204).send();
      },
    );
  };
}
