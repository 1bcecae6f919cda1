import { Type, type Static } from '@sinclair/typebox';
import type { OperatorApplication } from '../../operators/operator-application-store.ts';
import type { OperatorApplications } from '../../operators/operator-applications.ts';
import type { RouteTree } from '../app.ts';
import { authorize, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Page, PageQuery, Timestamp } from '../schemas.ts';
import { GrantSchema } from './admin-operators.ts';

const OperatorApplicationResponse = Type.Object({
  client_id: Type.String({ description: 'The machine application of the admin realm (its client_id).' }),
  name: Type.String(),
  enabled: Type.Boolean({ description: 'Whether the application is switched on: while off, its tokens work nowhere.' }),
  grants: Type.Array(GrantSchema),
  created_at: Timestamp,
  updated_at: Timestamp,
});

const GrantsBody = Type.Object({ grants: Type.Array(GrantSchema, { minItems: 1, maxItems: 20 }) }, { additionalProperties: false });
const ApplicationParams = Type.Object({ application: Type.String({ minLength: 1, maxLength: 100 }) });
const ListQuery = Type.Object(PageQuery);

const toResponse = (found: OperatorApplication) => ({
  ...found,
  created_at: new Date(found.created_at).toISOString(),
  updated_at: new Date(found.updated_at).toISOString(),
});

const tags = ['operators'];
const security = [{ bearer: [] }];
const path = '/admin/v1/operator-applications/:application';

/**
 * /admin/v1/operator-applications: machine applications of the admin realm acting as operators
 * with their client-credentials tokens. Reading needs `operators.read`, changing `operators.manage`.
 */
export function adminOperatorApplicationRoutes(deps: { operatorApplications: OperatorApplications; authenticate: OperatorAuthenticator }): RouteTree {
  const { operatorApplications } = deps;
  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Querystring: Static<typeof ListQuery> }>(
      '/admin/v1/operator-applications',
      { schema: { tags, security, summary: 'List operator applications', querystring: ListQuery, response: { 200: Page(OperatorApplicationResponse), ...errorResponses(400, 401, 403) } } },
      async (request) => {
        authorize(request, { kind: 'operators.read' });
        const page = await operatorApplications.list(request.query);
        return { items: page.items.map(toResponse), next_cursor: page.next_cursor };
      },
    );

    app.get<{ Params: Static<typeof ApplicationParams> }>(
      path,
      { schema: { tags, security, summary: 'Get an operator application', params: ApplicationParams, response: { 200: OperatorApplicationResponse, ...errorResponses(401, 403, 404) } } },
      async (request) => {
        authorize(request, { kind: 'operators.read' });
        return toResponse(await operatorApplications.get(request.params.application));
      },
    );

    app.put<{ Params: Static<typeof ApplicationParams>; Body: Static<typeof GrantsBody> }>(
      path,
      {
        schema: {
          tags,
          security,
          summary: 'Give a machine application of the admin realm operator grants (replacing those it had)',
          description: 'Its client-credentials tokens from the admin realm then work on the admin API with these grants.',
          params: ApplicationParams,
          body: GrantsBody,
          response: { 200: OperatorApplicationResponse, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const principal = authorize(request, { kind: 'operators.manage' });
        return toResponse(await operatorApplications.grant(request.params.application, request.body.grants, principal.actor));
      },
    );

    app.delete<{ Params: Static<typeof ApplicationParams> }>(
      path,
      { schema: { tags, security, summary: 'Take an operator application\u2019s grants away (the application stays)', params: ApplicationParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        const principal = authorize(request, { kind: 'operators.manage' });
        await operatorApplications.revoke(request.params.application, principal.actor);
        return reply.status(204).send();
      },
    );
  };
}
