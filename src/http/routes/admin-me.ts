import { Type } from '@sinclair/typebox';
import type { OperatorIdentity } from '../../operators/operator-service.ts';
import type { OperatorPrincipal } from '../../operators/permissions.ts';
import type { RouteTree } from '../app.ts';
import { operatorOf, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses, Nullable } from '../schemas.ts';
import { GrantSchema } from './admin-operators.ts';

const MeResponse = Type.Object({
  actor: Type.Object({
    type: Type.Union([Type.Literal('operator'), Type.Literal('application')]),
    id: Type.String({ description: "An operator's user id in the admin realm, or an operator application's client id." }),
  }),
  email: Nullable(Type.String({ description: "The operator's email; null for an operator application." })),
  display_name: Nullable(Type.String({ description: "The operator's display name; null for an operator application." })),
  grants: Type.Array(GrantSchema, { description: 'What the caller may do (docs/api.md, Operator permissions).' }),
});

/**
 * GET /admin/v1/me: who the caller is and what it may do, so a console can shape itself. Needs no
 * permission beyond being an operator: one with only an `admin_realm` grant (who cannot read
 * /admin/v1/operators) must still learn its own grants.
 */
export function adminMeRoutes(deps: { operators: { describe(principal: OperatorPrincipal): Promise<OperatorIdentity> }; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get(
      '/admin/v1/me',
      { schema: { tags: ['operators'], security: [{ bearer: [] }], summary: 'The signed-in operator or operator application, and its grants', response: { 200: MeResponse, ...errorResponses(401, 403) } } },
      async (request) => deps.operators.describe(operatorOf(request)),
    );
  };
}
