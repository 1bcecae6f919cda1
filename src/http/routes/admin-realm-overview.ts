import { Type, type Static } from '@sinclair/typebox';
import type { RealmLookup } from '../../contracts.ts';
import type { RealmOverviewService } from '../../realms/realm-overview.ts';
import type { RouteTree } from '../app.ts';
import { operatorRealm, requireOperator, type OperatorAuthenticator } from '../operator-guard.ts';
import { errorResponses } from '../schemas.ts';
import { EventResponse } from './admin-events.ts';

const RealmParams = Type.Object({ realm: Type.String({ minLength: 1, maxLength: 100, description: 'Realm id or slug.' }) });

const count = (description: string) => Type.Integer({ minimum: 0, description });

const OverviewResponse = Type.Object({
  users: Type.Object(
    {
      total: count('Users of the realm (deleted ones are gone).'),
      active: count('Users in state active.'),
      inactive: count('Users in state inactive.'),
      locked: count('Locked users, active or inactive.'),
    },
    { description: 'active + inactive = total.' },
  ),
  sign_ins: Type.Object(
    {
      today: count('Successful sign-ins (user.login.succeeded, every method) since 00:00 UTC.'),
      failed_today: count('Refused sign-in steps (user.login.failed) and failed identity-provider sign-ins (identity_provider.sign_in_failed) since 00:00 UTC.'),
    },
    { description: "Today is since 00:00 UTC by the server's clock." },
  ),
  last_events: Type.Array(EventResponse, { maxItems: 10, description: 'The 10 newest events, newest first, as GET …/events lists them.' }),
});

/** GET /admin/v1/realms/{realm}/overview: a realm at a glance for the admin console; needs `realm.read`. */
export function adminRealmOverviewRoutes(deps: { overview: RealmOverviewService; lookup: RealmLookup; authenticate: OperatorAuthenticator }): RouteTree {
  return async (app) => {
    // Authentication before parsing: callers without a valid operator token learn nothing more.
    app.addHook('onRequest', requireOperator(deps.authenticate));

    app.get<{ Params: Static<typeof RealmParams> }>(
      '/admin/v1/realms/:realm/overview',
      {
        schema: {
          tags: ['realms'],
          security: [{ bearer: [] }],
          summary: "A realm at a glance: its users, today's sign-ins and the newest events",
          params: RealmParams,
          response: { 200: OverviewResponse, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const { realm } = await operatorRealm(deps.lookup, request, 'realm.read');
        return deps.overview.of(realm.id);
      },
    );
  };
}
